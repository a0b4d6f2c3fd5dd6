// Save-time validation of an enabled connector. Every problem is collected (never stop at the
// first) so the admin UI can mark all offending fields at once; paths match the JSON the admin
// edits, e.g. `mappings.create_group.response_fields.id`, with list indexes as `[0]`.
import { isPlainObject } from './coerce.js';
import { MappingEngineError } from './errors.js';
import { absoluteUrlProblem, renderBody, renderHeaders, renderUrlTemplate } from './render.js';
import { defaultSampleContext, placeholderValues } from './sample-context.js';
import { pathSyntaxProblem } from './paths.js';
import { templateProblemMessage, templateProblems } from './template.js';
import {
  AUTH_TYPES,
  BODY_KINDS,
  CAPABILITY_KEYS,
  HTTP_METHODS,
  MAPPING_FIELDS,
  allowedResponseFieldKeys,
  isCapabilityKey,
  readsResponseBody,
  requiredResponseFieldKeys,
  type AuthType,
  type BodyKind,
  type CapabilityKey,
  type PlaceholderValues,
  type ValidationIssue,
} from './types.js';

/** Untrusted input as it arrives from the API or the editors. */
export interface ConnectorConfigInput {
  capabilities?: unknown;
  mappings?: unknown;
  /** Validated too when present. */
  auth?: unknown;
}

/**
 * Validates the configuration of an enabled instance. Returns every problem; an empty list
 * means the configuration can be saved. Mappings for disabled capabilities are allowed and are
 * not checked (they never run); they are checked once the capability is turned on.
 */
export function validateConnectorConfig(config: ConnectorConfigInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (config.auth !== undefined) issues.push(...validateAuthConfig(config.auth));

  const enabled = new Set<CapabilityKey>();
  if (!isPlainObject(config.capabilities)) {
    issues.push({ path: 'capabilities', message: 'must be an object of capability names to true or false' });
  } else {
    for (const [key, value] of Object.entries(config.capabilities)) {
      if (!isCapabilityKey(key)) {
        issues.push({ path: `capabilities.${key}`, message: `unknown capability; allowed capabilities are: ${CAPABILITY_KEYS.join(', ')}` });
      } else if (typeof value !== 'boolean') {
        issues.push({ path: `capabilities.${key}`, message: 'must be true or false' });
      } else if (value) {
        enabled.add(key);
      }
    }
  }

  let mappings: Record<string, unknown> = {};
  if (isPlainObject(config.mappings)) mappings = config.mappings;
  else if (config.mappings !== undefined && config.mappings !== null) {
    issues.push({ path: 'mappings', message: 'must be an object of operation names to mappings' });
  }

  for (const operation of CAPABILITY_KEYS) {
    if (!enabled.has(operation)) continue;
    const path = `mappings.${operation}`;
    const mapping = mappings[operation];
    if (mapping === undefined || mapping === null) {
      issues.push({ path, message: `required: capability ${operation} is enabled; add a mapping or set the capability to false` });
    } else if (isPlainObject(mapping) && Object.keys(mapping).length === 0) {
      issues.push({ path, message: `must not be empty: capability ${operation} is enabled; fill in the mapping or set the capability to false` });
    } else {
      issues.push(...validateMapping(operation, mapping, path));
    }
  }
  for (const key of Object.keys(mappings)) {
    if (!isCapabilityKey(key)) {
      issues.push({ path: `mappings.${key}`, message: `unknown operation; mapping names must be one of: ${CAPABILITY_KEYS.join(', ')}` });
    }
  }
  return issues;
}

