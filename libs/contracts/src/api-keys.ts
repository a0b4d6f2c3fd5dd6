import { z } from 'zod';

export const API_KEY_NAME_MAX_LENGTH = 100;
/** How far ahead a key may expire, in calendar years. */
export const API_KEY_MAX_LIFETIME_YEARS = 2;
/** The lifetimes the create form offers besides a custom date. */
export const API_KEY_EXPIRY_PRESET_DAYS = [30, 90, 180, 365] as const;

/** The latest expiry allowed for a key created at `now`: the same instant, two calendar years on. */
export function maxApiKeyExpiry(now: Date): Date {
  const max = new Date(now.getTime());
  max.setUTCFullYear(max.getUTCFullYear() + API_KEY_MAX_LIFETIME_YEARS);
  return max;
}

/** An expiry `days` from `now`, for the preset choices. */
export function apiKeyExpiryInDays(days: number, now: Date): Date {
  return new Date(now.getTime() + days * 86_400_000);
}

/**
 * The expiry rule shared by the API and the create form: strictly after `now` and no later than
 * two years ahead. Returns the broken rule in words, or null when the date is acceptable.
 */
export function validateExpiry(expiresAt: Date, now: Date): string | null {
  if (Number.isNaN(expiresAt.getTime())) return 'expiresAt must be a valid date-time';
  if (expiresAt.getTime() <= now.getTime()) return 'expiresAt must be in the future';
  const max = maxApiKeyExpiry(now);
  if (expiresAt.getTime() > max.getTime()) {
    return `expiresAt must be at most ${API_KEY_MAX_LIFETIME_YEARS} years ahead (no later than ${max.toISOString()})`;
  }
  return null;
}

export const createApiKeyRequestSchema = z.strictObject(
  {
    name: z
      .string({ error: (issue) => (issue.input === undefined ? 'name is required' : 'name must be a string') })
      .trim()
      .min(1, 'name must not be empty')
      .max(API_KEY_NAME_MAX_LENGTH, `name must be at most ${API_KEY_NAME_MAX_LENGTH} characters`),
    expiresAt: z
      .string({
        error: (issue) =>
          `expiresAt ${issue.input === undefined ? 'is required' : 'must be a string'}: an ISO 8601 date-time with a time zone, e.g. 2027-01-31T00:00:00Z`,
      })
      .pipe(z.iso.datetime({ offset: true, abort: true, error: 'expiresAt must be an ISO 8601 date-time with a time zone, e.g. 2027-01-31T00:00:00Z' }))
      .superRefine((value, ctx) => {
        const problem = validateExpiry(new Date(value), new Date());
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}: only name and expiresAt are accepted` : undefined,
  },
);
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

export const apiKeyStatusSchema = z.enum(['active', 'expired', 'revoked']);
export type ApiKeyStatus = z.infer<typeof apiKeyStatusSchema>;

/** A key as listed: never the key itself, only its visible prefix (shown as `ghk_abcd1234…`). */
export const apiKeyResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  status: apiKeyStatusSchema,
});
export type ApiKeyResponse = z.infer<typeof apiKeyResponseSchema>;

export const apiKeyListResponseSchema = z.array(apiKeyResponseSchema);
export type ApiKeyListResponse = z.infer<typeof apiKeyListResponseSchema>;

/** The answer to a create: the only time the plaintext key is ever returned. */
export const createdApiKeyResponseSchema = apiKeyResponseSchema.extend({ key: z.string() });
export type CreatedApiKeyResponse = z.infer<typeof createdApiKeyResponseSchema>;

/** `GET /external/v2/whoami`: what a key resolves to, for checking an integration's setup. */
export const whoamiResponseSchema = z.object({
  company: z.object({ id: z.string(), name: z.string() }),
  keyName: z.string(),
  expiresAt: z.string(),
});
export type WhoamiResponse = z.infer<typeof whoamiResponseSchema>;
