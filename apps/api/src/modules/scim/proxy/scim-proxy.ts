import { Inject, Injectable } from '@nestjs/common';
import { SCIM_CONTENT_TYPE } from '@gatehouse/scim';
import { AppError } from '../../../common/errors/app-error.js';
import type { ConnectorExecutor } from '../../http-connector/connector-executor.service.js';
import { ConnectorCallError, DownstreamUnavailableError, OAuthTokenError, TargetRefusedError } from '../../http-connector/http-connector.errors.js';
import { SCIM_EXECUTOR } from '../custom-http-downstream.js';
import type { ScimRequest, ScimRequestContext } from '../scim-context.js';
import { ScimErrors, ScimHttpError } from '../scim.errors.js';
import { assertServing } from '../use-cases/serving.js';
import { answerHeaders, forwardedPath, pathProblem, proxyOperation, targetUrl } from './scim-proxy-request.js';

/** A SCIM request as the body parser leaves it: the JSON body's bytes as they arrived (see app.ts). */
export type ProxiedRequest = ScimRequest & { rawBody?: Buffer };

/** The app's answer, to be sent to the identity provider as it is. */
export type ProxiedAnswer = { status: number; headers: Record<string, string>; body: Buffer };

/**
 * The scim_proxy connector type: the app speaks SCIM 2.0 itself, so the identity provider's
 * request goes to `{scimBaseUrl}{path}{query}` as it is (method, path, query and body), with the
 * connector's outbound auth instead of the IdP's token, and the app's answer comes back as it
 * is. Gatehouse keeps no store for these connectors; each call is in the call log.
 */
@Injectable()
export class ScimProxy {
  constructor(@Inject(SCIM_EXECUTOR) private readonly executor: ConnectorExecutor) {}

  async forward(ctx: ScimRequestContext, req: ProxiedRequest): Promise<ProxiedAnswer> {
    const { connector } = ctx;
    assertServing(connector);
    const forwarded = forwardedPath(req.originalUrl);
    const problem = pathProblem(forwarded.path);
    if (problem !== undefined) {
      throw new ScimHttpError(400, `Not forwarded: ${problem}. SCIM paths are /Users, /Groups and their ids, and the discovery endpoints.`, problem.includes('NUL') ? 'invalidValue' : 'invalidPath');
    }
    const url = connector.scimBaseUrl ? targetUrl(connector.scimBaseUrl, forwarded) : undefined;
    if (url === undefined) throw ScimErrors.noEndpoint(req.method, req.path);
    const body = requestBody(req);
    const operation = proxyOperation(req.method, forwarded.path);
    const headers: Record<string, string> = { Accept: `${SCIM_CONTENT_TYPE}, application/json;q=0.9` };
    if (body !== undefined) headers['Content-Type'] = SCIM_CONTENT_TYPE;
    try {
      const answer = await this.executor.forward(connector.companyId, connector, { operation, method: req.method, url, headers, body }, { source: 'scim' });
      return { status: answer.status, headers: answerHeaders(answer.headers), body: answer.body };
    } catch (err) {
      throw proxyFailure(operation, err);
    }
  }
}

/** The body to forward: the bytes of a JSON body as they arrived, or none. */
function requestBody(req: ProxiedRequest): Buffer | undefined {
  if (req.rawBody !== undefined) return req.rawBody;
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  // Only JSON bodies are read (and passed on byte for byte); SCIM has no other kind.
  if (hasBody) throw new ScimHttpError(415, `SCIM request bodies are ${SCIM_CONTENT_TYPE} (or application/json); got ${req.headers['content-type'] ?? 'no Content-Type'}`);
  return undefined;
}

/**
 * A forwarded call that got no answer, in SCIM's error form: 503 when the app could not be
 * reached in time (worth retrying), 502 when what came back could not be passed on, 500 when the
 * connector's settings keep the call from being made. Answers the app gave (any status) are not
 * failures: they go back as they are.
 */
function proxyFailure(operation: string, err: unknown): unknown {
  if (err instanceof TargetRefusedError) return ScimErrors.connectorMisconfigured(operation, err.message);
  if (err instanceof DownstreamUnavailableError) return ScimErrors.downstreamFailed(503, operation, err.message);
  if (err instanceof OAuthTokenError) return ScimErrors.downstreamFailed(err.retryable ? 503 : 502, operation, err.message);
  if (err instanceof ConnectorCallError) return ScimErrors.downstreamFailed(502, operation, err.message);
  if (err instanceof AppError) return ScimErrors.connectorMisconfigured(operation, err.message);
  return err;
}