// RFC 9110 token characters.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Validates one operation's mapping; paths start at basePath. */
export function validateMapping(operation: CapabilityKey, mapping: unknown, basePath = `mappings.${operation}`): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (field: string, message: string) => issues.push({ path: field ? `${basePath}.${field}` : basePath, message });
  if (!isPlainObject(mapping)) {
    add('', 'must be an object describing the HTTP request');
    return issues;
  }
  const samples = placeholderValues(defaultSampleContext(operation));

  for (const key of Object.keys(mapping)) {
    if (!(MAPPING_FIELDS as readonly string[]).includes(key)) {
      add(key, `unknown field; allowed fields are: ${MAPPING_FIELDS.join(', ')}`);
    }
  }

  const method = mapping.http_method;
  if (method === undefined || method === null || method === '') add('http_method', 'required');
  else if (typeof method !== 'string' || !(HTTP_METHODS as readonly string[]).includes(method)) {
    add('http_method', `must be one of ${HTTP_METHODS.join(', ')}`);
  }

  const url = mapping.url_template;
  if (url === undefined || url === null || url === '') add('url_template', 'required');
  else if (typeof url !== 'string') add('url_template', 'must be a string');
  else if (checkPlaceholders(url, 'url_template', add)) {
    tryRender(() => renderUrlTemplate(url, samples, `${basePath}.url_template`), add, 'url_template');
  }

  checkTemplateMap(mapping.query_params, 'query_params', 'parameter', add, (name, template) => {
    if (name === '') add('query_params', 'parameter names must not be empty');
    checkPlaceholders(template, `query_params.${name}`, add);
  });

  let kind: BodyKind | undefined = 'none';
  if (mapping.body_kind !== undefined && mapping.body_kind !== null) {
    if (typeof mapping.body_kind === 'string' && (BODY_KINDS as readonly string[]).includes(mapping.body_kind)) {
      kind = mapping.body_kind as BodyKind;
    } else {
      add('body_kind', `must be one of ${BODY_KINDS.join(', ')} (missing means none)`);
      kind = undefined;
    }
  }
  checkBody(kind, mapping.body_template, samples, basePath, add);

  const contentType = mapping.content_type;
  if (contentType !== undefined && contentType !== null) {
    if (typeof contentType !== 'string') add('content_type', 'must be a string such as application/xml');
    else if (contentType.trim() === '') add('content_type', 'must not be empty; remove it to use the default for body_kind');
    else if (/[\r\n\u0000]/.test(contentType)) add('content_type', 'must not contain line breaks (CR, LF) or NUL characters');
  }

  checkTemplateMap(mapping.headers, 'headers', 'header', add, (name, template) => {
    if (!HEADER_NAME.test(name)) {
      add(`headers.${name}`, 'is not a valid HTTP header name (letters, digits and !#$%&\'*+-.^_`|~ only)');
      return;
    }
    if (checkPlaceholders(template, `headers.${name}`, add)) {
      tryRender(() => renderHeaders({ [name]: template }, samples, basePath), add, `headers.${name}`);
    }
  });

  const statuses = mapping.success_status;
  if (statuses !== undefined && statuses !== null) {
    if (!Array.isArray(statuses)) add('success_status', 'must be a list of HTTP status codes, e.g. [200, 201]');
    else {
      statuses.forEach((code, index) => {
        if (typeof code !== 'number' || !Number.isInteger(code) || code < 100 || code > 599) {
          add(`success_status[${index}]`, 'must be an integer from 100 to 599');
        }
      });
    }
  }

  checkResponseFields(operation, mapping.response_fields, add);

  const errorPath = mapping.error_message_path;
  if (errorPath !== undefined && errorPath !== null) {
    if (typeof errorPath !== 'string') add('error_message_path', 'must be a path string, e.g. error.message');
    else {
      const problem = pathSyntaxProblem(errorPath);
      if (problem) add('error_message_path', problem);
    }
  }
  return issues;
}

type Add = (field: string, message: string) => void;

/** Reports each break of the placeholder rules with its position; true when there is none. */
function checkPlaceholders(template: string, field: string, add: Add): boolean {
  const problems = templateProblems(template);
  for (const problem of problems) add(field, templateProblemMessage(problem));
  return problems.length === 0;
}

// Render errors carry a full path; report them at the field being checked, with their message.
function tryRender(render: () => unknown, add: Add, field: string): void {
  try {
    render();
  } catch (error) {
    if (error instanceof MappingEngineError) add(field, error.message);
    else throw error;
  }
}

function checkTemplateMap(
  value: unknown,
  field: string,
  noun: string,
  add: Add,
  each: (name: string, template: string) => void,
): void {
  if (value === undefined || value === null) return;
  if (!isPlainObject(value)) {
    add(field, `must be an object of ${noun} name to template string`);
    return;
  }
  for (const [name, template] of Object.entries(value)) {
    if (typeof template !== 'string') add(`${field}.${name}`, 'must be a string');
    else each(name, template);
  }
}

