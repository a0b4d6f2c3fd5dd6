import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence pushed by integrations. Each accepted submission is the complete dataset of one
 * context of one integration (a snapshot); earlier ones are kept as history up to the retention
 * setting. Refused attempts are kept too (counts and first errors, never the body).
 */
export class Ingest1763900000000 implements MigrationInterface {
  name = 'Ingest1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ingest_submissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL CONSTRAINT fk_ingest_submissions_company REFERENCES companies(id) ON DELETE CASCADE,
        integration_id uuid NOT NULL CONSTRAINT fk_ingest_submissions_integration REFERENCES integrations(id) ON DELETE CASCADE,
        context_key text NOT NULL,
        status text NOT NULL CONSTRAINT ck_ingest_submissions_status CHECK (status IN ('accepted', 'refused')),
        record_count integer NOT NULL,
        error_count integer NOT NULL DEFAULT 0,
        first_errors jsonb,
        api_key_id uuid CONSTRAINT fk_ingest_submissions_api_key REFERENCES api_keys(id) ON DELETE SET NULL,
        api_key_name text NOT NULL,
        body_bytes bigint NOT NULL,
        body_sha256 text,
        idempotency_key text,
        response jsonb,
        received_at timestamptz NOT NULL DEFAULT now(),
        -- Errors are kept for refusals only; an accepted submission has its records instead.
        CONSTRAINT ck_ingest_submissions_first_errors CHECK (status = 'refused' OR first_errors IS NULL)
      )`);
    // History, the latest snapshot and retention all read one context newest first.
    await q.query(`CREATE INDEX ix_ingest_submissions_context_received ON ingest_submissions (integration_id, context_key, received_at DESC)`);
    await q.query(`
      CREATE UNIQUE INDEX ux_ingest_submissions_idempotency ON ingest_submissions (company_id, api_key_id, idempotency_key)
        WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE INDEX ix_ingest_submissions_company ON ingest_submissions (company_id)`);

    // Scope columns are copied from the submission so record queries never need a join; rows
    // go with their submission (retention deletes submissions).
    await q.query(`
      CREATE TABLE ingest_records (
        submission_id uuid NOT NULL CONSTRAINT fk_ingest_records_submission REFERENCES ingest_submissions(id) ON DELETE CASCADE,
        company_id uuid NOT NULL,
        integration_id uuid NOT NULL,
        context_key text NOT NULL,
        idx integer NOT NULL,
        record_key text,
        data jsonb NOT NULL,
        CONSTRAINT pk_ingest_records PRIMARY KEY (submission_id, idx)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ingest_records`);
    await q.query(`DROP TABLE ingest_submissions`);
  }
}
