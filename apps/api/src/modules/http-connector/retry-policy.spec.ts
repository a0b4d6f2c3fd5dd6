import { describe, expect, it } from '@jest/globals';
import { decideRetry, parseRetryAfter, type RetryPolicy } from './retry-policy.js';

const policy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxTotalDelayMs: 5000 };
const now = Date.parse('2025-01-01T00:00:00Z');
const base = { attempt: 1, delayedSoFarMs: 0, now };

describe('decideRetry', () => {
  it.each(['GET', 'PUT', 'DELETE', 'get'])('retries %s on 429, 502, 503 and 504', (method) => {
    for (const status of [429, 502, 503, 504]) {
      expect(decideRetry({ ...base, method, status }, policy)).toEqual({ retry: true, delayMs: 100 });
    }
  });

  it.each(['POST', 'PATCH'])('never retries %s (it could run twice)', (method) => {
    expect(decideRetry({ ...base, method, status: 503 }, policy)).toEqual({ retry: false });
  });

  it.each([200, 400, 401, 404, 409, 500, 501])('does not retry status %s', (status) => {
    expect(decideRetry({ ...base, method: 'GET', status }, policy).retry).toBe(false);
  });

  it('backs off exponentially and stops at the attempt limit', () => {
    expect(decideRetry({ ...base, method: 'GET', status: 503, attempt: 2, delayedSoFarMs: 100 }, policy)).toEqual({ retry: true, delayMs: 200 });
    expect(decideRetry({ ...base, method: 'GET', status: 503, attempt: 3, delayedSoFarMs: 300 }, policy)).toEqual({ retry: false, reason: 'gave up after 3 attempts' });
  });

  it('honours Retry-After in seconds and as an HTTP date', () => {
    expect(decideRetry({ ...base, method: 'GET', status: 429, retryAfter: '2' }, policy)).toEqual({ retry: true, delayMs: 2000 });
    const date = new Date(now + 1500).toUTCString();
    expect(decideRetry({ ...base, method: 'GET', status: 429, retryAfter: date }, policy)).toEqual({ retry: true, delayMs: 1000 });
  });

  it('does not wait past the total budget', () => {
    const decision = decideRetry({ ...base, method: 'GET', status: 429, retryAfter: '120' }, policy);
    expect(decision).toEqual({ retry: false, reason: 'the server asked to retry after 120 s, longer than this call may wait' });
    expect(decideRetry({ ...base, method: 'GET', status: 503, attempt: 2, delayedSoFarMs: 4950 }, policy).retry).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, dates, past dates and rubbish', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 3 ', now)).toBe(3000);
    expect(parseRetryAfter(new Date(now - 10_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
