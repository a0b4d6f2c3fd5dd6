import { CAPABILITY_KEYS, type CapabilityKey } from '@gatehouse/mapping';
import { z } from 'zod';

// Request and response shapes of /api/connectors. The capabilities, mappings and auth objects
// are only checked for being JSON objects here: the mapping engine (@gatehouse/mapping) checks
// their content when an instance is enabled, previewed or tested, and names every problem.

/**
 * `custom_http`: Gatehouse is the SCIM server and calls the app's own API through mappings.
 * `scim_proxy`: the app speaks SCIM 2.0 itself; Gatehouse forwards the IdP's requests to
 * `scimBaseUrl` with the connector's outbound auth (capabilities and mappings are unused).
 */
export const CONNECTOR_TYPES = ['custom_http', 'scim_proxy'] as const;
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];
export const SCIM_BASE_URL_MAX_LENGTH = 2048;
export const CONNECTOR_NAME_MAX_LENGTH = 100;
/** The operation names, in the documented order: the mapping engine's capability keys. */
export const CONNECTOR_OPERATIONS = CAPABILITY_KEYS;
export type ConnectorOperation = CapabilityKey;
export const CONNECTOR_CALL_SOURCES = ['preview', 'test', 'scim'] as const;

/**
 * How a Custom HTTP connector answers its identity provider's successful SCIM PATCH (RFC 7644
 * §3.5.2 allows 204 No Content or 200 with the resource; PUT is always 200 with the resource):
 * `entra` 204, what Entra ID and Microsoft's reference collection expect; `okta` and `generic`
 * 200 with the resource, what Okta's guide shows and the answer every client can read.
 */
export const IDP_PROFILES = ['entra', 'okta', 'generic'] as const;
export type IdpProfile = (typeof IDP_PROFILES)[number];
/** 200 with the resource is read by every client, including those that also accept 204. */
export const DEFAULT_IDP_PROFILE: IdpProfile = 'generic';

/** Whether a successful PATCH is answered 200 with the resource (else 204 No Content). */
export function patchAnswersWithResource(profile: IdpProfile): boolean {
  switch (profile) {
    case 'entra':
      return false;
    case 'okta':
    case 'generic':
      return true;
    default: {
      const unreachable: never = profile;
      return unreachable;
    }
  }
}

const idpProfile = z.enum(IDP_PROFILES, { error: `idpProfile must be one of ${IDP_PROFILES.join(', ')}` });
/** Shown instead of a credential in previews and test results. */
export const SECRET_MASK = '••••••';

/** The message for fields a strict request shape does not accept. */
export const unknownFields = (accepted: string) => (issue: { code?: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys' ? `unknown field ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')}: accepted fields are ${accepted}` : undefined;

const jsonObject = (field: string) =>
  z.record(z.string(), z.unknown(), { error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a JSON object`) });

const name = z
  .string({ error: (issue) => (issue.input === undefined ? 'name is required' : 'name must be a string') })
  .trim()
  .min(1, 'name must not be empty')
  .max(CONNECTOR_NAME_MAX_LENGTH, `name must be at most ${CONNECTOR_NAME_MAX_LENGTH} characters`);

const flag = (field: string) => z.boolean({ error: `${field} must be true or false` });

const operation = z.enum(CONNECTOR_OPERATIONS, { error: `operation must be one of ${CONNECTOR_OPERATIONS.join(', ')}` });

/** Preview / live test context: an object, or the JSON text of one (empty text means defaults). */
const context = z.union([z.string().max(100_000, 'context must be at most 100000 characters'), z.record(z.string(), z.unknown())], {
  error: 'context must be a JSON object or the JSON text of one',
});

/**
 * What is wrong with a SCIM proxy's base URL, or null when its form is acceptable: an absolute
 * http(s) URL without credentials, query or fragment. Whether plain http may be used (never in
 * production) and where it points are checked by the API when the connector is saved.
 */
export function scimBaseUrlProblem(value: string): string | null {
  // A plain pattern rather than URL: this package stays free of platform globals.
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(value);
  if (!m) return 'scimBaseUrl must be an absolute URL, e.g. https://app.example.com/scim/v2';
  const [, scheme, authority, , query, fragment] = m;
  if (!/^https?$/i.test(scheme!)) return 'scimBaseUrl must start with https://';
  if (authority!.includes('@')) return 'scimBaseUrl must not carry user:password@ credentials; configure them under auth';
  if (!/^(\[[0-9a-f:.]+\]|[^\s:[\]]+)(:\d{1,5})?$/i.test(authority!)) return 'scimBaseUrl must name a host, e.g. https://app.example.com/scim/v2';
  if (/\s/.test(value)) return 'scimBaseUrl must not contain spaces';
  if (query !== undefined) return 'scimBaseUrl must not have a query string';
  if (fragment !== undefined) return 'scimBaseUrl must not have a fragment';
  return null;
}

