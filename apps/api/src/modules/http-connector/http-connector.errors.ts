import type { ErrorDetail } from '@gatehouse/contracts';
import { AppError } from '../../common/errors/app-error.js';
import type { ErrorCode } from '../../common/errors/error-codes.js';

/** The request as sent, with the credential masked: safe to show, store and log. */
export type MaskedRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
};

/**
 * Why an outbound call failed:
 * - `refused`: never sent (address not allowed, https required, redirect to another host);
 * - `rejected`: the downstream app answered with a status outside success_status (4xx, ...);
 * - `unavailable`: 5xx / 429 after retries, connection failure;
 * - `timeout`: no complete answer in time;
 * - `too_large`: the answer was larger than the cap;
 * - `unreadable`: a success body that response_fields could not read;
 * - `oauth`: the OAuth token endpoint did not hand out a token.
 */
export type ConnectorCallErrorKind = 'refused' | 'rejected' | 'unavailable' | 'timeout' | 'too_large' | 'unreadable' | 'oauth';

export type ConnectorCallFailure = {
  kind: ConnectorCallErrorKind;
  message: string;
  /** Worth trying again later (5xx, 429, timeouts, connection failures). */
  retryable: boolean;
  request?: MaskedRequest;
  status?: number;
  /** Bounded text of the downstream answer, when there was one. */
  body?: string;
  bodyTruncated?: boolean;
  durationMs?: number;
  attempts?: number;
  /** Where in the configuration the problem is, for `unreadable`. */
  path?: string;
  /** Known never to have reached the app (connection refused, host not found). */
  notSent?: boolean;
};

const codeFor: Record<ConnectorCallErrorKind, ErrorCode> = {
  refused: 'TARGET_REFUSED',
  rejected: 'UPSTREAM_FAILED',
  unavailable: 'UPSTREAM_UNAVAILABLE',
  timeout: 'UPSTREAM_UNAVAILABLE',
  too_large: 'UPSTREAM_FAILED',
  unreadable: 'UPSTREAM_FAILED',
  oauth: 'UPSTREAM_FAILED',
};

/** A call to the downstream app that did not succeed. Subclasses name the kind for `instanceof`. */
export class ConnectorCallError extends AppError {
  override name = 'ConnectorCallError';
  readonly kind: ConnectorCallErrorKind;
  readonly retryable: boolean;
  request?: MaskedRequest;
  readonly status?: number;
  readonly body?: string;
  readonly bodyTruncated: boolean;
  durationMs?: number;
  attempts?: number;
  readonly path?: string;
  readonly notSent: boolean;

  constructor(failure: ConnectorCallFailure) {
    super(codeFor[failure.kind], failure.message, failure.path ? [{ path: failure.path, message: failure.message }] : []);
    this.kind = failure.kind;
    this.retryable = failure.retryable;
    this.request = failure.request;
    this.status = failure.status;
    this.body = failure.body;
    this.bodyTruncated = failure.bodyTruncated ?? false;
    this.durationMs = failure.durationMs;
    this.attempts = failure.attempts;
    this.path = failure.path;
    this.notSent = failure.notSent ?? failure.kind === 'refused';
  }
}

/** Not sent: the target address, scheme or redirect is not allowed. */
export class TargetRefusedError extends ConnectorCallError {
  override name = 'TargetRefusedError';
  constructor(message: string) {
    super({ kind: 'refused', message, retryable: false });
  }
}

/** The downstream app answered with a status outside success_status (typically 4xx). */
export class DownstreamRejectedError extends ConnectorCallError {
  override name = 'DownstreamRejectedError';
}

/** 5xx, 429, timeouts and connection failures: the same call may work later. */
export class DownstreamUnavailableError extends ConnectorCallError {
  override name = 'DownstreamUnavailableError';
}

/** A success answer that could not be used (too large, or response_fields found nothing). */
export class DownstreamResponseError extends ConnectorCallError {
  override name = 'DownstreamResponseError';
}

/** The OAuth token endpoint refused or answered without a usable token. */
export class OAuthTokenError extends ConnectorCallError {
  override name = 'OAuthTokenError';
}

export const ConnectorErrors = {
  notFound: () => new AppError('NOT_FOUND', 'Connector not found'),
  callNotFound: () => new AppError('NOT_FOUND', 'Call not found in this connector\'s call log (older calls are trimmed, see docs/operations.md)'),
  badCursor: () =>
    new AppError('VALIDATION_FAILED', 'cursor is not one this call log gave: pass the nextCursor of the previous page as it was, or leave cursor out to start from the newest call.', [
      { path: 'cursor', message: 'not a cursor from this call log' },
    ]),
  tooMany: (max: number) =>
    new AppError('CONFLICT', `Your company already has ${max} connectors, the most this server allows. Delete a connector that is no longer used, then add the new one.`, [
      { path: 'name', message: `at most ${max} connectors per company` },
    ]),
  nameTaken: (name: string) =>
    new AppError('CONFLICT', `A connector named "${name}" already exists in your company; choose another name.`, [{ path: 'name', message: 'already used by another connector' }]),
  invalidConfig: (details: ErrorDetail[]) =>
    new AppError(
      'VALIDATION_FAILED',
      `The connector cannot be enabled with this configuration (${details.length} problem${details.length === 1 ? '' : 's'}): ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}. Fix them, or save it disabled to finish later.`,
      details,
    ),
  /** Refused on every save, enabled or not: auth is stored as plain JSON and returned to every admin. */
  secretInAuth: (paths: string[], message: string) =>
    new AppError(
      'VALIDATION_FAILED',
      `${paths.join(', ')}: ${message}. Nothing was saved.`,
      paths.map((path) => ({ path, message })),
    ),
  invalidInput: (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]),
  noMapping: (operation: string) =>
    new AppError('VALIDATION_FAILED', `There is no mapping for ${operation}; add mappings.${operation} first.`, [
      { path: `mappings.${operation}`, message: 'no mapping for this operation' },
    ]),
  invalidMapping: (operation: string, details: ErrorDetail[]) =>
    new AppError('VALIDATION_FAILED', `The ${operation} mapping cannot be used: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details),
  invalidAuth: (details: ErrorDetail[]) =>
    new AppError('VALIDATION_FAILED', `The auth settings cannot be used: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details),
  noSecret: () =>
    new AppError('VALIDATION_FAILED', 'This connector has no secret yet; set it with PUT /api/connectors/{id}/secret before calling the downstream app.', [
      { path: 'api_token', message: 'not set' },
    ]),
  secretUnreadable: (message: string) => new AppError('VALIDATION_FAILED', message, [{ path: 'api_token', message }]),
  sideEffectsNotAcknowledged: (method: string) =>
    new AppError(
      'VALIDATION_FAILED',
      `This test sends a ${method} request, which can create, change or delete real data in the downstream app. Send acknowledgeSideEffects: true to run it anyway.`,
      [{ path: 'acknowledgeSideEffects', message: `must be true to run a ${method} test` }],
    ),
  notOAuth: () =>
    new AppError('VALIDATION_FAILED', 'The OAuth token test needs auth type oauth2_client_credentials.', [
      { path: 'auth.type', message: 'must be oauth2_client_credentials for mode oauth_token' },
    ]),
};
