import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IngestValidationError, SubmissionStatus } from '@gatehouse/contracts';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';

/** Records per INSERT statement: big enough to amortise a round trip, small enough to bound memory. */
export const INSERT_BATCH_SIZE = 5000;
const IDEMPOTENCY_INDEX = 'ux_ingest_submissions_idempotency';

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

/**
 * Writes of the ingest aggregate. Every write is one transaction through its EntityManager:
 * a submission is there with all of its records, or not at all.
 */
@Injectable()
export class IngestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The stored request that used this key (per company and API key) since `since`, if any. */
  async findByIdempotencyKey(companyId: string, apiKeyId: string, idempotencyKey: string, since: Date): Promise<IdempotentRequest | null> {
    const rows: { integration_id: string; context_key: string; body_sha256: string | null; response: unknown }[] = await this.dataSource.query(
      `SELECT integration_id, context_key, body_sha256, response FROM ingest_submissions
        WHERE company_id = $1 AND api_key_id = $2 AND idempotency_key = $3 AND received_at > $4`,
      [companyId, apiKeyId, idempotencyKey, since],
    );
    const row = rows[0];
    return row ? { integrationId: row.integration_id, contextKey: row.context_key, bodySha256: row.body_sha256, response: row.response } : null;
  }

  /**
   * Stores an accepted submission and its records, then applies retention to the context's
   * accepted history. Throws IdempotencyKeyTaken when a concurrent request stored the same key.
   */
  async storeAccepted(s: AcceptedSubmission, retention: number, idempotencyExpiredBefore: Date): Promise<void> {
    try {
      await this.dataSource.transaction(async (em) => {
        if (s.idempotencyKey !== null) {
          // A key older than the window may be used again: release it from its old submission.
          await em.query(
            `UPDATE ingest_submissions SET idempotency_key = NULL
              WHERE company_id = $1 AND api_key_id = $2 AND idempotency_key = $3 AND received_at <= $4`,
            [s.companyId, s.apiKeyId, s.idempotencyKey, idempotencyExpiredBefore],
          );
        }
        await insertSubmission(em, s, 'accepted', s.records.length, 0, null, s.idempotencyKey, s.response);
        await insertRecords(em, s);
        await applyRetention(em, s.integrationId, s.contextKey, 'accepted', retention);
      });
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { constraint?: string } | undefined)?.constraint === IDEMPOTENCY_INDEX) {
        throw new IdempotencyKeyTaken();
      }
      throw err;
    }
  }

  /** Keeps a refused attempt (never its body) so an admin can see why a push failed. */
  async storeRefused(s: RefusedSubmission, retention: number): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await insertSubmission(em, s, 'refused', s.recordCount, s.errorCount, s.firstErrors, null, null);
      await applyRetention(em, s.integrationId, s.contextKey, 'refused', retention);
    });
  }
}

async function insertSubmission(
  em: EntityManager,
  s: SubmissionRow,
  status: SubmissionStatus,
  recordCount: number,
  errorCount: number,
  firstErrors: readonly IngestValidationError[] | null,
  idempotencyKey: string | null,
  response: unknown,
): Promise<void> {
  await em.query(
    `INSERT INTO ingest_submissions (id, company_id, integration_id, context_key, status, record_count, error_count, first_errors,
       api_key_id, api_key_name, body_bytes, body_sha256, idempotency_key, response, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14::jsonb, $15)`,
    [
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
    ],
  );
}

/**
 * One statement per batch: the batch travels as one JSON array parameter and is split by
 * jsonb_array_elements, which measured several times faster than a text[] of records and far
 * faster than an INSERT per record or TypeORM's insert().
 */
async function insertRecords(em: EntityManager, s: AcceptedSubmission): Promise<void> {
  for (let start = 0; start < s.records.length; start += INSERT_BATCH_SIZE) {
    const batch = JSON.stringify(s.records.slice(start, start + INSERT_BATCH_SIZE));
    await em.query(
      `INSERT INTO ingest_records (submission_id, company_id, integration_id, context_key, idx, record_key, data)
       SELECT $1, $2, $3, $4, $5 + e.ord::int - 1, e.value ->> $6::text, e.value
         FROM jsonb_array_elements($7::jsonb) WITH ORDINALITY AS e(value, ord)`,
      [s.id, s.companyId, s.integrationId, s.contextKey, start, s.recordKey, batch],
    );
  }
}

/**
 * Keeps the newest `keep` submissions of one status for a context; records go with them.
 * Concurrent pushes to one context would otherwise delete overlapping rows in different orders
 * and deadlock: a transaction-scoped advisory lock per context runs retention one at a time
 * (only this last step; the inserts before it run in parallel).
 */
async function applyRetention(em: EntityManager, integrationId: string, contextKey: string, status: SubmissionStatus, keep: number): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`ingest:${integrationId}:${contextKey}`]);
  await em.query(
    `DELETE FROM ingest_submissions WHERE id IN (
       SELECT id FROM ingest_submissions
        WHERE integration_id = $1 AND context_key = $2 AND status = $3
        ORDER BY received_at DESC, id DESC
       OFFSET $4)`,
    [integrationId, contextKey, status, keep],
  );
}
