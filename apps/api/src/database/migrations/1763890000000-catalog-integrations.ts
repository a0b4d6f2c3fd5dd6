import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monitoring catalog as tables (filled at start from @gatehouse/schemas, see
 * CatalogSeeder) and custom integrations that reference it by key.
 */
export class CatalogIntegrations1763890000000 implements MigrationInterface {
  name = 'CatalogIntegrations1763890000000';

  async up(q: QueryRunner): Promise<void> {
    // Catalog rows are never deleted (integrations point at them); a key that leaves the
    // catalog in force gets retired_at instead.
    await q.query(`
      CREATE TABLE monitoring_categories (
        key text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL,
        position integer NOT NULL,
        catalog_version integer NOT NULL,
        retired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE monitoring_contexts (
        key text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL,
        schema jsonb NOT NULL,
        catalog_version integer NOT NULL,
        retired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE monitorings (
        key text PRIMARY KEY,
        category_key text NOT NULL CONSTRAINT fk_monitorings_category REFERENCES monitoring_categories(key) ON DELETE RESTRICT,
        name text NOT NULL,
        description text NOT NULL,
        position integer NOT NULL,
        catalog_version integer NOT NULL,
        retired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_monitorings_category ON monitorings (category_key)`);
    // A context (e.g. list_employees) feeds several monitorings.
    await q.query(`
      CREATE TABLE monitoring_context_links (
        monitoring_key text NOT NULL CONSTRAINT fk_monitoring_context_links_monitoring REFERENCES monitorings(key) ON DELETE CASCADE,
        context_key text NOT NULL CONSTRAINT fk_monitoring_context_links_context REFERENCES monitoring_contexts(key) ON DELETE RESTRICT,
        position integer NOT NULL,
        CONSTRAINT pk_monitoring_context_links PRIMARY KEY (monitoring_key, context_key)
      )`);
    await q.query(`CREATE INDEX ix_monitoring_context_links_context ON monitoring_context_links (context_key)`);

    await q.query(`
      CREATE TABLE integrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL CONSTRAINT fk_integrations_company REFERENCES companies(id) ON DELETE CASCADE,
        kind text NOT NULL DEFAULT 'custom' CONSTRAINT ck_integrations_kind CHECK (kind IN ('custom')),
        name text NOT NULL CONSTRAINT ck_integrations_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
        description text CONSTRAINT ck_integrations_description_length CHECK (char_length(description) <= 1000),
        created_by uuid CONSTRAINT fk_integrations_created_by REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_integrations_company ON integrations (company_id)`);
    await q.query(`
      CREATE TABLE integration_monitorings (
        integration_id uuid NOT NULL CONSTRAINT fk_integration_monitorings_integration REFERENCES integrations(id) ON DELETE CASCADE,
        monitoring_key text NOT NULL CONSTRAINT fk_integration_monitorings_monitoring REFERENCES monitorings(key) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- One row per monitoring per integration: the pair is the key.
        CONSTRAINT pk_integration_monitorings PRIMARY KEY (integration_id, monitoring_key)
      )`);
    // The category filter of the list and "which integrations use this monitoring" go by key.
    await q.query(`CREATE INDEX ix_integration_monitorings_monitoring ON integration_monitorings (monitoring_key)`);
    // Logos live apart from the integration row so listing integrations never reads the bytes.
    await q.query(`
      CREATE TABLE integration_logos (
        integration_id uuid PRIMARY KEY CONSTRAINT fk_integration_logos_integration REFERENCES integrations(id) ON DELETE CASCADE,
        media_type text NOT NULL CONSTRAINT ck_integration_logos_media_type CHECK (media_type IN ('image/png', 'image/jpeg', 'image/webp')),
        bytes bytea NOT NULL,
        size_bytes integer NOT NULL CONSTRAINT ck_integration_logos_size CHECK (size_bytes BETWEEN 1 AND 1048576),
        sha256 text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE integration_logos`);
    await q.query(`DROP TABLE integration_monitorings`);
    await q.query(`DROP TABLE integrations`);
    await q.query(`DROP TABLE monitoring_context_links`);
    await q.query(`DROP TABLE monitorings`);
    await q.query(`DROP TABLE monitoring_contexts`);
    await q.query(`DROP TABLE monitoring_categories`);
  }
}