function checkBody(kind: BodyKind | undefined, template: unknown, samples: PlaceholderValues, basePath: string, add: Add): void {
  if (template !== undefined && template !== null && typeof template !== 'string') {
    add('body_template', 'must be a string');
    return;
  }
  const text = typeof template === 'string' ? template : '';
  if (kind === undefined) return;
  if (kind === 'none') {
    if (text.trim() !== '') {
      add('body_template', 'is set but body_kind is none (or missing), so no body would be sent; set body_kind to json or xml, or remove body_template');
    }
    return;
  }
  if (text.trim() === '') {
    add('body_template', `required when body_kind is ${kind}`);
    return;
  }
  if (checkPlaceholders(text, 'body_template', add)) {
    tryRender(() => renderBody(kind, text, samples, `${basePath}.body_template`), add, 'body_template');
  }
}

function checkResponseFields(operation: CapabilityKey, fields: unknown, add: Add): void {
  if (!readsResponseBody(operation)) {
    if (fields === undefined || fields === null) return;
    if (!isPlainObject(fields) || Object.keys(fields).length > 0) {
      add('response_fields', `must be empty or omitted: ${operation} does not read a response body`);
    }
    return;
  }
  if (fields !== undefined && fields !== null && !isPlainObject(fields)) {
    add('response_fields', 'must be an object of field name to path');
    return;
  }
  const given = (fields ?? {}) as Record<string, unknown>;
  const allowed = allowedResponseFieldKeys(operation);
  for (const [key, path] of Object.entries(given)) {
    if (!allowed.includes(key)) {
      add(`response_fields.${key}`, `not allowed for ${operation}; allowed keys are: ${allowed.join(', ')}`);
    } else if (typeof path !== 'string') {
      add(`response_fields.${key}`, key === 'items' ? 'must be a path string ("" when the body itself is the array)' : 'must be a path string');
    } else {
      const problem = pathSyntaxProblem(path);
      if (problem) add(`response_fields.${key}`, problem);
    }
  }
  for (const key of requiredResponseFieldKeys(operation)) {
    if (given[key] === undefined || given[key] === null) add(`response_fields.${key}`, 'required');
  }
}

const AUTH_FIELDS: Record<AuthType, { required: string[]; optional: string[] }> = {
  bearer: { required: [], optional: [] },
  api_key_header: { required: ['api_key_header_name'], optional: [] },
  basic: { required: ['basic_username'], optional: [] },
  oauth2_client_credentials: { required: ['oauth_token_url', 'oauth_client_id'], optional: ['oauth_scope', 'oauth_audience'] },
};

// The auth settings that are not secret; any other field whose name looks like a credential is
// refused on every save, enabled or not: auth is stored as plain JSON and shown to every admin.
const NON_SECRET_AUTH_FIELDS = new Set(['type', ...Object.values(AUTH_FIELDS).flatMap((f) => [...f.required, ...f.optional])]);
const SECRET_FIELD_NAME = /secret|passw|passphrase|pwd|token|api[_-]?key|credential|private|bearer|signature|assertion|authorization|^key$/i;

/** What to tell someone who put a secret in auth. */
export const SECRET_IN_AUTH_MESSAGE =
  'a secret does not belong in auth, which is stored as plain text and shown to every admin; its one way in is PUT /api/connectors/{id}/secret (api_token), which stores it encrypted';

/** Paths of the fields in an auth object (nested ones included) whose names say they hold a secret. */
export function authSecretFields(auth: unknown, basePath = 'auth'): string[] {
  const found: string[] = [];
  const visit = (value: unknown, path: string, top: boolean) => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`, false));
    else if (isPlainObject(value)) {
      for (const [key, v] of Object.entries(value)) {
        const at = `${path}.${key}`;
        if (!(top && NON_SECRET_AUTH_FIELDS.has(key)) && SECRET_FIELD_NAME.test(key)) found.push(at);
        else visit(v, at, false);
      }
    }
  };
  visit(auth, basePath, true);
  return found;
}

/** The auth object without the fields authSecretFields names (for settings saved before they were refused). */
export function withoutAuthSecrets<T>(auth: T): T {
  const strip = (value: unknown, top: boolean): unknown => {
    if (Array.isArray(value)) return value.map((v) => strip(v, false));
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (!(top && NON_SECRET_AUTH_FIELDS.has(key)) && SECRET_FIELD_NAME.test(key)) continue;
      out[key] = strip(v, false);
    }
    return out;
  };
  return strip(auth, true) as T;
}

/** What a save must know of a connector to tell where its secret goes. */
export type SecretDestinationsInput = { auth?: unknown; mappings?: unknown; scimBaseUrl?: string | null };

/**
 * The origins (`scheme://host[:port]`, lower case, default port left out) a connector's secret or
 * what is obtained with it is sent to: every url_template's server, the OAuth token URL (the
 * client secret) and a SCIM proxy's base URL. Servers are written literally in templates (a
 * placeholder there is refused), so the text tells. A template that does not parse yet counts as
 * its raw text, which differs from any real origin.
 */
