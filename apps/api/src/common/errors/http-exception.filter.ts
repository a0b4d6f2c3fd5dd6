import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isConnectionLost } from '../../database/resilient-pool.js';
import { AppError } from './app-error.js';
import { statusForCode } from './error-codes.js';

const reasonPhrases: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  408: 'Request Timeout', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity',
  429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
};

type BodyParserError = Error & { type?: string; status?: number; limit?: number; body?: string };

/**
 * One error shape for every answer: {statusCode, error, code, message, details}. Known errors
 * keep their message; anything unexpected becomes a 500 with no internals, logged by name and
 * message only (no stack traces, no request bodies).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const { status, body, headers } = this.toResponse(exception, req);
    if (res.headersSent) return;
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.status(status).json(body);
  }

  private toResponse(exception: unknown, req: Request) {
    if (exception instanceof AppError) {
      const status = statusForCode(exception.code);
      return {
        status,
        headers: exception.headers,
        body: { statusCode: status, error: reasonPhrases[status] ?? 'Error', code: exception.code, message: exception.message, details: exception.details, ...exception.extra },
      };
    }
    // Nest wraps body-parser failures in an HttpException; their `type` says what went wrong.
    const bp = (exception instanceof HttpException ? exception.cause : exception) as BodyParserError;
    if (bp && typeof bp === 'object' && typeof bp.type === 'string') {
      if (bp.type === 'entity.parse.failed') {
        return this.plain(400, 'VALIDATION_FAILED', `Request body is not valid JSON: ${bp.message}. Send a JSON document with Content-Type: application/json.`);
      }
      if (bp.type === 'entity.invalid.utf8') return this.plain(400, 'VALIDATION_FAILED', bp.message);
      if (bp.type === 'entity.too.large') {
        return this.plain(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than the ${formatBytes(bp.limit)} this endpoint accepts.`);
      }
      if (bp.type === 'encoding.unsupported' || bp.type === 'charset.unsupported') {
        return this.plain(415, 'UNSUPPORTED_MEDIA_TYPE', bp.message);
      }
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const r = exception.getResponse();
      let message = typeof r === 'string' ? r : ((r as { message?: unknown }).message ?? exception.message);
      if (Array.isArray(message)) message = message.join('; ');
      if (status === 404) message = `No route for ${req.method} ${req.path}`;
      return this.plain(status, status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', String(message));
    }
    const err = exception as Error;
    if (isConnectionLost(exception)) {
      this.logger.error({ err: { name: err?.name, message: err?.message } }, 'Database unavailable');
      return databaseUnavailable();
    }
    this.logger.error({ err: { name: err?.name, message: err?.message } }, 'Unhandled error');
    return this.plain(500, 'INTERNAL', 'Something went wrong on our side. Try again; if it keeps happening, contact support with the x-request-id of this response.');
  }

  private plain(status: number, code: string, message: string) {
    return { status, headers: {} as Record<string, string>, body: { statusCode: status, error: reasonPhrases[status] ?? 'Error', code, message, details: [] } };
  }
}

/** Seconds a client is asked to wait when the database cannot be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
export const DATABASE_UNAVAILABLE_MESSAGE = `The database is not reachable right now; nothing was changed. Try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`;

function databaseUnavailable() {
  const status = 503;
  return {
    status,
    headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) } as Record<string, string>,
    body: { statusCode: status, error: reasonPhrases[status]!, code: 'DATABASE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, details: [] },
  };
}

export function formatBytes(n: number | undefined): string {
  if (!n) return 'size limit';
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} kB`;
  return `${n} bytes`;
}
