import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SCIM server's own store, per connector: the IdP-facing token (hash only), the users and
 * groups the identity provider provisioned, and group membership. The SCIM id of a resource is
 * the row id; the downstream app's id is kept beside it.
 */
export class Scim1763910000000 implements MigrationInterface {
  name = 'Scim1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scim_tokens (
        connector_id uuid NOT NULL CONSTRAINT pk_scim_tokens PRIMARY KEY
          CONSTRAINT fk_scim_tokens_connector REFERENCES connectors(id) ON DELETE CASCADE,
        company_id uuid NOT NULL CONSTRAINT fk_scim_tokens_company REFERENCES companies(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      )`);
    // Every SCIM request looks its token up by hash.
    await q.query(`CREATE UNIQUE INDEX ux_scim_tokens_token_hash ON scim_tokens (token_hash)`);
    await q.query(`CREATE INDEX ix_scim_tokens_company ON scim_tokens (company_id)`);

    await q.query(`
      CREATE TABLE scim_users (
        id uuid NOT NULL CONSTRAINT pk_scim_users PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL CONSTRAINT fk_scim_users_company REFERENCES companies(id) ON DELETE CASCADE,
        connector_id uuid NOT NULL CONSTRAINT fk_scim_users_connector REFERENCES connectors(id) ON DELETE CASCADE,
        user_name text NOT NULL,
        user_name_lower text NOT NULL,
        external_id text,
        active boolean NOT NULL DEFAULT true,
        resource jsonb NOT NULL,
        downstream_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    // userName is unique per connector, compared case-insensitively (RFC 7643 §4.1.1).
    await q.query(`CREATE UNIQUE INDEX ux_scim_users_connector_user_name ON scim_users (connector_id, user_name_lower)`);
    // Lists page in (created_at, id) order; lookups by externalId come from Entra ID.
    await q.query(`CREATE INDEX ix_scim_users_connector_created ON scim_users (connector_id, created_at, id)`);
    await q.query(`CREATE INDEX ix_scim_users_connector_external_id ON scim_users (connector_id, external_id)`);
    await q.query(`CREATE INDEX ix_scim_users_company ON scim_users (company_id)`);

    await q.query(`
      CREATE TABLE scim_groups (
        id uuid NOT NULL CONSTRAINT pk_scim_groups PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL CONSTRAINT fk_scim_groups_company REFERENCES companies(id) ON DELETE CASCADE,
        connector_id uuid NOT NULL CONSTRAINT fk_scim_groups_connector REFERENCES connectors(id) ON DELETE CASCADE,
        display_name text NOT NULL,
        display_name_lower text NOT NULL,
        external_id text,
        resource jsonb NOT NULL,
        downstream_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    // Entra ID matches groups by displayName, so it must be unique per connector.
    await q.query(`CREATE UNIQUE INDEX ux_scim_groups_connector_display_name ON scim_groups (connector_id, display_name_lower)`);
    await q.query(`CREATE INDEX ix_scim_groups_connector_created ON scim_groups (connector_id, created_at, id)`);
    await q.query(`CREATE INDEX ix_scim_groups_connector_external_id ON scim_groups (connector_id, external_id)`);
    await q.query(`CREATE INDEX ix_scim_groups_company ON scim_groups (company_id)`);

    await q.query(`
      CREATE TABLE scim_group_members (
        group_id uuid NOT NULL CONSTRAINT fk_scim_group_members_group REFERENCES scim_groups(id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT fk_scim_group_members_user REFERENCES scim_users(id) ON DELETE CASCADE,
        display text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_scim_group_members PRIMARY KEY (group_id, user_id)
      )`);
    await q.query(`CREATE INDEX ix_scim_group_members_user ON scim_group_members (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scim_group_members`);
    await q.query(`DROP TABLE scim_groups`);
    await q.query(`DROP TABLE scim_users`);
    await q.query(`DROP TABLE scim_tokens`);
  }
}
