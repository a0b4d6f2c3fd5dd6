import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { Semaphore } from '../../common/semaphore.js';

// scrypt is memory-hard and ships with Node: N=2^15, r=8 uses 32 MiB per hash.
const N = 32768;
const r = 8;
const p = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, n = N, rr = r, pp = p): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { N: n, r: rr, p: pp, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * scrypt runs on libuv's worker threads (4 by default). New hashes (sign-up) and checks
 * (sign-in) each get at most two of them, so a burst of sign-ups queues behind itself and
 * cannot make a sign-in wait for all of it.
 */
const hashing = new Semaphore(2);
const verifying = new Semaphore(2);

/** Format: scrypt$N$r$p$salt$hash (base64url), so parameters can be raised later. */
export function hashPassword(password: string): Promise<string> {
  return hashing.run(() => hashWith(password));
}

async function hashWith(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, rr, pp, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const actual = await verifying.run(() => derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(rr), Number(pp)));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

// A real hash of a random password, so an unknown email costs the same time as a wrong password.
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  // Made on the sign-in side, so a first unknown-email sign-in never queues behind sign-ups.
  dummy ??= verifying.run(() => hashWith(randomBytes(16).toString('hex')));
  return dummy;
}
