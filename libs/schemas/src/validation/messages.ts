// Turns ajv's errors into what a developer integrating with us can act on: a dotted path into
// the record and a sentence that says what the value must be (and what it was, when useful).
import type { ErrorObject } from 'ajv';

import type { JsonSchema } from '../json-schema.js';

const FORMAT_MESSAGES: Readonly<Record<string, string>> = {
  email: 'must be a valid email address (format "email")',
  'date-time': 'must be an ISO 8601 date-time, e.g. 2024-01-15T09:30:00Z',
  date: 'must be an ISO 8601 date, e.g. 2024-01-15',
  time: 'must be an ISO 8601 time with a time zone, e.g. 09:30:00Z',
  uri: 'must be an absolute URI, e.g. https://example.com/reports/2024.pdf',
  'uri-reference': 'must be a URI or relative reference, e.g. /reports/2024.pdf',
  url: 'must be a URL, e.g. https://example.com',
  uuid: 'must be a UUID, e.g. 3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  hostname: 'must be a valid host name, e.g. app.example.com',
  ipv4: 'must be an IPv4 address, e.g. 192.0.2.10',
  ipv6: 'must be an IPv6 address, e.g. 2001:db8::1',
};

const TYPE_NOUNS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

const PLURAL_TYPE_NOUNS: Readonly<Record<string, string>> = {
  string: 'strings',
  number: 'numbers',
  integer: 'integers',
  boolean: 'booleans',
  object: 'objects',
  array: 'arrays',
  null: 'nulls',
};

/** Errors that only repeat what the errors beside them already say. */
export function isRedundantError(error: ErrorObject): boolean {
  return error.keyword === 'if';
}

/** Path inside the record for an ajv error: `email`, `role[1]`, `manager.id`; '' for the record itself. */
export function errorPath(error: ErrorObject): string {
  let path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  // Missing and unexpected properties are located at the property itself, not its parent,
  // so a missing `id` reads as `id: is required`.
  const child =
    error.keyword === 'required' || error.keyword === 'dependencies' || error.keyword === 'dependentRequired'
      ? params.missingProperty
      : error.keyword === 'additionalProperties'
        ? params.additionalProperty
        : undefined;
  if (typeof child === 'string') path = appendProperty(path, child);
  return path;
}

export function errorMessage(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const data: unknown = error.data;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'dependencies':
    case 'dependentRequired':
      return `is required when ${quote(params.property)} is present`;
    case 'additionalProperties':
      return 'is not an allowed field';
    case 'type':
      return typeMessage(params.type, error.parentSchema as JsonSchema | undefined, data);
    case 'format': {
      const format = String(params.format);
      return FORMAT_MESSAGES[format] ?? `must match format ${quote(format)}`;
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      return `must be one of ${allowed.map(quote).join(', ')} (got ${describeValue(data)})`;
    }
    case 'const':
      return `must be exactly ${quote(params.allowedValue)} (got ${describeValue(data)})`;
    case 'uniqueItems': {
      const i = Number(params.i);
      const j = Number(params.j);
      const first = Math.min(i, j);
      const second = Math.max(i, j);
      const item = Array.isArray(data) ? data[first] : undefined;
      return `must not contain duplicate items (items ${first} and ${second} are both ${quote(item)})`;
    }
    case 'minLength':
      return params.limit === 1 ? 'must not be empty' : `must be at least ${params.limit} characters long`;
    case 'maxLength':
      return `must be at most ${params.limit} characters long`;
    case 'minimum':
      return `must be at least ${params.limit} (got ${describeValue(data)})`;
    case 'maximum':
      return `must be at most ${params.limit} (got ${describeValue(data)})`;
    case 'exclusiveMinimum':
      return `must be greater than ${params.limit} (got ${describeValue(data)})`;
    case 'exclusiveMaximum':
      return `must be less than ${params.limit} (got ${describeValue(data)})`;
    case 'multipleOf':
      return `must be a multiple of ${params.multipleOf} (got ${describeValue(data)})`;
    case 'minItems':
      return `must contain at least ${params.limit} ${params.limit === 1 ? 'item' : 'items'}`;
    case 'maxItems':
      return `must contain at most ${params.limit} ${params.limit === 1 ? 'item' : 'items'}`;
    case 'minProperties':
      return `must have at least ${params.limit} ${params.limit === 1 ? 'field' : 'fields'}`;
    case 'maxProperties':
      return `must have at most ${params.limit} ${params.limit === 1 ? 'field' : 'fields'}`;
    case 'pattern':
      return `must match the pattern ${quote(params.pattern)} (got ${describeValue(data)})`;
    case 'propertyNames':
      return `has an invalid field name ${quote(params.propertyName)}`;
    case 'anyOf':
    case 'oneOf':
      return params.passingSchemas
        ? 'must match exactly one of the allowed shapes, but matches several'
        : 'must match one of the allowed shapes';
    case 'not':
      return 'must not match the disallowed shape';
    case 'contains':
      return 'must contain at least one matching item';
    default:
      // Keywords we do not phrase ourselves: ajv's wording, minus its shouting.
      return (error.message ?? 'is invalid').replace(/must NOT/g, 'must not');
  }
}

function typeMessage(expected: unknown, parentSchema: JsonSchema | undefined, data: unknown): string {
  const types = (Array.isArray(expected) ? expected : String(expected).split(',')).map(String);
  let noun = types.map((t) => TYPE_NOUNS[t] ?? t).join(' or ');
  // "an array of strings" tells the developer the element type too, which is the usual fix.
  if (types.length === 1 && types[0] === 'array') {
    const items = parentSchema?.items;
    const itemType = items && !Array.isArray(items) ? items.type : undefined;
    if (typeof itemType === 'string' && PLURAL_TYPE_NOUNS[itemType]) noun = `an array of ${PLURAL_TYPE_NOUNS[itemType]}`;
  }
  return `must be ${noun} (got ${describeValue(data)})`;
}

const MAX_SHOWN_STRING = 60;

/** `string "true"`, `number 5`, `null`, `an array`, ... short enough for one line. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `string ${quote(value)}`;
    case 'number':
      return `number ${value}`;
    case 'boolean':
      return `boolean ${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function quote(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN_STRING ? `${value.slice(0, MAX_SHOWN_STRING)}…` : value;
    return JSON.stringify(shown);
  }
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > MAX_SHOWN_STRING ? `${json.slice(0, MAX_SHOWN_STRING)}…` : json;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

function appendProperty(path: string, name: string): string {
  if (IDENTIFIER.test(name)) return path ? `${path}.${name}` : name;
  return `${path}[${JSON.stringify(name)}]`;
}

/** `/manager/id` → `manager.id`, `/role/1` → `role[1]`. */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  let path = '';
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path = /^(0|[1-9][0-9]*)$/.test(segment) ? `${path}[${segment}]` : appendProperty(path, segment);
  }
  return path;
}
