import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  MappingEngineError,
  extractErrorMessage,
  readResponse,
  renderRequest,
  validateAuthConfig,
  validateMapping,
  type AuthConfig,
  type CapabilityKey,
  type MappingContext,
  type OAuth2ClientCredentialsAuth,
  type OperationMapping,
  type ReadResult,
} from '@gatehouse/mapping';
import type { EntityManager } from 'typeorm';
import { SecretDecryptionError, SecretsService } from '../../common/secrets/secrets.service.js';
import { ConnectorCallLog, type CallDetail } from './connector-call-log.service.js';
import type { ConnectorCallSource } from './entities/connector-call.entity.js';
import type { Connector } from './entities/connector.entity.js';
import {
  ConnectorCallError,
  ConnectorErrors,
  DownstreamRejectedError,
  DownstreamResponseError,
  DownstreamUnavailableError,
  OAuthTokenError,
  type MaskedRequest,
} from './http-connector.errors.js';
import { MASK, firstBytes, maskBody, maskHeaders, maskUrl, redactSecrets, sentSecretValues } from './masking.js';
import { OAuthTokenCache, type CachedToken } from './oauth-token-cache.js';
import { OutboundHttp, type OutboundResponse } from './outbound-http.js';
import { OutboundSettings } from './outbound-settings.js';

export type ExecuteOptions = {
  source: ConnectorCallSource;
  /**
   * Write the call log inside this transaction (callers that call out while a transaction is
   * open; on the embedded database another connection would wait for it).
   */
  em?: EntityManager;
  /**
   * The values read are shown to an administrator (Import accounts): the secret is masked in
   * them, as in a live test. Provisioning (source `scim`) otherwise uses them as the app sent them.
   */
  shown?: boolean;
  /** The SCIM user or group the call is made for, so the call log can be filtered by it. */
  subject?: { scimUserId?: string; scimGroupId?: string };
  /** Why the call is made, shown with it in the call log. */
  note?: string;
};

export type ExecuteResult<O extends CapabilityKey = CapabilityKey> = {
  operation: O;
  /** As sent, the credential masked. */
  request: MaskedRequest;
  status: number;
  /** The answer as text, cut at OutboundSettings.shownBodyBytes; secrets masked. */
  body: string;
  bodyTruncated: boolean;
  contentType: string | undefined;
  /** What response_fields read (null for operations that read nothing). */
  resolved: ReadResult<O>;
  durationMs: number;
  attempts: number;
};

export type OAuthTokenInfo = {
  tokenType: string;
  expiresIn: number | null;
  expiresAt: string | null;
  scope: string | null;
  durationMs: number;
};

/** A request sent as it is (SCIM proxy): the connector's credential is added on the way out. */
export type ForwardRequest = {
  /** What the call log shows as the operation, e.g. `proxy:GET /Users`. */
  operation: string;
  method: string;
  url: string;
  /** Without any credential. */
  headers: Record<string, string>;
  body?: Buffer;
};

/** Whatever the app answered, any status. Header names are lower case. */
export type ForwardResult = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  durationMs: number;
  attempts: number;
};

/** A rendered request before credentials are added: what Preview shows. */
export type PreparedCall = {
  mapping: OperationMapping;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** The same request with the credential header present but masked. */
  masked: MaskedRequest;
};

const USER_AGENT = 'Gatehouse-Connector/1.0';

/**
 * A frozen mapping (a connector SCIM holds between requests) cannot change, so it is checked once
 * rather than on every call it drives; any other is checked each time.
 */
const checkedMappings = new WeakMap<object, { operation: CapabilityKey; issues: ReturnType<typeof validateMapping> }>();
function mappingIssues(operation: CapabilityKey, raw: unknown): ReturnType<typeof validateMapping> {
  if (typeof raw !== 'object' || raw === null || !Object.isFrozen(raw)) return validateMapping(operation, raw);
  const checked = checkedMappings.get(raw);
  if (checked?.operation === operation) return checked.issues;
  const issues = validateMapping(operation, raw);
  checkedMappings.set(raw, { operation, issues });
  return issues;
}
const DEFAULT_ACCEPT = 'application/json, application/xml;q=0.9, */*;q=0.8';
// Set by the HTTP client from the request itself; a template must not override them.
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);

