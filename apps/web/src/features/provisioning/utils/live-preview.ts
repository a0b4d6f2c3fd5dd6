// Preview computed in the browser from the editors' current text, with the same mapping engine
// the API runs: validate the operation's mapping, merge the context over the samples, render the
// request, and read the sample response with response_fields. Nothing is sent anywhere.
import { SECRET_MASK, type ConnectorRequestPreview } from '@gatehouse/contracts';
import {
  MappingEngineError,
  inferBodyFormat,
  mergeSampleContext,
  readResponse,
  renderRequest,
  validateMapping,
  type CapabilityKey,
  type OperationMapping,
} from '@gatehouse/mapping';
import { isAuthType } from './auth-settings';
import type { Problem } from './problem-location';

export type LivePreviewInput = {
  operation: CapabilityKey;
  /** The Mappings editor's value; null while its JSON does not parse. */
  mappings: Record<string, unknown> | null;
  auth: Record<string, unknown> | null;
  /** Context JSON text; empty means the built-in samples. */
  context: string;
  /** Sample success body; empty means none. */
  sampleResponse: string;
};

export type LivePreview =
  | { state: 'mappings-invalid-json' }
  | { state: 'no-mapping' }
  | { state: 'context-error'; problem: Problem }
  | { state: 'mapping-problems'; problems: Problem[] }
  | { state: 'ready'; request: ConnectorRequestPreview; resolved?: unknown; responseError?: Problem };

/** The credential header as the API shows it in previews: present, value masked. */
export function maskedAuthHeader(auth: Record<string, unknown> | null): { name: string; value: string } | null {
  const type = auth?.type;
  if (!isAuthType(type)) return null;
  switch (type) {
    case 'bearer':
    case 'oauth2_client_credentials':
      return { name: 'Authorization', value: `Bearer ${SECRET_MASK}` };
    case 'basic':
      return { name: 'Authorization', value: `Basic ${SECRET_MASK}` };
    case 'api_key_header': {
      const name = typeof auth?.api_key_header_name === 'string' && auth.api_key_header_name.trim() !== '' ? auth.api_key_header_name : 'X-API-Key';
      return { name, value: SECRET_MASK };
    }
  }
}

export type HeaderRow = { name: string; value: string; masked: boolean };

/** Header rows to display; values that hold the mask are flagged so they read as hidden, not literal. */
export function headerRows(headers: Record<string, string>): HeaderRow[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value, masked: value.includes(SECRET_MASK) }));
}

const problemOf = (err: MappingEngineError): Problem => ({ path: err.path, message: err.message });

export function computeLivePreview(input: LivePreviewInput): LivePreview {
  const { operation } = input;
  if (!input.mappings) return { state: 'mappings-invalid-json' };
  const raw = input.mappings[operation];
  if (raw === undefined || raw === null) return { state: 'no-mapping' };

  let context;
  try {
    context = mergeSampleContext(operation, input.context);
  } catch (err) {
    if (err instanceof MappingEngineError) return { state: 'context-error', problem: problemOf(err) };
    throw err;
  }
  const problems = validateMapping(operation, raw);
  if (problems.length > 0) return { state: 'mapping-problems', problems };

  const mapping = raw as OperationMapping;
  let rendered;
  try {
    rendered = renderRequest(mapping, context, { operation });
  } catch (err) {
    if (err instanceof MappingEngineError) return { state: 'mapping-problems', problems: [problemOf(err)] };
    throw err;
  }
  const auth = maskedAuthHeader(input.auth);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(rendered.headers)) {
    // The credential header is always the one built from the auth settings.
    if (auth && name.toLowerCase() === auth.name.toLowerCase()) continue;
    headers[name] = value;
  }
  if (rendered.body !== undefined && rendered.contentType) headers['Content-Type'] = rendered.contentType;
  if (auth) headers[auth.name] = auth.value;

  const out: Extract<LivePreview, { state: 'ready' }> = {
    state: 'ready',
    request: { method: rendered.method, url: rendered.url, headers, body: rendered.body ?? null },
  };
  if (input.sampleResponse.trim() !== '') {
    const contentType = inferBodyFormat(input.sampleResponse) === 'xml' ? 'application/xml' : 'application/json';
    try {
      out.resolved = readResponse(operation, mapping, { body: input.sampleResponse, contentType }, context);
    } catch (err) {
      if (err instanceof MappingEngineError) out.responseError = problemOf(err);
      else throw err;
    }
  }
  return out;
}

/** Read operations run without a warning; anything else can change data downstream. */
export const isMutatingMethod = (method: string | undefined) => method !== undefined && method.toUpperCase() !== 'GET';

/** The method a mapping would use, if it names one. */
export function methodOf(mappings: Record<string, unknown> | null | undefined, operation: CapabilityKey): string | undefined {
  const mapping = mappings?.[operation];
  if (typeof mapping !== 'object' || mapping === null) return undefined;
  const method = (mapping as Record<string, unknown>).http_method;
  return typeof method === 'string' ? method : undefined;
}
