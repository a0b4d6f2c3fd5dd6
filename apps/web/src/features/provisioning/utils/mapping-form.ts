// The Mappings form view edits one operation's mapping as plain fields; these functions turn a
// mapping object (whatever the JSON editor holds) into form values and back. Fields the form does
// not know are carried over and wrong values stay visible (as their JSON text), so the engine's
// validation can still name them instead of the form quietly dropping them.
import { MAPPING_FIELDS, allowedResponseFieldKeys, type CapabilityKey } from '@gatehouse/mapping';

export type KeyValueRow = { key: string; value: string };

export type MappingFormValues = {
  http_method: string;
  url_template: string;
  query_params: KeyValueRow[];
  /** '' means not set (the engine treats a missing body_kind as none). */
  body_kind: string;
  body_template: string;
  content_type: string;
  headers: KeyValueRow[];
  /** Comma-separated, as typed: "200, 201". */
  success_status: string;
  /** Only the mapped keys; `items: ""` is a real value (the body itself is the array). */
  response_fields: Record<string, string>;
  error_message_path: string;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

function rows(v: unknown): KeyValueRow[] {
  if (!isObject(v)) return [];
  return Object.entries(v).map(([key, value]) => ({ key, value: text(value) }));
}

export function emptyMappingForm(): MappingFormValues {
  return {
    http_method: '',
    url_template: '',
    query_params: [],
    body_kind: '',
    body_template: '',
    content_type: '',
    headers: [],
    success_status: '',
    response_fields: {},
    error_message_path: '',
  };
}

/** Form values for a mapping as found in the Mappings JSON (any shape). */
export function mappingToForm(mapping: unknown): MappingFormValues {
  const form = emptyMappingForm();
  if (!isObject(mapping)) return form;
  form.http_method = text(mapping.http_method);
  form.url_template = text(mapping.url_template);
  form.query_params = rows(mapping.query_params);
  form.body_kind = text(mapping.body_kind);
  form.body_template = text(mapping.body_template);
  form.content_type = text(mapping.content_type);
  form.headers = rows(mapping.headers);
  const statuses = mapping.success_status;
  form.success_status = Array.isArray(statuses) ? statuses.map((s) => (typeof s === 'string' ? s : JSON.stringify(s))).join(', ') : text(statuses);
  if (isObject(mapping.response_fields)) {
    for (const [key, path] of Object.entries(mapping.response_fields)) form.response_fields[key] = text(path);
  }
  form.error_message_path = text(mapping.error_message_path);
  return form;
}

/** "200, 201" → [200, 201]; a token that is not a whole number stays text so validation names it. */
export function parseStatusList(value: string): Array<number | string> {
  return value
    .split(/[\s,]+/)
    .filter((t) => t !== '')
    .map((t) => (/^\d+$/.test(t) ? Number(t) : t));
}

function rowsToObject(list: KeyValueRow[]): Record<string, string> | undefined {
  const kept = list.filter((r) => r.key !== '' || r.value !== '');
  if (kept.length === 0) return undefined;
  return Object.fromEntries(kept.map((r) => [r.key, r.value]));
}

/**
 * The mapping object for form values. Empty optional fields are left out; fields the form does
 * not know (typed in the JSON view) are carried over from `previous` after the known ones.
 */
export function formToMapping(form: MappingFormValues, previous?: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== '') out[key] = value;
  };
  set('http_method', form.http_method);
  set('url_template', form.url_template);
  set('query_params', rowsToObject(form.query_params));
  set('body_kind', form.body_kind);
  set('body_template', form.body_template);
  set('content_type', form.content_type);
  set('headers', rowsToObject(form.headers));
  const statuses = parseStatusList(form.success_status);
  if (statuses.length > 0) out.success_status = statuses;
  if (Object.keys(form.response_fields).length > 0) out.response_fields = { ...form.response_fields };
  set('error_message_path', form.error_message_path);
  if (isObject(previous)) {
    for (const [key, value] of Object.entries(previous)) {
      if (!(MAPPING_FIELDS as readonly string[]).includes(key)) out[key] = value;
    }
  }
  return out;
}

/**
 * Response field rows the form shows for an operation: the allowed keys, then any other key the
 * JSON holds (so a wrong key is visible next to its error rather than hidden).
 */
export function responseFieldRows(operation: CapabilityKey, fields: Record<string, string>): string[] {
  const allowed = allowedResponseFieldKeys(operation);
  return [...allowed, ...Object.keys(fields).filter((k) => !allowed.includes(k))];
}

/** A fresh mapping for an operation, filled with the documented defaults for its kind. */
export function starterMapping(operation: CapabilityKey): Record<string, unknown> {
  const reads = allowedResponseFieldKeys(operation).length > 0;
  const method = operation.startsWith('get_') || operation.startsWith('list_') ? 'GET' : operation.startsWith('delete_') ? 'DELETE' : operation.startsWith('create_') ? 'POST' : 'PATCH';
  const mapping: Record<string, unknown> = {
    http_method: method,
    url_template: 'https://',
    body_kind: method === 'GET' || method === 'DELETE' ? 'none' : 'json',
  };
  // An empty JSON object; `{}` alone would be an empty placeholder, which templates refuse.
  if (mapping.body_kind === 'json') mapping.body_template = '{ }';
  mapping.success_status = method === 'POST' ? [200, 201] : method === 'GET' ? [200] : [200, 204];
  if (reads) mapping.response_fields = operation.startsWith('list_') ? { items: '', id: 'id' } : { id: 'id' };
  return mapping;
}
