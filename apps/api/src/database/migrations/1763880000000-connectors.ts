import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Connectors1763880000000 implements MigrationInterface {
  name = 'Connectors1763880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE connectors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL CONSTRAINT fk_connectors_company REFERENCES companies(id) ON DELETE CASCADE,
        name text NOT NULL,
        type text NOT NULL CONSTRAINT ck_connectors_type CHECK (type IN ('custom_http')),
        enabled boolean NOT NULL DEFAULT false,
        auth jsonb,
        capabilities jsonb NOT NULL DEFAULT '{}'::jsonb,
        mappings jsonb NOT NULL DEFAULT '{}'::jsonb,
        deactivation_as_delete boolean NOT NULL DEFAULT false,
        allow_insecure_http boolean NOT NULL DEFAULT false,
        secret_ciphertext text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_call_at timestamptz,
        last_error text
      )`);
    await q.query(`CREATE INDEX ix_connectors_company ON connectors (company_id)`);
    await q.query(`CREATE UNIQUE INDEX ux_connectors_company_name ON connectors (company_id, name)`);
    await q.query(`
      CREATE TABLE connector_calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL CONSTRAINT fk_connector_calls_company REFERENCES companies(id) ON DELETE CASCADE,
        connector_id uuid NOT NULL CONSTRAINT fk_connector_calls_connector REFERENCES connectors(id) ON DELETE CASCADE,
        operation text NOT NULL,
        method text NOT NULL,
        url text NOT NULL,
        status integer,
        duration_ms integer NOT NULL,
        attempts integer NOT NULL DEFAULT 1,
        error text,
        source text NOT NULL CONSTRAINT ck_connector_calls_source CHECK (source IN ('preview', 'test', 'scim')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_connector_calls_company ON connector_calls (company_id)`);
    await q.query(`CREATE INDEX ix_connector_calls_connector_created ON connector_calls (connector_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE connector_calls`);
    await q.query(`DROP TABLE connectors`);
  }
}
