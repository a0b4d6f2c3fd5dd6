import type { IngestValidationError } from '@gatehouse/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { formatBytes } from '../../common/errors/http-exception.filter.js';

/** A refusal of the submitted data: the caller fixes its data from `errors`. */
export class IngestRefusal extends AppError {
  constructor(
    message: string,
    readonly errors: IngestValidationError[],
    readonly errorCount: number,
    readonly recordCount: number,
  ) {
    super(
      'VALIDATION_FAILED',
      message,
      errors.map((e) => ({ path: locationOf(e), message: e.message })),
      {},
      { errorCount, recordCount, errors },
    );
  }
}

/** The client went away before the body was complete; nobody is left to read the answer. */
export class IncompleteBodyError extends AppError {
  constructor() {
    super('VALIDATION_FAILED', 'The request body ended before it was complete: the connection was closed while it was being sent.');
  }
}

/** `data[3].email`, `data[3]`, `data` or `(body)`: where a problem is, for details and summaries. */
export function locationOf(error: IngestValidationError): string {
  if (error.index === null) return error.path === '' ? '(body)' : error.path;
  if (error.path === '') return `data[${error.index}]`;
  return `data[${error.index}]${error.path.startsWith('[') ? '' : '.'}${error.path}`;
}

const bodyProblem = (message: string, extra: Partial<IngestValidationError> = {}) =>
  new IngestRefusal(message, [{ index: null, path: '', message, ...extra }], 1, 0);

export const IngestErrors = {
  unsupportedMediaType: (got: string | undefined) =>
    new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      got
        ? `Content-Type ${JSON.stringify(got)} is not accepted: send the records as JSON with Content-Type: application/json.`
        : 'The Content-Type header is missing: send the records as JSON with Content-Type: application/json.',
    ),
  unsupportedCharset: (charset: string) =>
    new AppError('UNSUPPORTED_MEDIA_TYPE', `charset ${JSON.stringify(charset)} is not accepted: JSON bodies must be UTF-8 (Content-Type: application/json; charset=utf-8).`),
  unsupportedEncoding: (encoding: string) =>
    new AppError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding ${JSON.stringify(encoding)} is not accepted: send the body uncompressed or with Content-Encoding: gzip.`),
  /** The connection is closed after this answer so the rest of an oversized body is never read. */
  tooLarge: (limit: number, decompressed: boolean) =>
    new AppError(
      'PAYLOAD_TOO_LARGE',
      `The request body is larger than the limit of ${formatBytes(limit)} (${limit} bytes)${decompressed ? ' once decompressed' : ''}. This limit is set by the server's INGEST_MAX_BODY_MB.`,
      [],
      { Connection: 'close' },
      { limitBytes: limit },
    ),
  /** The connection is closed after this answer: the rest of the body, if it ever comes, is not read. */
  idle: (seconds: number) =>
    new AppError(
      'REQUEST_TIMEOUT',
      `No data arrived for ${seconds} second${seconds === 1 ? '' : 's'} while the request body was being received; the push was not stored. Send the whole body without pauses (build it before sending, not while sending), then retry. This limit is set by the server's INGEST_IDLE_TIMEOUT_SECONDS.`,
      [],
      { Connection: 'close' },
      { idleTimeoutSeconds: seconds },
    ),
  invalidGzip: () => bodyProblem('The body was sent with Content-Encoding: gzip but is not valid gzip data.'),
  invalidUtf8: (offset: number, gzipped: boolean) =>
    bodyProblem(
      `The body is not valid UTF-8: the byte sequence at byte offset ${offset}${gzipped ? ' of the decompressed body' : ''} is not a UTF-8 character (records are stored exactly as sent, so bytes cannot be replaced). Send the JSON encoded as UTF-8; nothing was stored.`,
    ),
  invalidJson: (message: string, line: number, column: number) => bodyProblem(message, { line, column }),
  tooDeep: (index: number, maxDepth: number, recordCount: number) =>
    new IngestRefusal(
      `data[${index}] is nested more than ${maxDepth} levels deep; nothing was stored.`,
      [{ index, path: '', message: `is nested more than ${maxDepth} levels deep` }],
      1,
      recordCount,
    ),
  unstorableText: (index: number, path: string, recordCount: number) => {
    const message = 'contains the NUL character (\\u0000) or an unpaired UTF-16 surrogate, which cannot be stored; remove it';
    const error = { index, path, message };
    return new IngestRefusal(`${locationOf(error)} ${message}; nothing was stored.`, [error], 1, recordCount);
  },
  /** A number that cannot be checked (±Infinity once parsed) or stored. Shaped like a schema refusal. */
  unusableNumber: (index: number, path: string, message: string, recordCount: number): IngestRefusal =>
    IngestErrors.invalidRecords([{ index, path, message }], 1, recordCount),
  incomplete: () => new IncompleteBodyError(),
  invalidRecords: (errors: IngestValidationError[], errorCount: number, recordCount: number) => {
    const first = errors[0];
    const envelope = first !== undefined && first.index === null;
    const summary = envelope
      ? first.message
      : `${errorCount} problem${errorCount === 1 ? '' : 's'} in ${recordCount} record${recordCount === 1 ? '' : 's'}; nothing was stored. First: ${first ? `${locationOf(first)}: ${first.message}` : 'none'}`;
    return new IngestRefusal(summary, errors, errorCount, recordCount);
  },
  invalidIdempotencyKey: () =>
    new AppError('VALIDATION_FAILED', 'The Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID is a good choice).', [
      { path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
    ]),
  idempotencyMismatch: (key: string) =>
    new AppError(
      'IDEMPOTENCY_MISMATCH',
      `Idempotency-Key ${JSON.stringify(key)} was already used in the last 24 hours with a different request body. Use a new key for new data; reuse a key only to retry the same body.`,
    ),
  rateLimited: (retryAfterSeconds: number, limit: number) =>
    new AppError('RATE_LIMITED', `Too many submissions with this API key: at most ${limit} per minute. Retry after ${retryAfterSeconds} s.`, [], {
      'Retry-After': String(retryAfterSeconds),
    }),
  submissionNotFound: () => new AppError('NOT_FOUND', 'Submission not found'),
};
