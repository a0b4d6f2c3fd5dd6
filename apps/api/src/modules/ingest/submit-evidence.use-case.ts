import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { IDEMPOTENCY_KEY_MAX_LENGTH, IDEMPOTENCY_WINDOW_HOURS, INGEST_STORED_ERRORS, type IngestAcceptedResponse } from '@gatehouse/contracts';
import { getRecordValidator } from '@gatehouse/schemas';
import { AppError } from '../../common/errors/app-error.js';
import { RateLimiter } from '../../common/rate-limiter.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { ApiKeyContext } from '../api-keys/api-key-context.js';
import { IntegrationErrors } from '../integrations/integrations.errors.js';
import { IntegrationsService } from '../integrations/integrations.service.js';
import { streamIngestBody, type BodySource, type IngestBodyRead } from './ingest-body-reader.js';
import { IngestJsonStream } from './ingest-json-stream.js';
import { IngestRecords } from './ingest-records.js';
import { IncompleteBodyError, IngestErrors, IngestRefusal } from './ingest.errors.js';
import { IdempotencyKeyTaken, IngestRepository, INSERT_BATCH_SIZE, IntegrationGone, type Queryable, type SubmissionRow } from './ingest.repository.js';

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
 * Accepts one push of evidence: the records become the context's complete dataset. The body is
 * never held whole: it is parsed and checked record by record as it arrives, and a large one is
 * written meanwhile inside a transaction that commits only once all of it has been read and
 * found good, so a refusal, a client that goes away (or a process that dies) mid-request leaves
 * nothing behind.
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
    const { integration, context } = await this.integrations.findContextForCompany(apiKey.companyId, input.integrationId, input.contextKey);
    const receivedAt = new Date();
    const submissionId = randomUUID();
    const row = (bodyBytes: number, bodySha256: string | null): SubmissionRow => ({
      id: submissionId,
      companyId: apiKey.companyId,
      integrationId: input.integrationId,
      contextKey: context.key,
      apiKeyId: apiKey.keyId,
      apiKeyName: apiKey.keyName,
      bodyBytes,
      bodySha256,
      receivedAt,
    });

    const validator = getRecordValidator(context.schema);
    const writer = this.repository.acceptedWriter({ ...row(0, null), recordKey: validator.recordKey }, this.config.ingestRetention);
    const declared = Number(input.request.headers['content-length']);
    const records = new IngestRecords(validator, writer, INSERT_BATCH_SIZE, {
      sizeHint: Number.isFinite(declared) && declared > 0 ? declared : undefined,
      strict: integration.strict,
    });
    const json = new IngestJsonStream(records);

    // The body is read, parsed and checked as it arrives; the records of an acceptable one go to
    // the database meanwhile, inside a transaction that only the end of a good body commits.
    const progress = { wireBytes: 0 };
    let read: IngestBodyRead;
    try {
      read = await streamIngestBody(input.request, { maxBytes: this.config.ingestMaxBodyBytes, progress, idleTimeoutMs: this.config.ingestIdleTimeoutSeconds * 1000 }, (text) => {
        json.write(text);
        return writer.ready();
      });
    } catch (err) {
      await writer.abort();
      if (err instanceof IntegrationGone) throw IntegrationErrors.notFound();
      await this.recordRefusal(row(Number.isFinite(declared) && declared > 0 ? declared : progress.wireBytes, null), err);
      throw err;
    }
    const { wireBytes, sha256 } = read;
    const refusal = records.refusal(json.end());
    if (refusal !== null) await writer.abort();

    if (idempotencyKey !== null) {
      let replay: SubmitEvidenceResult | null;
      try {
        replay = await writer.run((via) => this.replayFor(apiKey, idempotencyKey, input.integrationId, context.key, sha256, via));
      } catch (err) {
        await writer.abort();
        // The writer's own failure (a batch written after the last of the body was read) or 422.
        if (err instanceof IntegrationGone) throw IntegrationErrors.notFound();
        throw err;
      }
      if (replay) {
        await writer.abort();
        return replay;
      }
    }
    if (refusal !== null) {
      await this.recordRefusal(row(wireBytes, sha256), refusal);
      throw refusal;
    }

    const submission = row(wireBytes, sha256);
    const response: IngestAcceptedResponse = {
      submissionId: submission.id,
      integrationId: submission.integrationId,
      context: submission.contextKey,
      accepted: records.recordCount,
      receivedAt: receivedAt.toISOString(),
      ...(records.warnings() ?? {}),
    };
    try {
      await writer.finish({ recordCount: records.recordCount, rest: records.rest(), bodyBytes: wireBytes, bodySha256: sha256, idempotencyKey, response });
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

  private async replayFor(
    apiKey: ApiKeyContext,
    idempotencyKey: string,
    integrationId: string,
    contextKey: string,
    sha256: string,
    via?: Queryable,
  ): Promise<SubmitEvidenceResult | null> {
    const since = new Date(Date.now() - IDEMPOTENCY_WINDOW_HOURS * HOUR);
    const earlier = await this.repository.findByIdempotencyKey(apiKey.companyId, apiKey.keyId, idempotencyKey, since, via);
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