/**
 * Runs one connector operation against the downstream app: renders the mapping with the engine,
 * adds the credential, sends it through OutboundHttp, checks success_status, reads the answer
 * with response_fields and records the call. Used by the live test and by SCIM provisioning.
 */
@Injectable()
export class ConnectorExecutor {
  constructor(
    private readonly http: OutboundHttp,
    private readonly tokens: OAuthTokenCache,
    private readonly secrets: SecretsService,
    private readonly callLog: ConnectorCallLog,
    private readonly settings: OutboundSettings,
  ) {}

  /** Renders an operation without sending anything. Throws a 400 AppError naming the problem. */
  prepare(connector: Connector, operation: CapabilityKey, context: MappingContext): PreparedCall {
    const auth = this.authOf(connector);
    const raw = (connector.mappings ?? {})[operation];
    if (raw === undefined || raw === null) throw ConnectorErrors.noMapping(operation);
    const issues = mappingIssues(operation, raw);
    if (issues.length > 0) throw ConnectorErrors.invalidMapping(operation, issues);
    const mapping = raw as OperationMapping;
    let rendered;
    try {
      rendered = renderRequest(mapping, context, { operation });
    } catch (err) {
      if (err instanceof MappingEngineError) throw ConnectorErrors.invalidInput(err.path, err.message);
      throw err;
    }
    const authHeader = auth ? authHeaderName(auth) : undefined;
    const headers = new HeaderSet();
    headers.set('Accept', DEFAULT_ACCEPT);
    headers.set('User-Agent', USER_AGENT);
    for (const [name, value] of Object.entries(rendered.headers)) {
      if (RESERVED_HEADERS.has(name.toLowerCase()) || name.toLowerCase() === authHeader?.toLowerCase()) continue;
      headers.set(name, value);
    }
    if (rendered.body !== undefined && rendered.contentType) headers.set('Content-Type', rendered.contentType);
    const plain = headers.toObject();
    const masked = auth ? { ...plain, [authHeaderName(auth)]: maskedAuthValue(auth) } : plain;
    return {
      mapping,
      method: rendered.method,
      url: rendered.url,
      headers: plain,
      body: rendered.body,
      masked: { method: rendered.method, url: rendered.url, headers: masked, body: rendered.body ?? null },
    };
  }

