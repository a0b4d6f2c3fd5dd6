import { coreSchemaOf } from './attribute-resolver.js';
import { badRequest } from './errors.js';
import { deepEqual, findKey, getInsensitive, isPlainObject, type JsonObject } from './json-utils.js';
import { buildResourceFromInput } from './patch.js';
import { checkTextLimits } from './text-limits.js';
import type { ResourceTypeName } from './schema-definitions.js';
import type { ScimGroup, ScimUser } from './types.js';

/**
 * Validates and canonicalises a POST/PUT User body: attribute names in any case become
 * their schema names, "True"/"False" become booleans, id/meta/schemas/readOnly attributes
 * are dropped, `schemas` is rebuilt, and attributes outside our schema are dropped (the
 * stored shape stays exactly what /Schemas advertises). userName is required (400 invalidValue).
 */
export function normalizeUserInput(body: unknown): ScimUser {
  const { resource } = buildResourceFromInput(flattenCoreSchema(requireObject(body, 'User'), 'User'), 'User');
  requireString(resource, 'userName', 'User');
  return checkTextLimits(resource) as ScimUser;
}

/** Same as normalizeUserInput for Groups; displayName is required, members are de-duplicated. */
export function normalizeGroupInput(body: unknown): ScimGroup {
  const { resource } = buildResourceFromInput(flattenCoreSchema(requireObject(body, 'Group'), 'Group'), 'Group');
  requireString(resource, 'displayName', 'Group');
  return checkTextLimits(resource) as ScimGroup;
}

/**
 * Some clients send a resource's core attributes nested under the core schema URN, the way
 * extension attributes are sent (`{"urn:ietf:params:scim:schemas:core:2.0:User": {"userName": …}}`);
 * RFC 7643 §3 puts them at the top level. This lifts them there (the URN matched in any case). An
 * attribute given both ways must have the same value in both places, else 400 invalidValue.
 */
export function flattenCoreSchema(body: JsonObject, resourceType: ResourceTypeName): JsonObject {
  const urn = coreSchemaOf(resourceType);
  const key = findKey(body, urn);
  if (key === undefined) return body;
  const nested = body[key];
  if (nested === null) return withoutKey(body, key);
  if (!isPlainObject(nested)) {
    throw badRequest('invalidSyntax', `"${key}" must be an object of ${resourceType} attributes (e.g. {"${resourceType === 'User' ? 'userName' : 'displayName'}": …}), or the attributes must be sent at the top level`);
  }
  const out = withoutKey(body, key);
  for (const [name, value] of Object.entries(nested)) {
    const top = findKey(out, name);
    if (top === undefined) {
      out[name] = value;
    } else if (!deepEqual(out[top], value)) {
      throw badRequest('invalidValue', `Attribute "${name}" is sent both at the top level and under "${key}" with different values; send it once`);
    }
  }
  return out;
}

function withoutKey(body: JsonObject, key: string): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(body)) if (k !== key) out[k] = v;
  return out;
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
