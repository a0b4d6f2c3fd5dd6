import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each pushed record's JSON text, exactly as sent (docs/adr/0005-records-stored-as-sent.md):
 * jsonb rewrites numbers (1.0 becomes 1), drops duplicate keys, reorders keys and decodes
 * escapes, so the evidence an auditor reads back was not what was sent. `data` stays, as the
 * copy that queries and search use. Rows stored before have no text (NULL): reads fall back
 * to `data` for them.
 */
export class IngestRawJson1763952000000 implements MigrationInterface {
  name = 'IngestRawJson1763952000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ingest_records ADD COLUMN raw_json text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ingest_records DROP COLUMN raw_json`);
  }
}
