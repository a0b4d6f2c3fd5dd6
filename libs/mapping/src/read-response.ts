// Reads a downstream success body into a normalized user or group (or a list of them) using the
// mapping's response_fields, and pulls a readable message out of error bodies.
import { coerceActive, coerceCount, coerceText } from './coerce.js';
import { ResponseReadError, XmlParseError } from './errors.js';
import { resolveJsonPath, resolveXmlPath } from './paths.js';
import { placeholderValues, type MappingContext } from './sample-context.js';
import { parseXml, type XmlElement } from './xml.js';
import {
  ITEMS_KEY,
  isGroupOperation,
  isListOperation,
  isUserOperation,
  type CapabilityKey,
  type OperationMapping,
  type ReadResult,
  type ResponseFields,
} from './types.js';

export interface ResponseInput {
  body: string;
  contentType?: string;
}

/**
 * Context used to fill gaps in a response: the SCIM email for create_user, the stored user id for
 * update_user, the stored group id for update_group_name and the requested name for create_group.
 * A full MappingContext fits here.
 */
export type ReadFallbacks = Pick<MappingContext, 'scim_user' | 'integration_user_id' | 'group_id' | 'group_name'>;

export type BodyFormat = 'json' | 'xml';

/** XML when the content type says so or the text starts with "<"; JSON otherwise. */
export function inferBodyFormat(body: string, contentType?: string): BodyFormat {
  if (contentType && /xml/i.test(contentType)) return 'xml';
  return body.trimStart().startsWith('<') ? 'xml' : 'json';
}

type ParsedBody = { format: 'json'; root: unknown } | { format: 'xml'; root: XmlElement } | { format: 'empty' };

function parseBody(response: ResponseInput): ParsedBody {
  if (response.body.trim() === '') return { format: 'empty' };
  if (inferBodyFormat(response.body, response.contentType) === 'xml') {
    try {
      return { format: 'xml', root: parseXml(response.body) };
    } catch (error) {
      const detail = error instanceof XmlParseError ? error.message : String(error);
      throw new ResponseReadError('response.body', `response body could not be read as XML: ${detail}`);
    }
  }
  try {
    return { format: 'json', root: JSON.parse(response.body) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ResponseReadError('response.body', `response body is not valid JSON: ${detail}`);
  }
}

type Lookup = (path: string) => unknown;

function lookupFor(body: ParsedBody): Lookup {
  if (body.format === 'json') return (path) => resolveJsonPath(body.root, path);
  if (body.format === 'xml') return (path) => resolveXmlPath(body.root, path);
  return () => undefined;
}

const USER_KEYS = ['id', 'userName', 'email', 'displayName', 'active'] as const;
const GROUP_KEYS = ['id', 'name', 'displayName', 'description', 'slug', 'member_count'] as const;

function readFields(keys: readonly string[], fields: ResponseFields, lookup: Lookup): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const path = fields[key as keyof ResponseFields];
    if (typeof path !== 'string') continue;
    const raw = lookup(path);
    const value = key === 'active' ? coerceActive(raw) : key === 'member_count' ? coerceCount(raw) : coerceText(raw);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === undefined) return 'found nothing';
  if (Array.isArray(value)) return 'found a list, not a single value';
  if (typeof value === 'object') return 'found an object, not a single value';
  return 'found an empty value';
}

