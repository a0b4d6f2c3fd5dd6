import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { MESSAGE_ERROR, SCIM_CONTENT_TYPE, ScimError, toScimErrorBody, type ScimErrorBody } from '@gatehouse/scim';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../common/errors/app-error.js';
import { statusForCode } from '../../common/errors/error-codes.js';
import { UnsafeTextError } from '../../common/http/safe-text.js';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, formatBytes } from '../../common/errors/http-exception.filter.js';
import { isConnectionLost } from '../../database/resilient-pool.js';
import { ScimHttpError } from './scim.errors.js';

type BodyParserError = Error & { type?: string; limit?: number };
type Answer = { status: number; body: ScimErrorBody; headers: Record<string, string> };

/**
 * Errors of the SCIM routes in RFC 7644 §3.12 form (`{schemas, status, scimType?, detail}`,
 * status as a string), whatever raised them: the SCIM library and this module (ScimError),
 * other modules (AppError, mapped by code), the JSON body parser (400 invalidSyntax) and
 * anything unexpected (500 without internals, logged by name and message only).
 */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    sendScimError(exception, ctx.getRequest<Request>(), ctx.getResponse<Response>());
  }
}

/**
 * Express error handler for /scim, mounted right after the SCIM body parser: a body that is not
 * JSON fails before any route is chosen, so the controllers' filter never sees it.
 */
export function scimBodyParserErrors(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  sendScimError(err, req, res);
}

const logger = new Logger('ScimErrors');

function sendScimError(exception: unknown, req: Request, res: Response): void {
  const { status, body, headers } = answer(exception, req);
  if (res.headersSent) return;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(body));
}

function answer(exception: unknown, req: Request): Answer {
  if (exception instanceof ScimError) {
    return { status: exception.status, body: toScimErrorBody(exception), headers: exception instanceof ScimHttpError ? exception.headers : {} };
  }
  if (exception instanceof UnsafeTextError) {
    // A filter with text that cannot be matched is a bad filter; anything else a bad value.
    const filter = exception.part === 'query' && exception.field === 'filter';
    return plain(400, exception.message, filter ? 'invalidFilter' : 'invalidValue');
  }
  if (exception instanceof AppError) {
    const status = statusForCode(exception.code);
    return { status, body: scimBody(status, exception.message), headers: exception.headers };
  }
  // Body-parser failures carry a `type` saying what went wrong (Nest may wrap them in an HttpException).
  const bp = (exception instanceof HttpException ? exception.cause : exception) as BodyParserError | undefined;
  if (bp && typeof bp === 'object' && typeof bp.type === 'string') {
    if (bp.type === 'entity.parse.failed') {
      return plain(400, `Request body is not valid JSON: ${bp.message}`, 'invalidSyntax');
    }
    if (bp.type === 'entity.invalid.utf8') return plain(400, bp.message, 'invalidSyntax');
    if (bp.type === 'entity.too.large') return plain(413, `Request body is larger than the ${formatBytes(bp.limit)} this endpoint accepts`);
    if (bp.type === 'encoding.unsupported' || bp.type === 'charset.unsupported') return plain(415, bp.message);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return plain(404, `No SCIM endpoint for ${req.method} ${req.path}`);
    if (status < 500) {
      const r = exception.getResponse();
      const message = typeof r === 'string' ? r : (r as { message?: unknown }).message;
      return plain(status, Array.isArray(message) ? message.join('; ') : String(message ?? exception.message));
    }
  }
  const err = exception as Error;
  if (isConnectionLost(exception)) {
    // An identity provider retries a 503 later (and honours Retry-After).
    logger.error({ err: { name: err?.name, message: err?.message } }, 'Database unavailable in a SCIM request');
    return { ...plain(503, DATABASE_UNAVAILABLE_MESSAGE), headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) } };
  }
  logger.error({ err: { name: err?.name, message: err?.message } }, 'Unhandled error in a SCIM request');
  return { status: 500, body: toScimErrorBody(exception), headers: {} };
}

function scimBody(status: number, detail: string, scimType?: ScimErrorBody['scimType']): ScimErrorBody {
  return { schemas: [MESSAGE_ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

function plain(status: number, detail: string, scimType?: ScimErrorBody['scimType']): Answer {
  return { status, body: scimBody(status, detail, scimType), headers: {} };
}
