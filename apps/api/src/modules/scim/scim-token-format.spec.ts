import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { SCIM_TOKEN_LENGTH, bearerToken, generateScimToken, hashScimToken } from './scim-token-format.js';

describe('generateScimToken', () => {
  it('builds ghs_ + 43 base64url characters from 32 random bytes and hashes it with SHA-256', () => {
    let asked = 0;
    const { token, hash } = generateScimToken((size) => {
      asked = size;
      return Buffer.alloc(size, 0xab);
    });
    expect(asked).toBe(32);
    expect(token).toBe(`ghs_${Buffer.alloc(32, 0xab).toString('base64url')}`);
    expect(token).toHaveLength(SCIM_TOKEN_LENGTH);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashScimToken(token)).toBe(hash);
  });

  it('never repeats', () => {
    expect(new Set(Array.from({ length: 100 }, () => generateScimToken().token)).size).toBe(100);
  });
});

describe('bearerToken', () => {
  const { token } = generateScimToken();

  it('reads the token of a Bearer header, whatever the scheme case and surrounding spaces', () => {
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer ${token}`)).toBe(token);
    expect(bearerToken(`  BEARER   ${token} `)).toBe(token);
    expect(bearerToken([`Bearer ${token}`])).toBe(token);
  });

  it('gives nothing for a missing header, another scheme or a token of the wrong shape', () => {
    for (const bad of [undefined, '', 'Bearer', token, `Basic ${token}`, `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, `Bearer ghk_${token.slice(4)}`, `Bearer ${token} extra`]) {
      expect(bearerToken(bad)).toBeUndefined();
    }
  });
});
