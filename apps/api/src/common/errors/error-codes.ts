/**
 * Every error the API can answer with. Modules throw `AppError` with one of these codes;
 * the global filter maps each code to its HTTP status in one exhaustive switch.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAUTHENTICATED'
  | 'API_KEY_MISSING'
  | 'API_KEY_MALFORMED'
  | 'API_KEY_UNKNOWN'
  | 'API_KEY_EXPIRED'
  | 'API_KEY_REVOKED'
  | 'INVALID_CREDENTIALS'
  | 'CSRF_FAILED'
  | 'FORBIDDEN'
  | 'SIGNUP_DISABLED'
  | 'NOT_FOUND'
  | 'CONTEXT_NOT_ACCEPTED'
  | 'CONFLICT'
  | 'REQUEST_TIMEOUT'
  | 'IDEMPOTENCY_MISMATCH'
  | 'UNPROCESSABLE'
  | 'RATE_LIMITED'
  | 'UPSTREAM_FAILED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'TARGET_REFUSED'
  | 'INTERNAL';

export function statusForCode(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
      return 400;
    case 'UNAUTHENTICATED':
    case 'API_KEY_MISSING':
    case 'API_KEY_MALFORMED':
    case 'API_KEY_UNKNOWN':
    case 'API_KEY_EXPIRED':
    case 'API_KEY_REVOKED':
    case 'INVALID_CREDENTIALS':
      return 401;
    case 'CSRF_FAILED':
    case 'FORBIDDEN':
    case 'SIGNUP_DISABLED':
      return 403;
    case 'NOT_FOUND':
    case 'CONTEXT_NOT_ACCEPTED':
      return 404;
    case 'REQUEST_TIMEOUT':
      return 408;
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'IDEMPOTENCY_MISMATCH':
    case 'UNPROCESSABLE':
    case 'TARGET_REFUSED':
      return 422;
    case 'RATE_LIMITED':
      return 429;
    case 'UPSTREAM_FAILED':
      return 502;
    case 'UPSTREAM_UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}
