import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IngestValidationError, SubmissionStatus } from '@gatehouse/contracts';
import { QueryFailedError, type DataSource, type QueryRunner } from 'typeorm';
import type { RecordBatchSink } from './ingest-records.js';
import { StreamSlots } from './stream-slots.js';

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

/** What is known of an accepted submission when its first records arrive (the body's size and hash come at the end). */
export interface AcceptedSubmissionStart extends Omit<SubmissionRow, 'bodyBytes' | 'bodySha256'> {
  /** The schema's x-record-key, copied into record_key; null when it has none. */
  readonly recordKey: string | null;
}

/** The rest, known once the whole body has been read and checked. */
export interface AcceptedSubmissionEnd {
  readonly recordCount: number;
  /** The records not yet written (a batch, as RecordBatchSink takes them) and the index of the first. */
  readonly rest: { readonly batch: Buffer; readonly start: number };
  readonly bodyBytes: number;
  readonly bodySha256: string;
  readonly idempotencyKey: string | null;
  readonly response: unknown;
}

/** Runs one statement: the open transaction of a writer, or any pooled connection. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any>;
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
  /**
   * Large submissions are written while their body still arrives, each holding a pooled
   * connection until its end; at most half the pool does so at once, so slow uploads can never
   * take every connection, and one company at most half of those, so its uploads never keep
   * another's waiting. With a one-connection pool (the embedded engine) nothing is written
   * before the end: an open transaction there would hold every other request.
   */
  private readonly streamSlots: StreamSlots | null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    const pool = Number((dataSource.options as { extra?: { max?: number } }).extra?.max ?? 10);
    this.streamSlots = pool > 1 ? StreamSlots.withHalfShare(Math.floor(pool / 2)) : null;
  }

  /**
   * The stored request that used this key (per company and API key) since `since`, if any. A
   * key last used before `since` is released on the way, so it can be stored again.
   */
  async findByIdempotencyKey(companyId: string, apiKeyId: string, idempotencyKey: string, since: Date, via: Queryable = this.dataSource): Promise<IdempotentRequest | null> {
    const rows: { integration_id: string; context_key: string; body_sha256: string | null; response: unknown }[] = await via.query(
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
   * Writes an accepted submission as its records arrive (see AcceptedSubmissionWriter). Nothing
   * is visible to others, or kept, unless its finish() succeeds.
   */
  acceptedWriter(s: AcceptedSubmissionStart, retention: number): AcceptedSubmissionWriter {
    return new AcceptedSubmissionWriter(this.dataSource, s, retention, this.streamSlots);
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

/**
 * Stores one accepted submission: its records arrive in batches (RecordBatchSink) while the body
 * is read, and finish() completes it once the whole body has been checked.
 *
 * A submission that fits in one batch is written at the end by ONE statement (submission,
 * records and retention as data-modifying CTEs), which PostgreSQL runs atomically: one round
 * trip for the many small pushes. A larger one opens a transaction with its first batch and
 * inserts each batch as it comes, one at a time, while the next is being read; the submission
 * row is completed (count, hash, Idempotency-Key, answer) at the end, and nothing is visible
 * until the commit. A problem in the body, a client going away or an error rolls it all back.
 */
export class AcceptedSubmissionWriter implements RecordBatchSink {
  /** Every database step of this submission, in order. */
  private chain: Promise<void> = Promise.resolve();
  private runner: QueryRunner | null = null;
  private holdsSlot = false;
  /** Gives up the place in line for a stream slot, while waiting for one. */
  private cancelWait: (() => void) | null = null;
  /** Batches handed over and not yet written. */
  private unwritten = 0;
  private wake: (() => void) | null = null;
  /** Batches kept until the end when nothing may be written before it (no stream slots). */
  private kept: { batch: Buffer; start: number }[] = [];
  /** Bumped when the records so far stop counting: steps queued before then are skipped. */
  private generation = 0;
  private discarded = false;
  private failure: Error | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly s: AcceptedSubmissionStart,
    private readonly retention: number,
    private readonly slots: StreamSlots | null,
  ) {}

  add(batch: Buffer, start: number, done: () => void): void {
    if (this.discarded || this.failure) return done();
    if (this.slots === null) {
      this.kept.push({ batch: Buffer.from(batch), start });
      return done();
    }
    const generation = this.generation;
    this.unwritten++;
    this.step(async () => {
      try {
        if (generation === this.generation && !this.discarded && !this.failure) await this.insert(batch, start);
      } finally {
        this.unwritten--;
        done();
        this.wakeUp();
      }
    });
  }

  /**
   * Undefined while the writer can take another batch; otherwise a promise that settles when
   * it can (one batch being inserted and one waiting is the most held), or rejects with the
   * error that stopped it.
   */
  ready(): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    if (this.unwritten < 2) return undefined;
    return new Promise<void>((resolve, reject) => {
      this.wake = () => (this.failure ? reject(this.failure) : resolve());
    });
  }

  discard(): void {
    this.discarded = true;
    this.kept = [];
    this.cancelWait?.();
    this.step(() => this.close(false));
  }

  reset(): void {
    this.generation++;
    this.kept = [];
    this.step(() => this.close(false));
  }

  /** Rolls back whatever was written; the writer takes nothing more. Never throws. */
  async abort(): Promise<void> {
    this.discard();
    await this.chain;
  }

  /** Runs `fn` after the steps so far, on the open transaction if there is one. */
  async run<T>(fn: (via: Queryable) => Promise<T>): Promise<T> {
    await this.chain;
    if (this.failure) throw this.failure;
    return fn(this.runner ?? this.dataSource);
  }

  /** Writes what remains and commits. Throws IdempotencyKeyTaken or IntegrationGone as their cases arise. */
  async finish(end: AcceptedSubmissionEnd): Promise<void> {
    await this.chain;
    if (this.failure) throw this.failure;
    const s = this.s;
    const row = submissionParams(
      { ...s, bodyBytes: end.bodyBytes, bodySha256: end.bodySha256 },
      'accepted',
      end.recordCount,
      0,
      null,
      end.idempotencyKey,
      end.response,
    );
    try {
      if (this.runner === null && this.kept.length === 0) {
        // $1..$15 the submission; the DELETE cannot see the row inserted beside it, so it keeps
        // one fewer of the others. Nor does it see pushes to the same context racing this one:
        // those may leave a few extra old submissions (never too few), which the next push trims.
        await this.dataSource.query(
          `WITH ${SUBMISSION_CTE}, records AS (${recordsInsert(16, 17, 18)}), ${retentionLock(19)}, expired AS (${retentionDelete(20)}) SELECT 1`,
          [...row, end.rest.start, end.rest.batch, s.recordKey, lockKey(s), this.retention - 1],
        );
        return;
      }
      for (const kept of this.kept.splice(0)) await this.insert(kept.batch, kept.start);
      if (end.rest.start < end.recordCount) await this.insert(end.rest.batch, end.rest.start);
      const runner = this.runner!;
      await runner.query(
        `UPDATE ingest_submissions SET record_count = $2, body_bytes = $3, body_sha256 = $4, idempotency_key = $5, response = $6::jsonb WHERE id = $1`,
        [s.id, end.recordCount, end.bodyBytes, end.bodySha256, end.idempotencyKey, JSON.stringify(end.response)],
      );
      // Sees this transaction's own submission: keeps `retention` in all.
      await runner.query(`WITH ${retentionLock(4)} ${retentionDelete(5, { integration: 1, context: 2, status: 3 })}`, [s.integrationId, s.contextKey, 'accepted', lockKey(s), this.retention]);
      await this.close(true);
    } catch (err) {
      await this.close(false);
      throw storeError(err);
    }
  }

  private step(fn: () => Promise<void>): void {
    this.chain = this.chain.then(fn).catch((err: unknown) => {
      this.failure ??= storeError(err);
      this.wakeUp();
      return this.close(false);
    });
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Inserts one batch, opening the transaction (and the submission row, completed at the end) with the first. */
  private async insert(batch: Buffer, start: number): Promise<void> {
    const s = this.s;
    if (this.runner === null) {
      if (this.slots !== null) {
        const turn = this.slots.acquire(s.companyId);
        this.cancelWait = turn.cancel;
        const granted = await turn.granted;
        this.cancelWait = null;
        // Refused, or the client gone, while waiting its turn: nothing to write.
        if (!granted) return;
        this.holdsSlot = true;
        if (this.discarded) return;
      }
      const runner = this.dataSource.createQueryRunner();
      this.runner = runner;
      await runner.connect();
      await runner.startTransaction();
      const placeholder = submissionParams({ ...s, bodyBytes: 0, bodySha256: null }, 'accepted', 0, 0, null, null, null);
      await runner.query(`WITH ${SUBMISSION_CTE} ${recordsInsert(16, 17, 18)}`, [...placeholder, start, batch, s.recordKey]);
      return;
    }
    await this.runner.query(recordsInsert(5, 6, 7), [s.id, s.companyId, s.integrationId, s.contextKey, start, batch, s.recordKey]);
  }

  private async close(commit: boolean): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    try {
      if (runner !== null) {
        try {
          if (runner.isTransactionActive) await (commit ? runner.commitTransaction() : runner.rollbackTransaction());
        } finally {
          await runner.release();
        }
      }
    } catch (err) {
      // As in TypeORM's transaction(): a failed rollback is not the caller's error (a rollback
      // fails when the connection broke, which the pool then drops; PostgreSQL has undone it).
      if (commit) throw err;
    } finally {
      if (this.holdsSlot) {
        this.holdsSlot = false;
        this.slots!.release(this.s.companyId);
      }
    }
  }
}

function storeError(err: unknown): Error {
  const constraint = err instanceof QueryFailedError ? (err.driverError as { constraint?: string } | undefined)?.constraint : undefined;
  if (constraint === IDEMPOTENCY_INDEX) return new IdempotencyKeyTaken();
  if (constraint === INTEGRATION_FK) return new IntegrationGone();
  return err instanceof Error ? err : new Error(String(err));
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
 * One batch of records: the batch travels as one JSON array parameter (a Buffer of the array's
 * text, see RecordBatchBuilder) and is split by json_array_elements, which measured several
 * times faster than a text[] of records and far faster than an INSERT per record or TypeORM's
 * insert(). It is split as `json`, not `jsonb`: a json element is the exact text it had in the
 * array, so each record's text is stored as sent (raw_json) beside its jsonb copy for queries
 * (data), converted once per record (OFFSET 0 keeps the subquery from being merged into the
 * outer one, which would convert twice).
 */
function recordsInsert(offset: number, batch: number, recordKey: number): string {
  return `INSERT INTO ingest_records (submission_id, company_id, integration_id, context_key, idx, record_key, data, raw_json)
    SELECT $1, $2, $3, $4, $${offset} + e.ord::int - 1, e.data ->> $${recordKey}::text, e.data, e.raw
      FROM (SELECT a.ord, a.value::text AS raw, a.value::jsonb AS data
              FROM json_array_elements($${batch}::json) WITH ORDINALITY AS a(value, ord) OFFSET 0) e`;
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

const lockKey = (s: { readonly integrationId: string; readonly contextKey: string }) => `ingest:${s.integrationId}:${s.contextKey}`;
