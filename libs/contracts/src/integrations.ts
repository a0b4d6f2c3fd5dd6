import { z } from 'zod';

import { categoryRefSchema, recordJsonSchemaSchema } from './catalog.js';

// Request and response shapes of /api/integrations (custom integrations: a name, a logo and a
// selection of monitorings whose contexts become the integration's endpoints).

export const INTEGRATION_NAME_MAX_LENGTH = 100;
export const INTEGRATION_DESCRIPTION_MAX_LENGTH = 1000;
/** Largest selection accepted; the catalog is far smaller, this only bounds the request. */
export const INTEGRATION_MONITORINGS_MAX = 500;
/** Logos: PNG, JPEG or WebP (recognised by content), at most 1 MB. */
export const INTEGRATION_LOGO_MAX_BYTES = 1024 * 1024;
export const INTEGRATION_LOGO_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type IntegrationLogoMediaType = (typeof INTEGRATION_LOGO_MEDIA_TYPES)[number];
/** Validation uploads (multipart field `file`) up to this size; JSON bodies up to 1 MB. */
export const VALIDATION_UPLOAD_MAX_BYTES = 50 * 1024 * 1024;

/** `912 B`, `14.2 KB`, `68.8 MB`: sizes as people read them, in the units of the limits (1 KB = 1024 bytes). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

/**
 * Why a body of `bytes` cannot be pushed (the server refuses it with 413), or null. One push is
 * the context's complete dataset, so it cannot be sent in parts: the remedies are smaller
 * records or a higher limit.
 */
export function pushTooLargeProblem(bytes: number, maxPushBytes: number): string | null {
  if (bytes <= maxPushBytes) return null;
  return (
    `The file is ${formatSize(bytes)}, over the push limit of ${formatSize(maxPushBytes)}: a push of it is refused (413), whatever its records hold, and gzip does not help (the limit applies after decompression). ` +
    `Each push replaces the context's whole dataset, so it cannot be sent in parts. Leave out properties the schema does not define, or ask your administrator to raise the server's push limit (INGEST_MAX_BODY_MB).`
  );
}
/** How many validation errors an answer lists; `errorCount` still counts all of them. */
export const VALIDATION_MAX_ERRORS = 100;
/** The only kind for now; a category filter value too (`?category=custom`). */
export const INTEGRATION_KINDS = ['custom'] as const;
export const CUSTOM_INTEGRATIONS_CATEGORY = 'custom';

