import type { ErrorDetail } from '@gatehouse/contracts';
import type { ErrorCode } from './error-codes.js';

/** The base of every error a module throws on purpose. Its message is shown to the caller. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
    /** Extra top-level fields merged into the error body (e.g. validation counts). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
