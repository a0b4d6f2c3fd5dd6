import { createHash, randomBytes } from 'node:crypto';

/**
 * SCIM token format: `ghs_` + 43 base64url characters (32 random bytes). The fixed prefix lets
 * secret scanners recognise a leaked token and tells it apart from API keys (`ghk_`).
 */
export const SCIM_TOKEN_PREFIX = 'ghs_';
export const SCIM_TOKEN_SECRET_BYTES = 32;
export const SCIM_TOKEN_LENGTH = SCIM_TOKEN_PREFIX.length + 43;
const TOKEN_RE = /^ghs_[A-Za-z0-9_-]{43}$/;

export type GeneratedScimToken = { token: string; hash: string };

export function generateScimToken(random: (size: number) => Buffer = randomBytes): GeneratedScimToken {
  const token = SCIM_TOKEN_PREFIX + random(SCIM_TOKEN_SECRET_BYTES).toString('base64url');
  return { token, hash: hashScimToken(token) };
}

/** SHA-256 suffices: 256 random bits leave nothing to brute-force. */
export const hashScimToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * The token from an Authorization header value, or undefined when the header is not
 * `Bearer <token>` with a token of the right shape (so it can never match a stored hash).
 */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(value);
  const token = match?.[1];
  return token !== undefined && TOKEN_RE.test(token) ? token : undefined;
}