  /**
   * Performs `operation` for a company's connector. Throws ConnectorCallError subclasses for
   * failures of the call (DownstreamRejectedError for 4xx and other unexpected statuses, with the
   * message from error_message_path; DownstreamUnavailableError for 5xx/429/timeouts/network,
   * retryable; DownstreamResponseError for a success answer that cannot be read; TargetRefusedError;
   * OAuthTokenError) and 400 AppErrors for configuration problems (no mapping, no secret, ...).
   */
  async execute<O extends CapabilityKey>(companyId: string, connector: Connector, operation: O, context: MappingContext, opts: ExecuteOptions): Promise<ExecuteResult<O>> {
    if (connector.companyId !== companyId) throw ConnectorErrors.notFound();
    const prepared = this.prepare(connector, operation, context);
    const auth = this.authOf(connector);
    const secret = auth ? this.readSecret(connector) : undefined;
    const successStatuses = prepared.mapping.success_status?.length ? prepared.mapping.success_status : undefined;
    const isSuccess = (status: number) => (successStatuses ? successStatuses.includes(status) : status >= 200 && status < 300);
    const knownSecrets = sentCredentials(auth, secret);

    let token: CachedToken | undefined;
    if (auth?.type === 'oauth2_client_credentials') {
      token = await this.oauthToken(companyId, connector, auth, secret!, opts, false);
      knownSecrets.push(token.accessToken);
    }

    const started = Date.now();
    let response: OutboundResponse | undefined;
    let attempts = 0;
    let failure: ConnectorCallError | undefined;
    try {
      response = await this.send(connector, prepared, auth, secret, token, isSuccess);
      attempts = response.attempts;
      if (response.status === 401 && !isSuccess(401) && auth?.type === 'oauth2_client_credentials' && token) {
        // The token may have been revoked or expired early: one fresh token, one more try.
        this.tokens.forget(connector.id, token.accessToken);
        token = await this.oauthToken(companyId, connector, auth, secret!, opts, true);
        knownSecrets.push(token.accessToken);
        response = await this.send(connector, prepared, auth, secret, token, isSuccess);
        attempts += response.attempts;
      }
      const text = response.body.toString('utf8');
      const contentType = response.headers['content-type'];
      const shown = this.bounded(redactSecrets(text, knownSecrets));
      if (!isSuccess(response.status)) {
        throw this.statusFailure(prepared, response, text, contentType, knownSecrets, shown);
      }
      let resolved: ReadResult<O>;
      try {
        resolved = readResponse(operation, prepared.mapping, { body: text, contentType }, context);
        // A live test shows what was read; provisioning needs the values as the app sent them.
        if (opts.source !== 'scim' || opts.shown) resolved = redactValue(resolved, knownSecrets);
      } catch (err) {
        if (!(err instanceof MappingEngineError)) throw err;
        throw new DownstreamResponseError({
          kind: 'unreadable',
          retryable: false,
          status: response.status,
          body: shown.text,
          bodyTruncated: shown.truncated,
          path: err.path,
          message: redactSecrets(`The answer to ${operation} could not be read: ${err.path}: ${err.message}`, knownSecrets),
        });
      }
      return {
        operation,
        request: prepared.masked,
        status: response.status,
        body: shown.text,
        bodyTruncated: shown.truncated,
        contentType,
        resolved,
        durationMs: Date.now() - started,
        attempts,
      };
    } catch (err) {
      if (err instanceof ConnectorCallError) {
        failure = err;
        err.request = prepared.masked;
        err.durationMs = Date.now() - started;
        err.attempts = attempts || response?.attempts || 1;
      }
      throw err;
    } finally {
      await this.callLog.record(
        {
          companyId,
          connectorId: connector.id,
          operation,
          method: prepared.method,
          url: redactSecrets(maskUrl(prepared.url), knownSecrets),
          status: failure?.status ?? response?.status ?? null,
          durationMs: Date.now() - started,
          attempts: attempts || response?.attempts || 1,
          error: failure ? redactSecrets(failure.message, knownSecrets) : null,
          source: opts.source,
          detail: this.detail(prepared.url, prepared.masked.headers, prepared.body, response, knownSecrets, auth),
          scimUserId: opts.subject?.scimUserId ?? null,
          scimGroupId: opts.subject?.scimGroupId ?? null,
          note: opts.note ?? null,
        },
        opts.em,
      );
    }
  }