export function secretDestinations(config: SecretDestinationsInput): string[] {
  const urls: unknown[] = [];
  if (isPlainObject(config.mappings)) {
    for (const mapping of Object.values(config.mappings)) if (isPlainObject(mapping)) urls.push(mapping.url_template);
  }
  if (isPlainObject(config.auth) && config.auth.type === 'oauth2_client_credentials') urls.push(config.auth.oauth_token_url);
  if (config.scimBaseUrl) urls.push(config.scimBaseUrl);
  const origins = new Set<string>();
  for (const url of urls) {
    if (typeof url !== 'string' || url.trim() === '') continue;
    const m = /^\s*([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(url);
    if (!m) {
      origins.add(url);
      continue;
    }
    const scheme = m[1]!.toLowerCase();
    const defaultPort = scheme === 'https' ? ':443' : scheme === 'http' ? ':80' : undefined;
    let authority = m[2]!.toLowerCase();
    if (defaultPort && authority.endsWith(defaultPort)) authority = authority.slice(0, -defaultPort.length);
    origins.add(`${scheme}://${authority}`);
  }
  return [...origins].sort();
}

/** Origins in `after` that were not in `before`: a secret set for `before` must not follow a save to them. */
export function newSecretDestinations(before: SecretDestinationsInput, after: SecretDestinationsInput): string[] {
  const known = new Set(secretDestinations(before));
  return secretDestinations(after).filter((origin) => !known.has(origin));
}

/** Validates the non-secret auth settings (the secret itself lives in api_token, never here). */
export function validateAuthConfig(auth: unknown, basePath = 'auth'): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (field: string, message: string) => issues.push({ path: field ? `${basePath}.${field}` : basePath, message });
  if (!isPlainObject(auth)) {
    add('', `must be an object with a type (${AUTH_TYPES.join(', ')})`);
    return issues;
  }
  const type = auth.type;
  if (type === undefined || type === null || type === '') {
    add('type', 'required');
    return issues;
  }
  if (typeof type !== 'string' || !(AUTH_TYPES as readonly string[]).includes(type)) {
    add('type', `must be one of ${AUTH_TYPES.join(', ')}`);
    return issues;
  }
  const spec = AUTH_FIELDS[type as AuthType];
  const otherTypesFields = new Set(Object.values(AUTH_FIELDS).flatMap((f) => [...f.required, ...f.optional]));
  for (const [key, value] of Object.entries(auth)) {
    if (key === 'type') continue;
    if (spec.required.includes(key) || spec.optional.includes(key)) {
      if (typeof value !== 'string') add(key, 'must be a string');
      else if (value.trim() === '' && spec.required.includes(key)) add(key, 'required');
    } else if (!NON_SECRET_AUTH_FIELDS.has(key) && SECRET_FIELD_NAME.test(key)) {
      add(key, SECRET_IN_AUTH_MESSAGE);
    } else if (otherTypesFields.has(key)) {
      add(key, `not used by auth type ${type}; remove it`);
    } else {
      add(key, `unknown field; auth type ${type} uses: ${['type', ...spec.required, ...spec.optional].join(', ')}`);
    }
  }
  for (const key of spec.required) {
    if (auth[key] === undefined || auth[key] === null) add(key, 'required');
  }
  const headerName = auth.api_key_header_name;
  if (type === 'api_key_header' && typeof headerName === 'string' && headerName.trim() !== '' && !HEADER_NAME.test(headerName)) {
    add('api_key_header_name', 'is not a valid HTTP header name, e.g. X-API-Key');
  }
  const tokenUrl = auth.oauth_token_url;
  if (type === 'oauth2_client_credentials' && typeof tokenUrl === 'string' && tokenUrl.trim() !== '') {
    const problem = absoluteUrlProblem(tokenUrl);
    if (problem) add('oauth_token_url', problem);
  }
  return issues;
}
