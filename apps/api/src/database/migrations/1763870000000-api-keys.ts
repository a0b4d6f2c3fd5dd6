import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeys1763870000000 implements MigrationInterface {
  name = 'ApiKeys1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL CONSTRAINT fk_api_keys_company REFERENCES companies(id) ON DELETE CASCADE,
        name text NOT NULL CONSTRAINT ck_api_keys_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
        prefix text NOT NULL,
        key_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_by uuid CONSTRAINT fk_api_keys_created_by REFERENCES users(id) ON DELETE SET NULL
      )`);
    // Every authenticated ingest request looks its key up by hash.
    await q.query(`CREATE UNIQUE INDEX ux_api_keys_key_hash ON api_keys (key_hash)`);
    await q.query(`CREATE INDEX ix_api_keys_company ON api_keys (company_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_keys`);
  }
}