  /**
   * Sends a request as it is with the connector's credential added (the four auth types, OAuth
   * tokens from the shared cache), and hands back the app's answer whatever its status: the SCIM
   * proxy passes it on unchanged, so nothing is retried here (the identity provider retries)
   * except once with a fresh token when the app answers 401 under OAuth. Throws
   * ConnectorCallError when no answer came (refused, timeout, network, too large) or no OAuth
   * token could be had, and 400 AppErrors for the connector's configuration (auth, secret).
   * Every call is recorded, with an error for 4xx/5xx answers.
   */
  async forward(companyId: string, connector: Connector, request: ForwardRequest, opts: ExecuteOptions): Promise<ForwardResult> {
    if (connector.companyId !== companyId) throw ConnectorErrors.notFound();
    const auth = this.authOf(connector);
    const secret = auth ? this.readSecret(connector) : undefined;
    const knownSecrets = sentCredentials(auth, secret);
    const headers = new HeaderSet();
    headers.set('User-Agent', USER_AGENT);
    const authHeader = auth ? authHeaderName(auth).toLowerCase() : undefined;
    for (const [name, value] of Object.entries(request.headers)) {
      const lower = name.toLowerCase();
      if (RESERVED_HEADERS.has(lower) || lower === 'authorization' || lower === authHeader) continue;
      headers.set(name, value);
    }
    const everything = () => true;
    const shownHeaders = auth ? { ...headers.toObject(), [authHeaderName(auth)]: maskedAuthValue(auth) } : headers.toObject();
    const send = (token: CachedToken | undefined) => {
      const sent = headers.toObject();
      if (auth) sent[authHeaderName(auth)] = authHeaderValue(auth, secret!, token);
      return this.http.send({ method: request.method, url: request.url, headers: sent, body: request.body }, { allowInsecureHttp: connector.allowInsecureHttp, isSuccess: everything });
    };

    const started = Date.now();
    let response: OutboundResponse | undefined;
    let attempts = 0;
    let error: string | null = null;
    try {
      let token: CachedToken | undefined;
      if (auth?.type === 'oauth2_client_credentials') {
        token = await this.oauthToken(companyId, connector, auth, secret!, opts, false);
        knownSecrets.push(token.accessToken);
      }
      response = await send(token);
      attempts = response.attempts;
      if (response.status === 401 && auth?.type === 'oauth2_client_credentials' && token) {
        // The token may have been revoked or expired early: one fresh token, one more try.
        this.tokens.forget(connector.id, token.accessToken);
        token = await this.oauthToken(companyId, connector, auth, secret!, opts, true);
        knownSecrets.push(token.accessToken);
        response = await send(token);
        attempts += response.attempts;
      }
      if (response.status >= 400) {
        // Masked before it is cut short: a secret cut in two would no longer be found.
        const detail = errorDetail(redactSecrets(response.body.toString('utf8'), knownSecrets));
        error = redactSecrets(`${request.method} ${maskUrl(request.url)} answered ${response.status}${detail ? `: ${detail}` : ''}`, knownSecrets);
      }
      return { status: response.status, headers: response.headers, body: response.body, durationMs: Date.now() - started, attempts };
    } catch (err) {
      error = redactSecrets((err as Error).message, knownSecrets);
      if (err instanceof ConnectorCallError) {
        err.durationMs = Date.now() - started;
        err.attempts = attempts || 1;
      }
      throw err;
    } finally {
      await this.callLog.record(
        {
          companyId,
          connectorId: connector.id,
          operation: request.operation,
          method: request.method,
          url: redactSecrets(maskUrl(request.url), knownSecrets),
          status: response?.status ?? null,
          durationMs: Date.now() - started,
          attempts: attempts || 1,
          error,
          source: opts.source,
          detail: this.detail(request.url, shownHeaders, request.body?.toString('utf8'), response, knownSecrets, auth),
          scimUserId: opts.subject?.scimUserId ?? null,
          scimGroupId: opts.subject?.scimGroupId ?? null,
        },
        opts.em,
      );
    }
  }

  /** Fetches a fresh OAuth token (and caches it). The token itself is never returned. */
  async fetchOAuthToken(companyId: string, connector: Connector, opts: ExecuteOptions): Promise<OAuthTokenInfo> {
    if (connector.companyId !== companyId) throw ConnectorErrors.notFound();
    const auth = this.authOf(connector);
    if (auth?.type !== 'oauth2_client_credentials') throw ConnectorErrors.notOAuth();
    const secret = this.readSecret(connector);
    const started = Date.now();
    const token = await this.oauthToken(companyId, connector, auth, secret, opts, true);
    return {
      tokenType: token.tokenType,
      expiresIn: token.expiresIn ?? null,
      expiresAt: token.expiresAt === undefined ? null : new Date(token.expiresAt).toISOString(),
      scope: token.scope ?? null,
      durationMs: Date.now() - started,
    };
  }

