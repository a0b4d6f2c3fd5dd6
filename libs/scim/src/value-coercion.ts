import { badRequest } from './errors.js';
import { findSubAttribute } from './attribute-resolver.js';
import { isPlainObject, type JsonObject } from './json-utils.js';
import type { AttributeDefinition } from './schema-definitions.js';

/**
 * Validates one attribute value against its definition and returns it in canonical form:
 * canonical sub-attribute names, booleans from Entra's "True"/"False" strings, numbers from
 * numeric strings, and a bare id as `{ value }` for complex attributes with a value
 * sub-attribute (manager, members). Unknown and readOnly sub-attributes are dropped, as
 * RFC 7643 §2.2 says readOnly values sent by a client SHALL be ignored.
 * Returns null for "unassigned" (null, or a complex value with nothing left in it).
 */
export function coerceAttributeValue(definition: AttributeDefinition, value: unknown, label: string): unknown {
  if (value === null || value === undefined) return null;
  if (definition.multiValued) {
    const items = Array.isArray(value) ? value : [value];
    return items.map((item, i) => coerceSingleValue(definition, item, `${label}[${i}]`)).filter((item) => item !== null);
  }
  return coerceSingleValue(definition, value, label);
}

/** Coerces one value of an attribute, ignoring its multiValued flag (one element of a list). */
export function coerceSingleValue(definition: AttributeDefinition, value: unknown, label: string): unknown {
  if (value === null || value === undefined) return null;
  switch (definition.type) {
    case 'complex':
      return coerceComplex(definition, value, label);
    case 'boolean':
      return coerceBoolean(value, label);
    case 'integer':
    case 'decimal':
      return coerceNumber(value, label, definition.type === 'integer');
    case 'dateTime':
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
      throw badRequest('invalidValue', `Attribute "${label}" must be an RFC 3339 date-time string`);
    default:
      if (typeof value === 'string') return value;
      // Some IdPs send numeric identifiers (employeeNumber) as JSON numbers.
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      throw badRequest('invalidValue', `Attribute "${label}" must be a string, got ${describe(value)}`);
  }
}

export function coerceBoolean(value: unknown, label: string): boolean {
  if (typeof value === 'boolean') return value;
  // Entra ID (without aadOptscim062020) sends booleans as the strings "True" / "False".
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  throw badRequest('invalidValue', `Attribute "${label}" must be a boolean, got ${describe(value)}`);
}

function coerceNumber(value: unknown, label: string, integer: boolean): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw badRequest('invalidValue', `Attribute "${label}" must be ${integer ? 'an integer' : 'a number'}, got ${describe(value)}`);
  }
  return n;
}

function coerceComplex(definition: AttributeDefinition, value: unknown, label: string): JsonObject | null {
  const valueSub = findSubAttribute(definition, 'value');
  if (!isPlainObject(value)) {
    if (valueSub && (typeof value === 'string' || typeof value === 'number')) {
      // A bare id: Entra's manager "value": "id", or a member added as "string id 1".
      return { value: coerceSingleValue(valueSub, value, `${label}.value`) };
    }
    if (!definition.multiValued && Array.isArray(value) && value.length <= 1) {
      // Entra sends manager as [{"value": "id"}] although manager is single-valued.
      return value.length === 0 ? null : coerceComplex(definition, value[0], label);
    }
    throw badRequest('invalidValue', `Attribute "${label}" must be an object, got ${describe(value)}`);
  }
  const out: JsonObject = {};
  const hasDisplay = findSubAttribute(definition, 'display') !== undefined && findSubAttribute(definition, 'displayName') === undefined;
  for (const [key, raw] of Object.entries(value)) {
    let sub = findSubAttribute(definition, key);
    // Microsoft's reference client sends a member's "displayName" where RFC names it "display".
    if (!sub && hasDisplay && key.toLowerCase() === 'displayname' && !Object.keys(value).some((k) => k.toLowerCase() === 'display')) {
      sub = findSubAttribute(definition, 'display');
    }
    if (!sub || sub.mutability === 'readOnly') continue;
    const coerced = coerceSingleValue(sub, raw, `${label}.${sub.name}`);
    if (coerced !== null) out[sub.name] = coerced;
  }
  return Object.keys(out).length === 0 ? null : out;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}
