import { extractErrorMessage, type CapabilityKey, type OperationMapping } from '@gatehouse/mapping';
import { AppError } from '../../common/errors/app-error.js';
import { ConnectorCallError, DownstreamRejectedError, DownstreamResponseError, DownstreamUnavailableError, OAuthTokenError, TargetRefusedError } from '../http-connector/http-connector.errors.js';
import { ScimErrors } from './scim.errors.js';

/**
 * What the identity provider is told when a downstream call fails. The split follows what the
 * IdP should do next: a 4xx from the app is final for this request (400, with the app's own
 * message read through error_message_path); a 5xx, a timeout or a refused connection is worth
 * retrying (502 for an app that answered with an error, 503 when it could not be reached or
 * asked to slow down); problems in the connector's settings are 500 with what to fix.
 */
export function downstreamFailure(operation: CapabilityKey, mapping: Partial<OperationMapping> | undefined, err: unknown): unknown {
  if (err instanceof DownstreamRejectedError) {
    return ScimErrors.downstreamRejected(operation, appAnswer(mapping, err));
  }
  if (err instanceof DownstreamUnavailableError) {
    const answered = err.status !== undefined && err.status >= 500 && err.status !== 503;
    const detail = err.status !== undefined ? appAnswer(mapping, err) : err.message;
    return ScimErrors.downstreamFailed(answered ? 502 : 503, operation, detail);
  }
  if (err instanceof OAuthTokenError) return ScimErrors.downstreamFailed(err.retryable ? 503 : 502, operation, err.message);
  if (err instanceof DownstreamResponseError) return ScimErrors.downstreamFailed(502, operation, err.message);
  if (err instanceof TargetRefusedError) return ScimErrors.connectorMisconfigured(operation, err.message);
  if (err instanceof ConnectorCallError) return ScimErrors.downstreamFailed(err.retryable ? 503 : 502, operation, err.message);
  // Anything else the executor throws on purpose is about the connector's configuration
  // (no mapping, no secret, a template that cannot be rendered).
  if (err instanceof AppError) return ScimErrors.connectorMisconfigured(operation, err.message);
  return err;
}

/**
 * Whether a failed call certainly changed nothing in the app: it answered with a refusal (a
 * status outside success_status below 500, 429 included), or the request never left (target refused, no
 * connection, no OAuth token, a configuration that cannot be rendered). Anything else (timeout,
 * reset connection, a 5xx, an unreadable success answer) may have been carried out.
 */
export function nothingDoneDownstream(err: unknown): boolean {
  if (err instanceof DownstreamRejectedError) return err.status === undefined || err.status < 500;
  if (err instanceof OAuthTokenError) return true;
  // 429: the app turned the request away before doing anything.
  if (err instanceof DownstreamUnavailableError && err.status === 429) return true;
  if (err instanceof ConnectorCallError) return err.notSent;
  return err instanceof AppError;
}

/** What the app answered a failed call with: its status and message ("HTTP 409: Email already exists"). */
export function appAnswer(mapping: Partial<OperationMapping> | undefined, err: ConnectorCallError): string {
  return `${statusPart(err)}${appMessage(mapping, err)}`;
}

function statusPart(err: ConnectorCallError): string {
  return err.status !== undefined ? `HTTP ${err.status}: ` : '';
}

function appMessage(mapping: Partial<OperationMapping> | undefined, err: ConnectorCallError): string {
  const body = err.body ?? '';
  const extracted = mapping ? extractErrorMessage(mapping, body) : undefined;
  if (extracted) return extracted;
  const line = body.replace(/\s+/g, ' ').trim();
  if (line === '') return 'no details given';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