  /** Drops what is cached for a connector (after it is deleted or its secret changes). */
  forget(connectorId: string): void {
    this.tokens.forget(connectorId);
  }

  private authOf(connector: Connector): AuthConfig | undefined {
    if (connector.auth === null || connector.auth === undefined) return undefined;
    const issues = validateAuthConfig(connector.auth);
    if (issues.length > 0) throw ConnectorErrors.invalidAuth(issues);
    return connector.auth as unknown as AuthConfig;
  }

  private readSecret(connector: Connector): string {
    if (!connector.secretCiphertext) throw ConnectorErrors.noSecret();
    try {
      return this.secrets.decrypt(connector.secretCiphertext, secretContext(connector.id));
    } catch (err) {
      if (err instanceof SecretDecryptionError) throw ConnectorErrors.secretUnreadable(err.message);
      throw err;
    }
  }

  private send(
    connector: Connector,
    prepared: PreparedCall,
    auth: AuthConfig | undefined,
    secret: string | undefined,
    token: CachedToken | undefined,
    isSuccess: (status: number) => boolean,
  ): Promise<OutboundResponse> {
    const headers = { ...prepared.headers };
    if (auth) headers[authHeaderName(auth)] = authHeaderValue(auth, secret!, token);
    return this.http.send({ method: prepared.method, url: prepared.url, headers, body: prepared.body }, { allowInsecureHttp: connector.allowInsecureHttp, isSuccess });
  }

  private statusFailure(
    prepared: PreparedCall,
    response: OutboundResponse,
    text: string,
    contentType: string | undefined,
    secrets: (string | undefined)[],
    shown: { text: string; truncated: boolean },
  ): ConnectorCallError {
    const status = response.status;
    // Masked before the message is extracted and cut short: a secret cut in two would no longer be found.
    const masked = redactSecrets(text, secrets);
    const extracted = extractErrorMessage(prepared.mapping, masked, contentType);
    const detail = extracted ?? snippet(masked);
    const note = response.retryNote ? ` (${response.retryNote})` : '';
    const message = redactSecrets(`${prepared.method} ${maskUrl(prepared.url)} answered ${status}${detail ? `: ${detail}` : ''}${note}`, secrets);
    const failure = { status, body: shown.text, bodyTruncated: shown.truncated, message };
    if (status >= 500 || status === 429) return new DownstreamUnavailableError({ ...failure, kind: 'unavailable', retryable: true });
    return new DownstreamRejectedError({ ...failure, kind: 'rejected', retryable: false });
  }

  private bounded(text: string): { text: string; truncated: boolean } {
    return firstBytes(text, this.settings.shownBodyBytes);
  }

  /**
   * The request and answer as the call log keeps them: credentials masked (headers by name,
   * known secrets in every form, credential-looking body fields), bodies masked before they are
   * cut at the shown size so a secret cut in two cannot slip through.
   */
  private detail(
    url: string,
    requestHeaders: Record<string, string>,
    requestBody: string | undefined,
    response: OutboundResponse | undefined,
    knownSecrets: readonly (string | undefined)[],
    auth: AuthConfig | undefined,
  ): CallDetail {
    const extra = auth ? [authHeaderName(auth)] : [];
    // What was masked by name in the request is masked wherever an echo puts it.
    const hidden = [...knownSecrets, ...sentSecretValues(url, requestHeaders, requestBody, extra)];
    const contentTypeOf = (h: Record<string, string>) => Object.entries(h).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    const request = requestBody === undefined ? undefined : this.bounded(maskBody(requestBody, contentTypeOf(requestHeaders), hidden));
    const answer = response ? this.bounded(maskBody(response.body.toString('utf8'), contentTypeOf(response.headers), hidden)) : undefined;
    return {
      requestHeaders: maskHeaders(requestHeaders, hidden, extra),
      requestBody: request?.text ?? null,
      requestBodyTruncated: request?.truncated ?? false,
      responseHeaders: response ? maskHeaders(response.headers, hidden, extra) : null,
      responseBody: answer?.text ?? null,
      responseBodyTruncated: answer?.truncated ?? false,
    };
  }

