import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * Key format: `ghk_` + 43 base64url characters (32 random bytes) + a 6-character base62 CRC32 of
 * everything before it. The fixed product prefix lets secret scanners recognise a leaked key, and
 * the checksum lets them (and the guard) reject a mistyped or truncated key without a lookup.
 */
export const API_KEY_PREFIX = 'ghk_';
export const API_KEY_SECRET_BYTES = 32;
const SECRET_LENGTH = 43; // base64url of 32 bytes, unpadded
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32, so any CRC32 fits
export const API_KEY_LENGTH = API_KEY_PREFIX.length + SECRET_LENGTH + CHECKSUM_LENGTH;
/** Stored in clear and shown in the UI (`ghk_abcd1234…`) so admins can tell keys apart. */
export const API_KEY_VISIBLE_PREFIX_LENGTH = 12;

const KEY_RE = new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9_-]{${SECRET_LENGTH}}[0-9A-Za-z]{${CHECKSUM_LENGTH}}$`);
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export type GeneratedApiKey = {
  /** The plaintext key: returned to the admin once, never stored. */
  key: string;
  prefix: string;
  hash: string;
};

export type ParsedApiKey = { ok: true; key: string } | { ok: false; reason: 'format' | 'checksum' };

export function generateApiKey(random: (size: number) => Buffer = randomBytes): GeneratedApiKey {
  const body = API_KEY_PREFIX + random(API_KEY_SECRET_BYTES).toString('base64url');
  const key = body + checksum(body);
  return { key, prefix: visiblePrefix(key), hash: hashApiKey(key) };
}

/** Checks shape and checksum only: a key that fails here can never match a stored hash. */
export function parseApiKey(input: string): ParsedApiKey {
  if (input.length !== API_KEY_LENGTH || !KEY_RE.test(input)) return { ok: false, reason: 'format' };
  const body = input.slice(0, -CHECKSUM_LENGTH);
  if (checksum(body) !== input.slice(-CHECKSUM_LENGTH)) return { ok: false, reason: 'checksum' };
  return { ok: true, key: input };
}

/** SHA-256 is enough here: the key has 256 bits of entropy, so there is nothing to brute-force. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export const visiblePrefix = (key: string): string => key.slice(0, API_KEY_VISIBLE_PREFIX_LENGTH);

export function checksum(body: string): string {
  let n = crc32(body);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}