function missingIdError(operation: CapabilityKey, fields: ResponseFields, lookup: Lookup, body: ParsedBody, where = ''): ResponseReadError {
  const path = `mappings.${operation}.response_fields.id`;
  if (typeof fields.id !== 'string') return new ResponseReadError(path, 'response_fields.id is not mapped; add the path to the id');
  if (body.format === 'empty') {
    return new ResponseReadError(path, `the response body is empty, so response_fields.id ("${fields.id}") found nothing`);
  }
  let hint = '';
  if (body.format === 'xml') hint = ` (XML paths start with the root element's name; this root is <${body.root.localName}>)`;
  return new ResponseReadError(path, `${where}response_fields.id path "${fields.id}" ${describe(lookup(fields.id))} in the response${hint}`);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Reads a success body for an operation. Throws ResponseReadError when the body cannot be parsed,
 * the list path is wrong, or no id can be found (after the documented fallbacks). Operations
 * without response fields (deletes, update_group_members) read nothing and return null.
 */
export function readResponse<O extends CapabilityKey>(
  operation: O,
  mapping: Pick<OperationMapping, 'response_fields'>,
  response: ResponseInput,
  fallbacks?: ReadFallbacks,
): ReadResult<O> {
  if (!isUserOperation(operation) && !isGroupOperation(operation)) return null as ReadResult<O>;
  const fields = mapping.response_fields ?? {};
  const keys = isUserOperation(operation) ? USER_KEYS : GROUP_KEYS;
  const body = parseBody(response);

  if (isListOperation(operation)) {
    const itemsPath = `mappings.${operation}.response_fields.${ITEMS_KEY}`;
    if (typeof fields.items !== 'string') {
      throw new ResponseReadError(itemsPath, 'response_fields.items is not mapped; use "" when the body itself is the array');
    }
    if (body.format === 'xml') {
      throw new ResponseReadError(
        itemsPath,
        'XML list responses are not supported in this version; list operations need a JSON response with an array at the items path',
      );
    }
    if (body.format === 'empty') throw new ResponseReadError(itemsPath, 'the response body is empty; expected a JSON array at the items path');
    const items = resolveJsonPath(body.root, fields.items);
    if (!Array.isArray(items)) {
      const shown = fields.items === '' ? 'the response body' : `path "${fields.items}"`;
      const found = items === undefined ? 'found nothing' : `found ${typeof items === 'object' ? 'an object' : `a ${typeof items}`}`;
      throw new ResponseReadError(itemsPath, `expected a JSON array at ${shown}, but ${found} there`);
    }
    return items.map((item, index) => {
      const element: ParsedBody = { format: 'json', root: item };
      const lookup = lookupFor(element);
      const record = readFields(keys, fields, lookup);
      if (record.id === undefined) throw missingIdError(operation, fields, lookup, element, `item ${index}: `);
      return record;
    }) as unknown as ReadResult<O>;
  }

  const lookup = lookupFor(body);
  const record = readFields(keys, fields, lookup);
  const values = fallbacks ? placeholderValues(fallbacks) : undefined;
  if (values) {
    if (operation === 'create_user' && record.email === undefined) {
      const email = nonEmpty(values.scim_user_email);
      if (email) record.email = email;
    }
    if (record.id === undefined) {
      // The stored id is authoritative for updates, so a 204 or a body without an id is fine.
      const fallbackId =
        operation === 'update_user'
          ? values.integration_user_id
          : operation === 'update_group_name'
            ? values.group_id
            : operation === 'create_group'
              ? values.group_name
              : undefined;
      const id = nonEmpty(fallbackId);
      if (id) record.id = id;
    }
  }
  if (record.id === undefined) throw missingIdError(operation, fields, lookup, body);
  return record as unknown as ReadResult<O>;
}

/**
 * The message at error_message_path in an error body, as text (objects and lists as compact
 * JSON), or undefined when there is no path, no body or nothing there. Never throws: it only
 * decorates a failure that is already being reported.
 */
export function extractErrorMessage(
  mapping: Pick<OperationMapping, 'error_message_path'>,
  body: string,
  contentType?: string,
): string | undefined {
  const path = mapping.error_message_path;
  if (typeof path !== 'string' || body.trim() === '') return undefined;
  let parsed: ParsedBody;
  try {
    parsed = parseBody({ body, contentType });
  } catch {
    return undefined;
  }
  const value = lookupFor(parsed)(path);
  const text = coerceText(value);
  if (text !== undefined) return text;
  if (value !== undefined && value !== null && parsed.format === 'json') return JSON.stringify(value);
  return undefined;
}
