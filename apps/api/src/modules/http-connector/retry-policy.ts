// When an outbound call is tried again, and after how long. Pure, so the rules are unit-tested
// and the executor only sleeps for what this decides.

/** Statuses that say "try again later" rather than "this request is wrong". */
export const RETRYABLE_STATUSES: readonly number[] = [429, 502, 503, 504];
/** Only methods that are safe to repeat: a retried POST (or PATCH) could create twice. */
export const RETRYABLE_METHODS: readonly string[] = ['GET', 'PUT', 'DELETE'];

export type RetryPolicy = {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** First backoff; doubled for each further attempt. */
  baseDelayMs: number;
  /** Total time all waits of one call may add up to. */
  maxTotalDelayMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 250, maxTotalDelayMs: 5000 };

/**
 * Seconds or an HTTP date (RFC 9110 §10.2.3) to milliseconds from now; undefined when absent or
 * unreadable. A date in the past means "now".
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason?: string };

/**
 * Whether attempt number `attempt` (1-based) that answered `status` is tried again. The delay is
 * the server's Retry-After when it gave one, else exponential backoff; when the wait would push
 * the call past its total budget it is not retried (and the reason says so).
 */
export function decideRetry(
  input: { method: string; status: number; attempt: number; retryAfter?: string; delayedSoFarMs: number; now: number },
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): RetryDecision {
  if (!RETRYABLE_METHODS.includes(input.method.toUpperCase())) return { retry: false };
  if (!RETRYABLE_STATUSES.includes(input.status)) return { retry: false };
  if (input.attempt >= policy.maxAttempts) return { retry: false, reason: `gave up after ${input.attempt} attempts` };
  const asked = parseRetryAfter(input.retryAfter, input.now);
  const delayMs = asked ?? policy.baseDelayMs * 2 ** (input.attempt - 1);
  if (input.delayedSoFarMs + delayMs > policy.maxTotalDelayMs) {
    return {
      retry: false,
      reason:
        asked !== undefined
          ? `the server asked to retry after ${Math.ceil(asked / 1000)} s, longer than this call may wait`
          : `gave up after ${input.attempt} attempts`,
    };
  }
  return { retry: true, delayMs };
}
