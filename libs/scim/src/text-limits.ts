import { badRequest } from './errors.js';
import type { JsonObject } from './json-utils.js';

/**
 * Longest userName, displayName and externalId accepted, in characters (code points). They are
 * matched case-insensitively through database indexes, which hold at most ~2.7 kB per entry:
 * 256 characters are at most 1 kB of UTF-8. Identity providers send far less (an Entra ID UPN is
 * at most 113 characters, an Okta login 100, an email address 254).
 */
export const SCIM_TEXT_LIMITS = { userName: 256, displayName: 256, externalId: 256 } as const;

/** Refuses (400 invalidValue, naming the attribute) a resource whose indexed texts are too long; returns it otherwise. */
export function checkTextLimits<T extends JsonObject>(resource: T): T {
  for (const [name, limit] of Object.entries(SCIM_TEXT_LIMITS)) {
    const value = resource[name];
    if (typeof value !== 'string' || value.length <= limit) continue;
    const length = [...value].length;
    if (length > limit) throw badRequest('invalidValue', `Attribute "${name}" must be at most ${limit} characters (got ${length})`);
  }
  return resource;
}
