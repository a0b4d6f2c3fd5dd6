import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IngestValidationError, SubmissionStatus } from '@gatehouse/contracts';
import { QueryFailedError, type DataSource } from 'typeorm';

/** Records per INSERT statement: big enough to amortise a round trip, small enough to bound memory. */
export const INSERT_BATCH_SIZE = 5000;
const IDEMPOTENCY_INDEX = 'ux_ingest_submissions_idempotency';
const INTEGRATION_FK = 'fk_ingest_submissions_integration';

export interface SubmissionRow {
  readonly id: string;
  readonly companyId: string;
  readonly integrationId: string;
  readonly contextKey: string;
  readonly apiKeyId: string;
  readonly apiKeyName: string;
  readonly bodyBytes: number;
  readonly bodySha256: string | null;
  readonly receivedAt: Date;
}

export interface AcceptedSubmission extends SubmissionRow {
  readonly idempotencyKey: string | null;
  readonly response: unknown;
  readonly records: readonly unknown[];
  /** The schema's x-record-key, copied into record_key; null when it has none. */
  readonly recordKey: string | null;
}

export interface RefusedSubmission extends SubmissionRow {
  readonly recordCount: number;
  readonly errorCount: number;
  readonly firstErrors: readonly IngestValidationError[];
}

export interface IdempotentRequest {
  readonly integrationId: string;
  readonly contextKey: string;
  readonly bodySha256: string | null;
  readonly response: unknown;
}

/** Another request stored a submission with the same Idempotency-Key first. */
export class IdempotencyKeyTaken extends Error {
  override name = 'IdempotencyKeyTaken';
}

/** The integration was deleted while its submission was being received. */
export class IntegrationGone extends Error {
  override name = 'IntegrationGone';
}

/**
 * Writes of the ingest aggregate. Every write is atomic (one statement, or one transaction
 * through its EntityManager): a submission is there with all of its records, or not at all.
 */
@Injectable()
export class IngestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The stored request that used this key (per company and API key) since `since`, if any. A
   * key last used before `since` is released on the way, so it can be stored again.
   */
  async findByIdempotencyKey(companyId: string, apiKeyId: string, idempotencyKey: string, since: Date): Promise<IdempotentRequest | null> {
    const rows: { integration_id: string; context_key: string; body_sha256: string | null; response: unknown }[] = await this.dataSource.query(
      `WITH released AS (
         UPDATE ingest_submissions SET idempotency_key = NULL
          WHERE company_id = $1 AND api_key_id = $2 AND idempotency_key = $3 AND received_at <= $4)
       SELECT integration_id, context_key, body_sha256, response FROM ingest_submissions
        WHERE company_id = $1 AND api_key_id = $2 AND idempotency_key = $3 AND received_at > $4`,
      [companyId, apiKeyId, idempotencyKey, since],
    );
    const row = rows[0];
    return row ? { integrationId: row.integration_id, contextKey: row.context_key, bodySha256: row.body_sha256, response: row.response } : null;
  }

  /**
   * Stores an accepted submission and its records, then applies retention to the context's
   * accepted history. Throws IdempotencyKeyTaken when a concurrent request stored the same key.
   *
   * A submission that fits in one batch is written by ONE statement (submission, records and
   * retention as data-modifying CTEs), which PostgreSQL runs atomically: one round trip instead
   * of six for the many small pushes. Larger ones use an explicit transaction.
   */
  async storeAccepted(s: AcceptedSubmission, retention: number): Promise<void> {
    const row = submissionParams(s, 'accepted', s.records.length, 0, null, s.idempotencyKey, s.response);
    try {
      if (s.records.length <= INSERT_BATCH_SIZE) {
        // $1..$15 the submission; the DELETE cannot see the row inserted beside it, so it keeps
        // one fewer of the others. Nor does it see pushes to the same context racing this one:
        // those may leave a few extra old submissions (never too few), which the next push trims.
        await this.dataSource.query(
          `WITH ${SUBMISSION_CTE}, records AS (${recordsInsert(16, 17, 18)}), ${retentionLock(19)}, expired AS (${retentionDelete(20)}) SELECT 1`,
          [...row, 0, JSON.stringify(s.records), s.recordKey, lockKey(s), retention - 1],
        );
        return;
      }
      await this.dataSource.transaction(async (em) => {
        const batch = (start: number) => JSON.stringify(s.records.slice(start, start + INSERT_BATCH_SIZE));
        // Each batch is serialised while the database inserts the previous one.
        let inserting = em.query(`WITH ${SUBMISSION_CTE} ${recordsInsert(16, 17, 18)}`, [...row, 0, batch(0), s.recordKey]);
        for (let start = INSERT_BATCH_SIZE; start < s.records.length; start += INSERT_BATCH_SIZE) {
          const json = batch(start);
          await inserting;
          inserting = em.query(recordsInsert(5, 6, 7), [s.id, s.companyId, s.integrationId, s.contextKey, start, json, s.recordKey]);
        }
        await inserting;
        // Sees this transaction's own submission: keeps `retention` in all.
        await em.query(`WITH ${retentionLock(4)} ${retentionDelete(5, { integration: 1, context: 2, status: 3 })}`, [s.integrationId, s.contextKey, 'accepted', lockKey(s), retention]);
      });
    } catch (err) {
      const constraint = err instanceof QueryFailedError ? (err.driverError as { constraint?: string } | undefined)?.constraint : undefined;
      if (constraint === IDEMPOTENCY_INDEX) throw new IdempotencyKeyTaken();
      if (constraint === INTEGRATION_FK) throw new IntegrationGone();
      throw err;
    }
  }

  /** Keeps a refused attempt (never its body) so an admin can see why a push failed. One statement. */
  async storeRefused(s: RefusedSubmission, retention: number): Promise<void> {
    await this.dataSource.query(`WITH ${SUBMISSION_CTE}, ${retentionLock(16)}, expired AS (${retentionDelete(17)}) SELECT 1`, [
      ...submissionParams(s, 'refused', s.recordCount, s.errorCount, s.firstErrors, null, null),
      lockKey(s),
      retention - 1,
    ]);
  }
}