  private oauthToken(
    companyId: string,
    connector: Connector,
    auth: OAuth2ClientCredentialsAuth,
    secret: string,
    opts: ExecuteOptions,
    fresh: boolean,
  ): Promise<CachedToken> {
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([auth.oauth_token_url, auth.oauth_client_id, auth.oauth_scope ?? '', auth.oauth_audience ?? '', connector.secretCiphertext ?? '', connector.allowInsecureHttp]))
      .digest('base64url');
    return this.tokens.get(connector.id, fingerprint, () => this.requestToken(companyId, connector, auth, secret, opts), { fresh });
  }

  private async requestToken(companyId: string, connector: Connector, auth: OAuth2ClientCredentialsAuth, secret: string, opts: ExecuteOptions): Promise<CachedToken> {
    // client_secret_post (RFC 6749 §2.3.1): accepted by most providers.
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: auth.oauth_client_id, client_secret: secret });
    if (auth.oauth_scope) form.set('scope', auth.oauth_scope);
    if (auth.oauth_audience) form.set('audience', auth.oauth_audience);
    const started = Date.now();
    let response: OutboundResponse | undefined;
    let error: string | null = null;
    const headers = { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': USER_AGENT };
    try {
      response = await this.http.send(
        {
          method: 'POST',
          url: auth.oauth_token_url,
          headers,
          body: form.toString(),
        },
        { allowInsecureHttp: connector.allowInsecureHttp, isSuccess: (s) => s >= 200 && s < 300 },
      );
      const token = parseTokenResponse(response, secret);
      return token;
    } catch (err) {
      const failure =
        err instanceof OAuthTokenError
          ? err
          : err instanceof ConnectorCallError
            ? new OAuthTokenError({ kind: 'oauth', retryable: err.retryable, status: err.status, message: `OAuth token request failed: ${err.message}` })
            : undefined;
      error = redactSecrets(failure?.message ?? (err as Error).message, [secret]);
      throw failure ?? err;
    } finally {
      await this.callLog.record(
        {
          companyId,
          connectorId: connector.id,
          operation: 'oauth_token',
          method: 'POST',
          url: maskUrl(auth.oauth_token_url),
          status: response?.status ?? null,
          durationMs: Date.now() - started,
          attempts: response?.attempts ?? 1,
          error,
          source: opts.source,
          // The client secret (form field) and the token (JSON field) are masked by name as well.
          detail: this.detail(auth.oauth_token_url, headers, form.toString(), response, [secret], undefined),
          scimUserId: opts.subject?.scimUserId ?? null,
          scimGroupId: opts.subject?.scimGroupId ?? null,
        },
        opts.em,
      );
    }
  }
}

/** Additional authenticated data binding a connector's encrypted secret to its row. */
export const secretContext = (connectorId: string) => `connector:${connectorId}`;

function authHeaderName(auth: AuthConfig): string {
  return auth.type === 'api_key_header' ? auth.api_key_header_name : 'Authorization';
}

function maskedAuthValue(auth: AuthConfig): string {
  switch (auth.type) {
    case 'bearer':
    case 'oauth2_client_credentials':
      return `Bearer ${MASK}`;
    case 'basic':
      return `Basic ${MASK}`;
    case 'api_key_header':
      return MASK;
  }
}

/**
 * The credential values a request carries, as sent, for redaction (secretForms adds their
 * encodings): the secret, and for Basic the exact base64 of "username:secret" in the header, which
 * no encoding of the secret alone matches when the username's length shifts its alignment.
 */
