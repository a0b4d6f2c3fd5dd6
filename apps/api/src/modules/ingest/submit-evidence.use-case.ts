import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { IDEMPOTENCY_KEY_MAX_LENGTH, IDEMPOTENCY_WINDOW_HOURS, INGEST_MAX_ERRORS, INGEST_STORED_ERRORS, type IngestAcceptedResponse } from '@gatehouse/contracts';
import { getRecordValidator, type JsonSchema } from '@gatehouse/schemas';
import { AppError } from '../../common/errors/app-error.js';
import { RateLimiter } from '../../common/rate-limiter.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { ApiKeyContext } from '../api-keys/api-key-context.js';
import { IntegrationErrors } from '../integrations/integrations.errors.js';
import { IntegrationsService } from '../integrations/integrations.service.js';
import { parseIngestJson, readIngestBody, type BodySource, type IngestBody } from './ingest-body-reader.js';
import { IncompleteBodyError, IngestErrors, IngestRefusal } from './ingest.errors.js';
import { IdempotencyKeyTaken, IngestRepository, IntegrationGone, type SubmissionRow } from './ingest.repository.js';

export interface SubmitEvidenceInput {
  readonly apiKey: ApiKeyContext;
  readonly integrationId: string;
  readonly contextKey: string;
  /** The Idempotency-Key header as sent, if any. */
  readonly idempotencyKey: string | undefined;
  /** The request: its headers and its unread body stream. */
  readonly request: BodySource;
}

export interface SubmitEvidenceResult {
  readonly response: IngestAcceptedResponse;
  /** True when this is the stored answer to an earlier request with the same Idempotency-Key. */
  readonly replayed: boolean;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]+$/;
const HOUR = 3_600_000;

/**
 * Accepts one push of evidence: the records become the context's complete dataset. The whole
 * body is read and validated before the transaction opens; the transaction only writes, so a
 * client that goes away (or a process that dies) mid-request leaves nothing behind.
 */
@Injectable()
export class SubmitEvidence {
  private readonly logger = new Logger(SubmitEvidence.name);
  private readonly rateLimiter: RateLimiter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly integrations: IntegrationsService,
    private readonly repository: IngestRepository,
  ) {
    this.rateLimiter = new RateLimiter(config.ingestRateLimitPerMinute, 60_000);
  }

  async execute(input: SubmitEvidenceInput): Promise<SubmitEvidenceResult> {
    const { apiKey } = input;
    const retryAfter = this.rateLimiter.hit(apiKey.keyId);
    if (retryAfter > 0) throw IngestErrors.rateLimited(retryAfter, this.config.ingestRateLimitPerMinute);
    const idempotencyKey = checkIdempotencyKey(input.idempotencyKey);

    // Unknown, another company's, or not accepted: 404 before a byte of the body is read.
    const { context } = await this.integrations.findContextForCompany(apiKey.companyId, input.integrationId, input.contextKey);
    const receivedAt = new Date();
    const row = (bodyBytes: number, bodySha256: string | null): SubmissionRow => ({
      id: randomUUID(),
      companyId: apiKey.companyId,
      integrationId: input.integrationId,
      contextKey: context.key,
      apiKeyId: apiKey.keyId,
      apiKeyName: apiKey.keyName,
      bodyBytes,
      bodySha256,
      receivedAt,
    });

    const progress = { wireBytes: 0 };
    let body: IngestBody | undefined;
    try {
      body = await readIngestBody(input.request, { maxBytes: this.config.ingestMaxBodyBytes, progress });
    } catch (err) {
      const declared = Number(input.request.headers['content-length']);
      await this.recordRefusal(row(Number.isFinite(declared) && declared > 0 ? declared : progress.wireBytes, null), err);
      throw err;
    }
    const { wireBytes, sha256 } = body;
    // Only the parsed records are needed from here on: let the text go before the writes.
    let text: string | undefined = body.text;
    body = undefined;

    if (idempotencyKey !== null) {
      const replay = await this.replayFor(apiKey, idempotencyKey, input.integrationId, context.key, sha256);
      if (replay) return replay;
    }

    let records: unknown[];
    try {
      records = this.validate(text, context.schema);
    } catch (err) {
      await this.recordRefusal(row(wireBytes, sha256), err);
      throw err;
    } finally {
      text = undefined;
    }

    const submission = row(wireBytes, sha256);
    const response: IngestAcceptedResponse = {
      submissionId: submission.id,
      integrationId: submission.integrationId,
      context: submission.contextKey,
      accepted: records.length,
      receivedAt: receivedAt.toISOString(),
    };
    try {
      await this.repository.storeAccepted(
        { ...submission, idempotencyKey, response, records, recordKey: getRecordValidator(context.schema).recordKey },
        this.config.ingestRetention,
      );
    } catch (err) {
      // A concurrent retry with the same key won the race: answer as if we had come second.
      if (err instanceof IdempotencyKeyTaken && idempotencyKey !== null) {
        const replay = await this.replayFor(apiKey, idempotencyKey, input.integrationId, context.key, sha256);
        if (replay) return replay;
      }
      if (err instanceof IntegrationGone) throw IntegrationErrors.notFound();
      throw err;
    }
    return { response, replayed: false };
  }

  /** Parses and validates the whole body; returns the records or throws a 400 refusal. */
  private validate(text: string, schema: JsonSchema): unknown[] {
    const parsed = parseIngestJson(text);
    const result = getRecordValidator(schema).validateRequestBody(parsed, { maxErrors: INGEST_MAX_ERRORS });
    if (!result.valid) throw IngestErrors.invalidRecords([...result.errors], result.errorCount, result.recordCount);
    return (parsed as { data: unknown[] }).data;
  }

  private async replayFor(apiKey: ApiKeyContext, idempotencyKey: string, integrationId: string, contextKey: string, sha256: string): Promise<SubmitEvidenceResult | null> {
    const since = new Date(Date.now() - IDEMPOTENCY_WINDOW_HOURS * HOUR);
    const earlier = await this.repository.findByIdempotencyKey(apiKey.companyId, apiKey.keyId, idempotencyKey, since);
    if (!earlier) return null;
    if (earlier.bodySha256 !== sha256 || earlier.integrationId !== integrationId || earlier.contextKey !== contextKey) {
      throw IngestErrors.idempotencyMismatch(idempotencyKey);
    }
    return { response: earlier.response as IngestAcceptedResponse, replayed: true };
  }

  /**
   * Keeps the refusal for the admin's history. Only refusals of the data itself (media type,
   * size, JSON, schema) are kept; bookkeeping must never replace the caller's answer.
   */
  private async recordRefusal(row: SubmissionRow, err: unknown): Promise<void> {
    if (!(err instanceof AppError) || err instanceof IncompleteBodyError) return;
    const errors = err instanceof IngestRefusal ? err.errors : [{ index: null, path: '', message: err.message }];
    const errorCount = err instanceof IngestRefusal ? err.errorCount : 1;
    const recordCount = err instanceof IngestRefusal ? err.recordCount : 0;
    try {
      await this.repository.storeRefused({ ...row, recordCount, errorCount, firstErrors: errors.slice(0, INGEST_STORED_ERRORS) }, this.config.ingestRetention);
    } catch (cause) {
      this.logger.warn({ err: { name: (cause as Error).name, message: (cause as Error).message }, integrationId: row.integrationId }, 'Could not record a refused submission');
    }
  }
}

function checkIdempotencyKey(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (value.length === 0 || value.length > IDEMPOTENCY_KEY_MAX_LENGTH || !IDEMPOTENCY_KEY.test(value)) throw IngestErrors.invalidIdempotencyKey();
  return value;
}
