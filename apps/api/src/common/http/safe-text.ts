import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { findUnsafeText, type UnsafeText } from '@gatehouse/contracts';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors/app-error.js';
import { invalidUtf8Offset } from './utf8-validator.js';

// Text PostgreSQL refuses (NUL, and unpaired surrogates in jsonb) would surface as a 500 from deep
// inside a query, and a body nested thousands of levels deep would overflow the stack of the first
// recursive walker that meets it (validation, mapping checks, SCIM normalisation). Every request
// part a controller receives is checked here once, before any of that runs.

export type RequestPart = 'body' | 'query' | 'param';

/** A request part holding text that cannot be stored, or nested too deep; 400 naming the field. */
export class UnsafeTextError extends AppError {
  constructor(
    readonly part: RequestPart,
    /** The field as named in the message: a body path, a query parameter, a path parameter. */
    readonly field: string,
    readonly problem: UnsafeText['problem'],
    reason: string,
  ) {
    super('VALIDATION_FAILED', `${PART_NAMES[part]} is invalid: ${field}: ${reason}`, [{ path: field, message: reason }]);
  }
}

const PART_NAMES: Record<RequestPart, string> = { body: 'Request body', query: 'Query', param: 'Path parameter' };
const MAX_FIELD_IN_MESSAGE = 200;

/** Throws UnsafeTextError for the first bad string, key or nesting in `value`. */
export function assertSafeText(part: RequestPart, value: unknown, name?: string): void {
  const found = findUnsafeText(value, { prefix: name ? [name] : [] });
  if (!found) return;
  const field = found.path.length > MAX_FIELD_IN_MESSAGE ? `${found.path.slice(0, MAX_FIELD_IN_MESSAGE)}…` : found.path;
  throw new UnsafeTextError(part, field, found.problem, found.message);
}

/** Global pipe: every @Body, @Query and @Param a controller takes passes the text rules first. */
export class SafeTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') assertSafeText(metadata.type, value, metadata.data);
    return value;
  }
}

type InvalidBodyError = Error & { type: string; status: number };

/**
 * `verify` hook for express.json: JSON bodies must be valid UTF-8. The parser would otherwise
 * decode bad bytes to U+FFFD and hand on text that was never sent.
 */
export function requireUtf8Body(_req: IncomingMessage, _res: unknown, buf: Buffer): void {
  const offset = invalidUtf8Offset(buf);
  if (offset < 0) return;
  const err = new Error(`Request body is not valid UTF-8: the byte sequence at byte offset ${offset} is not a UTF-8 character. Send the JSON encoded as UTF-8.`) as InvalidBodyError;
  err.type = 'entity.invalid.utf8';
  err.status = 400;
  throw err;
}
