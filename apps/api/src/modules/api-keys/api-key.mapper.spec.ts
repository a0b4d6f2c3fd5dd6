import { describe, expect, it } from '@jest/globals';
import { apiKeyStatus, toApiKeyResponse } from './api-key.mapper.js';
import type { ApiKey } from './entities/api-key.entity.js';

const now = new Date('2026-06-01T00:00:00Z');
const row = (over: Partial<ApiKey> = {}): ApiKey =>
  Object.assign(
    {
      id: 'k1',
      companyId: 'c1',
      name: 'CI',
      prefix: 'ghk_abcd1234',
      keyHash: 'f'.repeat(64),
      createdAt: new Date('2026-05-01T00:00:00Z'),
      expiresAt: new Date('2026-07-01T00:00:00Z'),
      lastUsedAt: null,
      revokedAt: null,
      createdBy: 'u1',
    },
    over,
  );

describe('apiKeyStatus', () => {
  it('is active before expiry, expired from the expiry instant, revoked whenever revoked', () => {
    expect(apiKeyStatus(row(), now)).toBe('active');
    expect(apiKeyStatus(row({ expiresAt: now }), now)).toBe('expired');
    expect(apiKeyStatus(row({ revokedAt: new Date('2026-05-02T00:00:00Z') }), now)).toBe('revoked');
    expect(apiKeyStatus(row({ expiresAt: new Date('2026-05-15T00:00:00Z'), revokedAt: new Date('2026-05-02T00:00:00Z') }), now)).toBe('revoked');
  });
});

describe('toApiKeyResponse', () => {
  it('maps a row to exactly the listed fields, never the hash or the company', () => {
    expect(toApiKeyResponse(row({ lastUsedAt: new Date('2026-05-20T10:00:00Z') }), now)).toEqual({
      id: 'k1',
      name: 'CI',
      prefix: 'ghk_abcd1234',
      createdAt: '2026-05-01T00:00:00.000Z',
      expiresAt: '2026-07-01T00:00:00.000Z',
      lastUsedAt: '2026-05-20T10:00:00.000Z',
      revokedAt: null,
      status: 'active',
    });
  });
});
