import { badRequest } from './errors.js';
import { getInsensitive, isPlainObject, type JsonObject } from './json-utils.js';
import { buildResourceFromInput } from './patch.js';
import { checkTextLimits } from './text-limits.js';
import type { ScimGroup, ScimUser } from './types.js';

/**
 * Validates and canonicalises a POST/PUT User body: attribute names in any case become
 * their schema names, "True"/"False" become booleans, id/meta/schemas/readOnly attributes
 * are dropped, `schemas` is rebuilt, and attributes outside our schema are dropped (the
 * stored shape stays exactly what /Schemas advertises). userName is required (400 invalidValue).
 */
export function normalizeUserInput(body: unknown): ScimUser {
  const { resource } = buildResourceFromInput(requireObject(body, 'User'), 'User');
  requireString(resource, 'userName', 'User');
  return checkTextLimits(resource) as ScimUser;
}

/** Same as normalizeUserInput for Groups; displayName is required, members are de-duplicated. */
export function normalizeGroupInput(body: unknown): ScimGroup {
  const { resource } = buildResourceFromInput(requireObject(body, 'Group'), 'Group');
  requireString(resource, 'displayName', 'Group');
  return checkTextLimits(resource) as ScimGroup;
}

function requireObject(body: unknown, type: string): JsonObject {
  if (!isPlainObject(body)) throw badRequest('invalidSyntax', `A ${type} must be a JSON object`);
  return body;
}

function requireString(resource: JsonObject, name: string, type: string): void {
  const value = resource[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw badRequest('invalidValue', `Attribute "${name}" is required for a ${type} and must be a non-empty string`);
  }
}

/**
 * The address to use for a user: the value marked primary, else the first "work" address,
 * else the first address. Tolerates un-normalised input ("Primary": "True").
 */
export function primaryEmail(user: JsonObject): string | undefined {
  const emails = getInsensitive(user, 'emails');
  if (!Array.isArray(emails)) return undefined;
  const entries = emails.filter(isPlainObject).filter((e) => typeof getInsensitive(e, 'value') === 'string');
  const isPrimary = (e: JsonObject) => {
    const p = getInsensitive(e, 'primary');
    return p === true || (typeof p === 'string' && p.trim().toLowerCase() === 'true');
  };
  const isWork = (e: JsonObject) => String(getInsensitive(e, 'type') ?? '').toLowerCase() === 'work';
  const chosen = entries.find(isPrimary) ?? entries.find(isWork) ?? entries[0];
  return chosen ? (getInsensitive(chosen, 'value') as string) : undefined;
}