function sentCredentials(auth: AuthConfig | undefined, secret: string | undefined): (string | undefined)[] {
  if (auth?.type === 'basic' && secret !== undefined) return [secret, basicCredential(auth.basic_username, secret)];
  return [secret];
}

const basicCredential = (username: string, secret: string) => Buffer.from(`${username}:${secret}`, 'utf8').toString('base64');

function authHeaderValue(auth: AuthConfig, secret: string, token: CachedToken | undefined): string {
  switch (auth.type) {
    case 'bearer':
      return `Bearer ${secret}`;
    case 'api_key_header':
      return secret;
    case 'basic':
      return `Basic ${basicCredential(auth.basic_username, secret)}`;
    case 'oauth2_client_credentials':
      return `${token!.tokenType} ${token!.accessToken}`;
  }
}

/** A value read from an answer with the secrets masked in every string it holds. */
function redactValue<T>(value: T, secrets: (string | undefined)[]): T {
  if (typeof value === 'string') return redactSecrets(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactValue(v, secrets)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactSecrets(k, secrets), redactValue(v, secrets)])) as T;
  }
  return value;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // not JSON
  }
  return undefined;
}

function parseTokenResponse(response: OutboundResponse, secret: string): CachedToken {
  const text = response.body.toString('utf8');
  let json = parseObject(text);
  const status = response.status;
  if (status < 200 || status >= 300) {
    // The client secret was sent form-encoded; an endpoint that echoes the request may hold any form of it.
    json = parseObject(redactSecrets(text, [secret]));
    const code = typeof json?.error === 'string' ? json.error : undefined;
    const description = typeof json?.error_description === 'string' ? json.error_description : undefined;
    const detail = [code, description].filter(Boolean).join(': ') || snippet(redactSecrets(text, [secret]));
    const message = redactSecrets(`The OAuth token endpoint answered ${status}${detail ? `: ${detail}` : ''}`, [secret]);
    throw new OAuthTokenError({ kind: 'oauth', retryable: status >= 500 || status === 429, status, message });
  }
  if (!json || typeof json.access_token !== 'string' || json.access_token === '') {
    throw new OAuthTokenError({ kind: 'oauth', retryable: false, status, message: 'The OAuth token endpoint answered without an access_token (expected a JSON object with access_token).' });
  }
  const rawType = typeof json.token_type === 'string' && json.token_type.trim() !== '' ? json.token_type.trim() : 'Bearer';
  const tokenType = rawType.toLowerCase() === 'bearer' ? 'Bearer' : rawType;
  const rawExpires = typeof json.expires_in === 'number' ? json.expires_in : typeof json.expires_in === 'string' ? Number(json.expires_in) : undefined;
  const expiresIn = rawExpires !== undefined && Number.isFinite(rawExpires) && rawExpires > 0 ? rawExpires : undefined;
  return {
    accessToken: json.access_token,
    tokenType,
    expiresIn,
    expiresAt: expiresIn === undefined ? undefined : Date.now() + expiresIn * 1000,
    scope: typeof json.scope === 'string' ? json.scope : undefined,
  };
}

/** A SCIM error's `detail` (RFC 7644 §3.12) when the body is one, else a short excerpt. */
function errorDetail(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    const detail = parsed && typeof parsed === 'object' ? (parsed as { detail?: unknown }).detail : undefined;
    if (typeof detail === 'string' && detail.trim() !== '') return snippet(detail);
  } catch {
    // not JSON: the excerpt below
  }
  return snippet(text);
}

/** A short single-line excerpt of an error body, for messages. */
function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Header names are case-insensitive: the last value set for a name wins, keeping its spelling. */
class HeaderSet {
  private readonly map = new Map<string, [string, string]>();
  set(name: string, value: string) {
    this.map.set(name.toLowerCase(), [name, value]);
  }
  toObject(): Record<string, string> {
    return Object.fromEntries(this.map.values());
  }
}
