import { describe, expect, it } from '@jest/globals';
import { apiKeyExpiryInDays, createApiKeyRequestSchema, maxApiKeyExpiry, validateExpiry, zodIssuesToDetails } from './index.js';

const now = new Date('2026-03-10T12:00:00.000Z');

describe('validateExpiry', () => {
  it('accepts every preset and the last instant two years ahead', () => {
    for (const days of [30, 90, 180, 365]) expect(validateExpiry(apiKeyExpiryInDays(days, now), now)).toBeNull();
    expect(validateExpiry(new Date('2028-03-10T12:00:00.000Z'), now)).toBeNull();
  });

  it('refuses now, the past, and anything past two years', () => {
    expect(validateExpiry(now, now)).toBe('expiresAt must be in the future');
    expect(validateExpiry(new Date('2020-01-01T00:00:00Z'), now)).toBe('expiresAt must be in the future');
    expect(validateExpiry(new Date('2028-03-10T12:00:00.001Z'), now)).toMatch(/at most 2 years ahead \(no later than 2028-03-10T12:00:00.000Z\)/);
    expect(validateExpiry(new Date('nope'), now)).toMatch(/valid date-time/);
  });

  it('counts two calendar years from a leap day', () => {
    expect(maxApiKeyExpiry(new Date('2028-02-29T00:00:00Z')).toISOString()).toBe('2030-03-01T00:00:00.000Z');
  });
});

describe('createApiKeyRequestSchema', () => {
  const future = apiKeyExpiryInDays(30, new Date()).toISOString();

  it('trims the name and keeps the expiry as sent', () => {
    expect(createApiKeyRequestSchema.parse({ name: '  CI uploader ', expiresAt: future })).toEqual({ name: 'CI uploader', expiresAt: future });
  });

  it('names the field and the rule for each problem', () => {
    const details = (input: unknown) => zodIssuesToDetails(createApiKeyRequestSchema.safeParse(input).error!.issues);
    expect(details({ name: '   ', expiresAt: future })).toEqual([{ path: 'name', message: 'name must not be empty' }]);
    expect(details({ name: 'x'.repeat(101), expiresAt: future })).toEqual([{ path: 'name', message: 'name must be at most 100 characters' }]);
    for (const notADateTime of ['2027-01-01', 'next tuesday', '2027-02-30T00:00:00Z', '2027-01-31T00:00:00']) {
      expect(details({ name: 'a', expiresAt: notADateTime })).toEqual([{ path: 'expiresAt', message: expect.stringMatching(/^expiresAt must be an ISO 8601 date-time with a time zone/) }]);
    }
    expect(details({ name: 'a', expiresAt: future, scope: 'all' })[0]!.message).toBe('unknown field "scope": only name and expiresAt are accepted');
    expect(details({})).toEqual([
      { path: 'name', message: 'name is required' },
      { path: 'expiresAt', message: expect.stringMatching(/^expiresAt is required: an ISO 8601 date-time/) },
    ]);
    expect(details({ name: 'a', expiresAt: 1893456000000 })[0]!.message).toMatch(/^expiresAt must be a string: an ISO 8601 date-time/);
  });

  it('accepts an offset other than Z', () => {
    const later = new Date(Date.now() + 10 * 86_400_000).toISOString().replace('Z', '+00:00');
    expect(createApiKeyRequestSchema.safeParse({ name: 'a', expiresAt: later }).success).toBe(true);
  });
});