const scimBaseUrl = z
  .string({ error: 'scimBaseUrl must be a string' })
  .trim()
  .min(1, 'scimBaseUrl must not be empty')
  .max(SCIM_BASE_URL_MAX_LENGTH, `scimBaseUrl must be at most ${SCIM_BASE_URL_MAX_LENGTH} characters`)
  .superRefine((value, ctx) => {
    const problem = scimBaseUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const CONNECTOR_FIELDS = 'name, type, enabled, auth, capabilities, mappings, deactivationAsDelete, allowInsecureHttp, scimBaseUrl, idpProfile';

export const createConnectorRequestSchema = z.strictObject(
  {
    name,
    type: z.enum(CONNECTOR_TYPES, { error: `type must be one of ${CONNECTOR_TYPES.join(', ')}` }).default('custom_http'),
    enabled: flag('enabled').default(false),
    /** Non-secret auth settings; the secret goes to PUT /api/connectors/{id}/secret. */
    auth: jsonObject('auth').nullable().default(null),
    capabilities: jsonObject('capabilities').default({}),
    mappings: jsonObject('mappings').default({}),
    /** SCIM deactivation (active: false) is carried out as a downstream delete. */
    deactivationAsDelete: flag('deactivationAsDelete').default(false),
    /** Allows http:// targets; never honoured when the server runs in production. */
    allowInsecureHttp: flag('allowInsecureHttp').default(false),
    /** scim_proxy only (and required there): the app's SCIM 2.0 base URL the IdP's requests go to. */
    scimBaseUrl: scimBaseUrl.nullable().default(null),
    /** custom_http: how SCIM PATCH is answered (see IDP_PROFILES); a proxy passes on the app's own answers. */
    idpProfile: idpProfile.default(DEFAULT_IDP_PROFILE),
  },
  { error: unknownFields(CONNECTOR_FIELDS) },
).superRefine((value, ctx) => {
  if (value.type === 'scim_proxy' && value.scimBaseUrl === null) {
    ctx.addIssue({ code: 'custom', path: ['scimBaseUrl'], message: "scimBaseUrl is required for a SCIM proxy: the app's SCIM 2.0 base URL" });
  } else if (value.type !== 'scim_proxy' && value.scimBaseUrl !== null) {
    ctx.addIssue({ code: 'custom', path: ['scimBaseUrl'], message: 'scimBaseUrl is only used by scim_proxy connectors' });
  }
});
export type CreateConnectorRequest = z.infer<typeof createConnectorRequestSchema>;

/** Every field optional; objects (auth, capabilities, mappings) are replaced whole. */
export const updateConnectorRequestSchema = z.strictObject(
  {
    name: name.optional(),
    enabled: flag('enabled').optional(),
    auth: jsonObject('auth').nullable().optional(),
    capabilities: jsonObject('capabilities').optional(),
    mappings: jsonObject('mappings').optional(),
    deactivationAsDelete: flag('deactivationAsDelete').optional(),
    allowInsecureHttp: flag('allowInsecureHttp').optional(),
    /** scim_proxy only; cannot be removed from a proxy. */
    scimBaseUrl: scimBaseUrl.optional(),
    idpProfile: idpProfile.optional(),
  },
  { error: unknownFields('name, enabled, auth, capabilities, mappings, deactivationAsDelete, allowInsecureHttp, scimBaseUrl, idpProfile (type cannot change)') },
);
export type UpdateConnectorRequest = z.infer<typeof updateConnectorRequestSchema>;

export const setConnectorSecretRequestSchema = z.strictObject(
  {
    api_token: z
      .string({ error: (issue) => (issue.input === undefined ? 'api_token is required' : 'api_token must be a string') })
      .min(1, 'api_token must not be empty')
      .max(8192, 'api_token must be at most 8192 characters')
      .refine((v) => !/[\r\n\u0000]/.test(v), 'api_token must not contain line breaks or NUL characters'),
  },
  { error: unknownFields('api_token') },
);
export type SetConnectorSecretRequest = z.infer<typeof setConnectorSecretRequestSchema>;

export const copyConnectorRequestSchema = z.strictObject({ name }, { error: unknownFields('name') });
export type CopyConnectorRequest = z.infer<typeof copyConnectorRequestSchema>;

export const connectorResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(CONNECTOR_TYPES),
  enabled: z.boolean(),
  auth: z.record(z.string(), z.unknown()).nullable(),
  capabilities: z.record(z.string(), z.unknown()),
  mappings: z.record(z.string(), z.unknown()),
  deactivationAsDelete: z.boolean(),
  allowInsecureHttp: z.boolean(),
  /** The app's SCIM base URL (scim_proxy); null for other types. */
  scimBaseUrl: z.string().nullable(),
  idpProfile: z.enum(IDP_PROFILES),
  /** Whether a secret is stored; the secret itself is never returned. */
  hasSecret: z.boolean(),
  /**
   * Only in the answer to a change that sends the secret to a server it was not sent to before
   * (a new host in a url_template, oauth_token_url or scimBaseUrl): the secret was cleared and
   * must be set again with PUT /api/connectors/{id}/secret.
   */
  secretCleared: z.literal(true).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastCallAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type ConnectorResponse = z.infer<typeof connectorResponseSchema>;

/** What the instance page polls: its last call and last error, as the call log records them. */
export const connectorStatusResponseSchema = connectorResponseSchema.pick({ lastCallAt: true, lastError: true });
export type ConnectorStatusResponse = z.infer<typeof connectorStatusResponseSchema>;

export const connectorListResponseSchema = z.object({ items: z.array(connectorResponseSchema) });
export type ConnectorListResponse = z.infer<typeof connectorListResponseSchema>;

/** A request as it is (or would be) sent; the credential header value is masked. */
export const connectorRequestPreviewSchema = z.object({
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string().nullable(),
});
export type ConnectorRequestPreview = z.infer<typeof connectorRequestPreviewSchema>;

export const previewConnectorRequestSchema = z.strictObject(
  {
    operation,
    context: context.nullable().optional(),
    /** A representative success body (JSON or XML, inferred) to check response_fields against. */
    sampleResponse: z.string({ error: 'sampleResponse must be a string (the response body text)' }).max(1_000_000, 'sampleResponse must be at most 1000000 characters').optional(),
  },
  { error: unknownFields('operation, context, sampleResponse') },
);
export type PreviewConnectorRequest = z.infer<typeof previewConnectorRequestSchema>;

const problem = z.object({ path: z.string(), message: z.string() });

export const previewConnectorResponseSchema = z.object({
  request: connectorRequestPreviewSchema,
  /** What response_fields read from sampleResponse: a user or group, or a list of them. */
  resolved_response: z.unknown().optional(),
  /** Why sampleResponse could not be read, when it could not. */
  response_error: problem.optional(),
});
export type PreviewConnectorResponse = z.infer<typeof previewConnectorResponseSchema>;

export const testConnectorRequestSchema = z
  .strictObject(
    {
      /** `request` (default) runs one operation; `oauth_token` only fetches an OAuth token. */
      mode: z.enum(['request', 'oauth_token'], { error: 'mode must be request or oauth_token' }).default('request'),
      operation: operation.optional(),
      context: context.nullable().optional(),
      /** Required for POST, PUT, PATCH and DELETE: they can change real data. */
      acknowledgeSideEffects: flag('acknowledgeSideEffects').default(false),
    },
    { error: unknownFields('mode, operation, context, acknowledgeSideEffects') },
  )
  .superRefine((value, ctx) => {
    if (value.mode === 'request' && value.operation === undefined) {
      ctx.addIssue({ code: 'custom', path: ['operation'], message: 'operation is required to test a request' });
    }
  });
export type TestConnectorRequest = z.infer<typeof testConnectorRequestSchema>;

export const connectorCallErrorKinds = ['refused', 'rejected', 'unavailable', 'timeout', 'too_large', 'unreadable', 'oauth'] as const;
const callError = z.object({ kind: z.enum(connectorCallErrorKinds), message: z.string(), retryable: z.boolean(), path: z.string().optional() });

export const testRequestResultSchema = z.object({
  mode: z.literal('request'),
  ok: z.boolean(),
  operation: operation,
  request: connectorRequestPreviewSchema.nullable(),
  /** The downstream status; null when nothing was answered. */
  status: z.number().int().nullable(),
  /** The first 64 kB of the answer as text. */
  body: z.string().nullable(),
  bodyTruncated: z.boolean(),
  resolved: z.unknown().optional(),
  durationMs: z.number().int(),
  attempts: z.number().int(),
  error: callError.optional(),
});

export const testOAuthTokenResultSchema = z.object({
  mode: z.literal('oauth_token'),
  ok: z.boolean(),
  tokenType: z.string().nullable(),
  /** Seconds, as the token endpoint said; null when it did not. */
  expiresIn: z.number().nullable(),
  expiresAt: z.string().nullable(),
  scope: z.string().nullable(),
  durationMs: z.number().int(),
  error: callError.optional(),
});

export const testConnectorResponseSchema = z.discriminatedUnion('mode', [testRequestResultSchema, testOAuthTokenResultSchema]);
export type TestConnectorResponse = z.infer<typeof testConnectorResponseSchema>;
export type TestRequestResult = z.infer<typeof testRequestResultSchema>;
export type TestOAuthTokenResult = z.infer<typeof testOAuthTokenResultSchema>;


