import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response as ExpressResponse } from 'express';
import { type Observable, of } from 'rxjs';
import { ScimErrors } from '../scim.errors.js';
import { ScimProxy, type ProxiedRequest } from './scim-proxy.js';

// Statuses whose answers have no body (Fetch's "null body status").
const NO_BODY = new Set([204, 205, 304]);

/**
 * The dispatch in front of the SCIM routes: a scim_proxy connector's request (Users, Groups,
 * discovery, anything else under its base URL) is forwarded to the app instead of reaching the
 * route, and the app's answer is sent back as a web Response, whose status and headers Nest
 * sends as they are. Other connector types go on to their route and ports.
 */
@Injectable()
export class ScimProxyInterceptor implements NestInterceptor {
  constructor(private readonly proxy: ScimProxy) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<ProxiedRequest>();
    if (req.scim?.connector.type !== 'scim_proxy') return next.handle();
    const answer = await this.proxy.forward(req.scim, req);
    if (answer.status < 200 || answer.status > 599) {
      throw ScimErrors.downstreamFailed(502, 'the forwarded request', `the application answered with HTTP status ${answer.status}`);
    }
    // Set for SCIM answers in general; the app's own Content-Type (or none) is what goes back.
    http.getResponse<ExpressResponse>().removeHeader('Content-Type');
    const empty = NO_BODY.has(answer.status) || answer.body.length === 0;
    const headers = { ...answer.headers, ...(empty ? {} : { 'content-length': String(answer.body.length) }) };
    return of(new Response(empty ? null : new Uint8Array(answer.body), { status: answer.status, headers }));
  }
}
