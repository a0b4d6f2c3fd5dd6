import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { API_KEY_LENGTH, checksum, generateApiKey, hashApiKey, parseApiKey, visiblePrefix } from './api-key-format.js';

const fixedBytes = (size: number) => Buffer.alloc(size, 0xab);

describe('generateApiKey', () => {
  it('builds ghk_ + 43 base64url characters + a 6-character checksum', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^ghk_[A-Za-z0-9_-]{43}[0-9A-Za-z]{6}$/);
    expect(key).toHaveLength(API_KEY_LENGTH);
    expect(API_KEY_LENGTH).toBe(53);
    expect(prefix).toBe(key.slice(0, 12));
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
  });

  it('draws 32 random bytes per key, so keys never repeat', () => {
    let asked = 0;
    generateApiKey((size) => {
      asked = size;
      return fixedBytes(size);
    });
    expect(asked).toBe(32);
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
  });

  it('is deterministic for given bytes (the checksum covers the prefix and the secret)', () => {
    const a = generateApiKey(fixedBytes);
    const b = generateApiKey(fixedBytes);
    expect(a).toEqual(b);
    expect(a.key.slice(-6)).toBe(checksum(a.key.slice(0, -6)));
    expect(a.prefix).toBe('ghk_q6urq6ur');
  });
});

describe('parseApiKey', () => {
  const { key } = generateApiKey();

  it('accepts a generated key', () => {
    expect(parseApiKey(key)).toEqual({ ok: true, key });
  });

  it('rejects anything that is not shaped like a key', () => {
    for (const bad of ['', 'ghk_', key.slice(0, -1), `${key}x`, key.replace('ghk_', 'ghp_'), `Bearer ${key}`, ` ${key}`, key.replace(/^(.{10})./, '$1!')]) {
      expect(parseApiKey(bad)).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('rejects a mistyped key by its checksum, without any lookup', () => {
    const i = 20;
    const typo = key.slice(0, i) + (key[i] === 'A' ? 'B' : 'A') + key.slice(i + 1);
    expect(parseApiKey(typo)).toEqual({ ok: false, reason: 'checksum' });
    const swapped = key.slice(0, 30) + key[31] + key[30] + key.slice(32);
    if (swapped !== key) expect(parseApiKey(swapped)).toEqual({ ok: false, reason: 'checksum' });
    const badSum = key.slice(0, -1) + (key.endsWith('0') ? '1' : '0');
    expect(parseApiKey(badSum)).toEqual({ ok: false, reason: 'checksum' });
  });

  it('catches every single-character typo in the secret', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 4; i < API_KEY_LENGTH - 6; i++) {
      const other = alphabet[(alphabet.indexOf(key[i]!) + 7) % alphabet.length];
      expect(parseApiKey(key.slice(0, i) + other + key.slice(i + 1)).ok).toBe(false);
    }
  });
});

describe('checksum', () => {
  it('is the CRC32 of the body in 6 base62 digits', () => {
    // CRC32("123456789") = 0xCBF43926 = 3421780262 = "3jZRME" in base62 (0-9A-Za-z)
    expect(checksum('123456789')).toBe('3jZRME');
    expect(checksum('')).toBe('000000');
  });
});

describe('hashApiKey and visiblePrefix', () => {
  it('hash to 64 hex characters and show the first 12 characters', () => {
    expect(hashApiKey('ghk_x')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey('ghk_x')).not.toBe(hashApiKey('ghk_y'));
    expect(visiblePrefix('ghk_abcd1234efgh')).toBe('ghk_abcd1234');
  });
});