const unknownFields = (accepted: string) => (issue: { code?: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys' ? `unknown field ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')}: accepted fields are ${accepted}` : undefined;

const name = z
  .string({ error: (issue) => (issue.input === undefined ? 'name is required' : 'name must be a string') })
  .trim()
  .min(1, 'name must not be empty')
  .max(INTEGRATION_NAME_MAX_LENGTH, `name must be at most ${INTEGRATION_NAME_MAX_LENGTH} characters`);

/** Optional text; blank (or null) means "no description". */
const description = z
  .string({ error: 'description must be a string' })
  .trim()
  .max(INTEGRATION_DESCRIPTION_MAX_LENGTH, `description must be at most ${INTEGRATION_DESCRIPTION_MAX_LENGTH} characters`)
  .nullable()
  .transform((value) => (value ? value : null));

/**
 * Monitoring keys (the `id` of GET /api/monitorings); at least one. Duplicates are accepted and
 * dropped by the API (kept here so error paths point at the positions the client sent).
 */
export const monitoringIdsSchema = z
  .array(z.string({ error: 'each monitoring id must be a string' }).trim().min(1, 'monitoring id must not be empty').max(100, 'monitoring id must be at most 100 characters'), {
    error: (issue) => (issue.input === undefined ? 'monitoringIds is required' : 'monitoringIds must be an array of monitoring ids'),
  })
  .min(1, 'select at least one monitoring')
  .max(INTEGRATION_MONITORINGS_MAX, `at most ${INTEGRATION_MONITORINGS_MAX} monitorings can be selected`);

/**
 * Strict: pushes of records with properties the schema does not define are refused (400) rather
 * than accepted with warnings. Off by default.
 */
const strict = z.boolean({ error: 'strict must be true or false' });

export const createIntegrationRequestSchema = z.strictObject(
  {
    name,
    description: description.optional().transform((value) => value ?? null),
    monitoringIds: monitoringIdsSchema,
    strict: strict.optional().transform((value) => value ?? false),
  },
  { error: unknownFields('name, description, monitoringIds, strict') },
);
export type CreateIntegrationRequest = z.input<typeof createIntegrationRequestSchema>;

/** PATCH: name, description and/or strict; the logo and monitorings have their own routes. */
export const updateIntegrationRequestSchema = z
  .strictObject(
    {
      name: name.optional(),
      description: description.optional(),
      strict: strict.optional(),
    },
    { error: unknownFields('name, description, strict (the logo and the monitorings have their own routes)') },
  )
  .refine((body) => body.name !== undefined || body.description !== undefined || body.strict !== undefined, {
    message: 'nothing to change: send name, description and/or strict',
  });
export type UpdateIntegrationRequest = z.input<typeof updateIntegrationRequestSchema>;

/**
 * PUT /api/integrations/{id}/monitorings: the whole new selection. A selection that drops
 * contexts which already received pushes is refused (409, naming them with their record counts
 * and last push) unless `confirmRemovingContexts` lists each of them: their endpoints then refuse
 * pushes, and their data is kept, shown again if a monitoring needing the context comes back.
 */
export const replaceIntegrationMonitoringsRequestSchema = z.strictObject(
  {
    monitoringIds: monitoringIdsSchema,
    confirmRemovingContexts: z.array(z.string().max(100), { error: 'confirmRemovingContexts must be a list of context keys' }).max(100).optional(),
  },
  { error: unknownFields('monitoringIds, confirmRemovingContexts') },
);

/** In the 409 that asks to confirm: one context the new selection drops although it holds pushes. */
export const contextWithDataSchema = z.object({
  key: z.string(),
  name: z.string(),
  /** Records of its last accepted push (its data now); 0 when none was accepted. */
  recordsNow: z.number().int(),
  lastPushAt: z.string(),
});
export type ContextWithData = z.infer<typeof contextWithDataSchema>;
export type ReplaceIntegrationMonitoringsRequest = z.input<typeof replaceIntegrationMonitoringsRequestSchema>;

const queryText = (field: string) =>
  z
    .string({ error: `${field} must be a single text value` })
    .trim()
    .max(200, `${field} must be at most 200 characters`)
    .optional();

/**
 * `GET /api/integrations?q=&category=`: q matches the name (case-insensitive); category is
 * `custom` (every custom integration) or a monitoring category key (integrations with at least
 * one monitoring in it).
 */
export const listIntegrationsQuerySchema = z.object({
  q: queryText('q'),
  category: queryText('category'),
});
export type ListIntegrationsQuery = z.infer<typeof listIntegrationsQuerySchema>;

export const integrationKindSchema = z.enum(INTEGRATION_KINDS);
export type IntegrationKind = z.infer<typeof integrationKindSchema>;

/** A selected monitoring; `id` is its catalog key. */
export const integrationMonitoringSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  category: categoryRefSchema,
});
export type IntegrationMonitoring = z.infer<typeof integrationMonitoringSchema>;

/** A card on the integrations page. */
export const integrationListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  kind: integrationKindSchema,
  /** Records with properties their schema does not define are refused rather than accepted with warnings. */
  strict: z.boolean(),
  hasLogo: z.boolean(),
  /** Relative URL of the logo (versioned, so a new upload shows at once), or null. */
  logoUrl: z.string().nullable(),
  monitorings: z.array(integrationMonitoringSchema),
  /** Distinct categories of the selected monitorings, in catalog order. */
  categories: z.array(categoryRefSchema),
  contextCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IntegrationListItem = z.infer<typeof integrationListItemSchema>;

export const integrationListResponseSchema = z.array(integrationListItemSchema);
export type IntegrationListResponse = z.infer<typeof integrationListResponseSchema>;

export const requiredHeaderSchema = z.object({ name: z.string(), value: z.string() });
export type RequiredHeader = z.infer<typeof requiredHeaderSchema>;

/** One endpoint of an integration: a context needed by one or more selected monitorings. */
export const integrationContextSchema = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  /** The selected monitorings that need this context. */
  monitorings: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() })),
  /** JSON Schema of ONE record; the request body wraps records in `{"data": [...]}`. */
  schema: recordJsonSchemaSchema,
  method: z.literal('POST'),
  /** Absolute URL: `{PUBLIC_URL}/external/v2/integration/{integrationId}/context/{key}`. */
  endpointUrl: z.string(),
  /** In order: `Content-Type: application/json`, `x-api-key: YOUR_API_KEY_HERE`. */
  requiredHeaders: z.array(requiredHeaderSchema),
  /** A request body valid against the schema. */
  sampleRequestBody: z.object({ data: z.array(z.record(z.string(), z.unknown())) }),
  curlExample: z.string(),
  /** Admin route that checks a JSON file against this context (relative URL). */
  validateUrl: z.string(),
  /** A push whose body (after gzip decompression) is larger is refused with 413 (INGEST_MAX_BODY_MB). */
  maxPushBytes: z.number().int(),
});
export type IntegrationContext = z.infer<typeof integrationContextSchema>;

export const integrationDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  kind: integrationKindSchema,
  strict: z.boolean(),
  hasLogo: z.boolean(),
  logoUrl: z.string().nullable(),
  monitorings: z.array(integrationMonitoringSchema),
  contexts: z.array(integrationContextSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IntegrationDetail = z.infer<typeof integrationDetailSchema>;

/** One problem found by validation. `index` is the record's position in `data`, null for the body. */
export const validationErrorSchema = z.object({
  index: z.number().int().nullable(),
  /** Field inside the record (`email`, `role[1]`); '' for the whole record; `data` for the envelope. */
  path: z.string(),
  message: z.string(),
  /** For files that are not valid JSON: where the syntax error is (1-based). */
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});
export type ValidationErrorItem = z.infer<typeof validationErrorSchema>;

/** `POST /api/integrations/{id}/contexts/{contextKey}/validate`: nothing is stored. */
export const validationResultSchema = z.object({
  valid: z.boolean(),
  recordCount: z.number().int(),
  /** Every problem found; `errors` lists at most VALIDATION_MAX_ERRORS of them. */
  errorCount: z.number().int(),
  errors: z.array(validationErrorSchema),
  /** Present when records carry properties the schema does not define (see the push answer); they do not make a file invalid. */
  warningCount: z.number().int().optional(),
  warnings: z.array(validationErrorSchema).optional(),
});
export type ValidationResultResponse = z.infer<typeof validationResultSchema>;
