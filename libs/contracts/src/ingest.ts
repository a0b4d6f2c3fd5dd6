import { z } from 'zod';

import { apiErrorSchema } from './errors.js';
import { VALIDATION_MAX_ERRORS, validationErrorSchema, type ValidationErrorItem } from './integrations.js';

// Evidence ingest: `POST /external/v2/integration/{integrationId}/context/{contextKey}` (API key)
// and the admin views of what was pushed (/api/integrations/{id}/...).

/** A refusal lists at most this many problems; `errorCount` counts all of them. */
export const INGEST_MAX_ERRORS = VALIDATION_MAX_ERRORS;
/** A refused attempt keeps this many problems for the admin's history (never the body). */
export const INGEST_STORED_ERRORS = 10;
/** A retry with the same Idempotency-Key and body within this window gets the first answer. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
/** Records deeper than this (objects and arrays inside a record) are refused. */
export const INGEST_MAX_RECORD_DEPTH = 32;
export const SUBMISSIONS_LIMIT_DEFAULT = 20;
export const SUBMISSIONS_LIMIT_MAX = 100;
export const RECORDS_PAGE_SIZE_DEFAULT = 50;
export const RECORDS_PAGE_SIZE_MAX = 200;

export type IngestValidationError = ValidationErrorItem;

/** 200: the submission is stored and is now the context's complete dataset. */
export const ingestAcceptedResponseSchema = z.object({
  submissionId: z.string(),
  integrationId: z.string(),
  context: z.string(),
  /** Records stored; 0 is a valid submission ("this context now has no records"). */
  accepted: z.number().int(),
  receivedAt: z.string(),
  /**
   * Present when records carry properties the schema does not define (most often a typo:
   * "is not in the schema; did you mean `employee_name`?"). They are stored as sent; counted in
   * full, the first INGEST_MAX_ERRORS listed.
   */
  warningCount: z.number().int().optional(),
  warnings: z.array(validationErrorSchema).optional(),
});
export type IngestAcceptedResponse = z.infer<typeof ingestAcceptedResponseSchema>;

/** 400 for a body that is not JSON, has no `data` array, or holds invalid records. */
export const ingestRefusedResponseSchema = apiErrorSchema.extend({
  /** At most INGEST_MAX_ERRORS problems, in record order. */
  errors: z.array(validationErrorSchema),
  errorCount: z.number().int(),
  recordCount: z.number().int(),
});
export type IngestRefusedResponse = z.infer<typeof ingestRefusedResponseSchema>;

export const submissionStatusSchema = z.enum(['accepted', 'refused']);
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;

const intParam = (field: string, min: number, max: number, fallback: number) =>
  z
    .string({ error: `${field} must be a single whole number` })
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const n = Number(value);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${field} must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

/** `GET /api/integrations/{id}/contexts/{contextKey}/submissions?limit=` */
export const listSubmissionsQuerySchema = z.object({
  limit: intParam('limit', 1, SUBMISSIONS_LIMIT_MAX, SUBMISSIONS_LIMIT_DEFAULT),
});
export type ListSubmissionsQuery = z.infer<typeof listSubmissionsQuerySchema>;

/** One push to a context, accepted or refused, newest first. */
export const submissionResponseSchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  status: submissionStatusSchema,
  recordCount: z.number().int(),
  errorCount: z.number().int(),
  /** Name of the key used, as it was then (kept when the key is deleted). */
  apiKeyName: z.string(),
  /** Size of the body as received (before decompression). */
  bodyBytes: z.number().int(),
  /** Refused only: the first INGEST_STORED_ERRORS problems; empty when accepted. */
  firstErrors: z.array(validationErrorSchema),
});
export type SubmissionResponse = z.infer<typeof submissionResponseSchema>;

export const submissionListResponseSchema = z.array(submissionResponseSchema);
export type SubmissionListResponse = z.infer<typeof submissionListResponseSchema>;

/** `GET /api/ingest/last-pushes`: the newest push of each of the company's integrations that has one. */
export const integrationLastPushSchema = z.object({
  integrationId: z.string(),
  /** The context it was pushed to. */
  context: z.string(),
  at: z.string(),
  status: submissionStatusSchema,
  recordCount: z.number().int(),
  errorCount: z.number().int(),
});
export type IntegrationLastPush = z.infer<typeof integrationLastPushSchema>;
export const lastPushesResponseSchema = z.array(integrationLastPushSchema);
export type LastPushesResponse = z.infer<typeof lastPushesResponseSchema>;

/** `GET /api/integrations/{id}/sync-status`: one entry per context of the integration. */
export const contextSyncStatusSchema = z.object({
  context: z.string(),
  /** The last push, accepted or refused; null when nothing was ever pushed. */
  lastPushAt: z.string().nullable(),
  lastStatus: submissionStatusSchema.nullable(),
  lastRecordCount: z.number().int().nullable(),
  lastErrorCount: z.number().int().nullable(),
  /** The last accepted push: its records are the context's data now. */
  lastAcceptedAt: z.string().nullable(),
  recordsNow: z.number().int(),
});
export type ContextSyncStatus = z.infer<typeof contextSyncStatusSchema>;

export const syncStatusResponseSchema = z.array(contextSyncStatusSchema);
export type SyncStatusResponse = z.infer<typeof syncStatusResponseSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `GET /api/integrations/{id}/contexts/{contextKey}/records?submission=latest|<id>&page=&pageSize=&q=` */
export const listRecordsQuerySchema = z.object({
  submission: z
    .string({ error: 'submission must be "latest" or a submission id' })
    .trim()
    .optional()
    .transform((value) => (value ? value : 'latest'))
    .refine((value) => value === 'latest' || UUID.test(value), 'submission must be "latest" or a submission id'),
  page: intParam('page', 1, 1_000_000, 1),
  pageSize: intParam('pageSize', 1, RECORDS_PAGE_SIZE_MAX, RECORDS_PAGE_SIZE_DEFAULT),
  /** Case-insensitive text search over each record's JSON. */
  q: z
    .string({ error: 'q must be a single text value' })
    .trim()
    .max(200, 'q must be at most 200 characters')
    .optional()
    .transform((value) => (value ? value : undefined)),
});
export type ListRecordsQuery = z.infer<typeof listRecordsQuerySchema>;

export const recordsPageResponseSchema = z.object({
  /** The submission shown; null when the context has no accepted submission yet. */
  submissionId: z.string().nullable(),
  /** Records matching q (all records without q). */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(
    z.object({
      index: z.number().int(),
      /**
       * The record exactly as it was sent: the API splices its text into the response unchanged
       * (numbers beyond a double's precision, `1.0`, key order, escapes). A JSON parser that
       * reads numbers as doubles (a browser's JSON.parse) changes it again: read `json` then.
       */
      data: z.unknown(),
      /** The same record's JSON text as it was sent, as a string (records stored before it was kept: from the stored copy). */
      json: z.string(),
    }),
  ),
});
export type RecordsPageResponse = z.infer<typeof recordsPageResponseSchema>;