// Statement pieces. Unless told otherwise they expect the submission id, company, integration,
// context and status as $1..$5.

const SUBMISSION_CTE = `submission AS (
  INSERT INTO ingest_submissions (id, company_id, integration_id, context_key, status, record_count, error_count, first_errors,
    api_key_id, api_key_name, body_bytes, body_sha256, idempotency_key, response, received_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14::jsonb, $15))`;

function submissionParams(
  s: SubmissionRow,
  status: SubmissionStatus,
  recordCount: number,
  errorCount: number,
  firstErrors: readonly IngestValidationError[] | null,
  idempotencyKey: string | null,
  response: unknown,
): unknown[] {
  return [
    s.id,
    s.companyId,
    s.integrationId,
    s.contextKey,
    status,
    recordCount,
    errorCount,
    firstErrors === null ? null : JSON.stringify(firstErrors),
    s.apiKeyId,
    s.apiKeyName,
    s.bodyBytes,
    s.bodySha256,
    idempotencyKey,
    response === null ? null : JSON.stringify(response),
    s.receivedAt,
  ];
}

/**
 * One batch of records: the batch travels as one JSON array parameter and is split by
 * jsonb_array_elements, which measured several times faster than a text[] of records and far
 * faster than an INSERT per record or TypeORM's insert().
 */
function recordsInsert(offset: number, batch: number, recordKey: number): string {
  return `INSERT INTO ingest_records (submission_id, company_id, integration_id, context_key, idx, record_key, data)
    SELECT $1, $2, $3, $4, $${offset} + e.ord::int - 1, e.value ->> $${recordKey}::text, e.value
      FROM jsonb_array_elements($${batch}::jsonb) WITH ORDINALITY AS e(value, ord)`;
}

/**
 * Concurrent pushes to one context would otherwise delete overlapping old rows in different
 * orders and deadlock: a transaction-scoped advisory lock per context, taken before any row is
 * deleted, runs retention one push at a time (the inserts before it still run in parallel).
 */
function retentionLock(key: number): string {
  return `retention_lock AS (SELECT pg_advisory_xact_lock(hashtextextended($${key}, 0)))`;
}

/** Keeps the newest `keep` submissions of one status for the context; records go with them. */
function retentionDelete(keep: number, at = { integration: 3, context: 4, status: 5 }): string {
  return `DELETE FROM ingest_submissions WHERE id IN (
    SELECT old.id FROM ingest_submissions old, retention_lock
     WHERE old.integration_id = $${at.integration} AND old.context_key = $${at.context} AND old.status = $${at.status}
     ORDER BY old.received_at DESC, old.id DESC
    OFFSET $${keep})`;
}

const lockKey = (s: SubmissionRow) => `ingest:${s.integrationId}:${s.contextKey}`;
