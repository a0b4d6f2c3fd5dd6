import { describe, expect, it } from '@jest/globals';
import { OAuthTokenCache, type CachedToken } from './oauth-token-cache.js';

describe('OAuthTokenCache', () => {
  let now = 1_000_000;
  const clock = () => now;
  const token = (n: number, lifetimeMs = 3600_000): CachedToken => ({ accessToken: `t${n}`, tokenType: 'Bearer', expiresIn: lifetimeMs / 1000, expiresAt: now + lifetimeMs, scope: undefined });

  it('reuses a token until 30 s before it expires', async () => {
    const cache = new OAuthTokenCache(clock);
    let fetches = 0;
    const fetch = async () => token(++fetches, 120_000);
    expect((await cache.get('c1', 'fp', fetch)).accessToken).toBe('t1');
    now += 60_000;
    expect((await cache.get('c1', 'fp', fetch)).accessToken).toBe('t1');
    now += 31_000;
    expect((await cache.get('c1', 'fp', fetch)).accessToken).toBe('t2');
  });

  it('fetches again when the settings change, on request, or after forget', async () => {
    const cache = new OAuthTokenCache(clock);
    let fetches = 0;
    const fetch = async () => token(++fetches);
    await cache.get('c1', 'a', fetch);
    expect((await cache.get('c1', 'b', fetch)).accessToken).toBe('t2');
    expect((await cache.get('c1', 'b', fetch, { fresh: true })).accessToken).toBe('t3');
    cache.forget('c1', 'not-the-current-token');
    expect((await cache.get('c1', 'b', fetch)).accessToken).toBe('t3');
    cache.forget('c1', 't3');
    expect((await cache.get('c1', 'b', fetch)).accessToken).toBe('t4');
  });

  it('shares one in-flight fetch and does not cache failures', async () => {
    const cache = new OAuthTokenCache(clock);
    let fetches = 0;
    const slow = () => new Promise<CachedToken>((resolve) => setTimeout(() => resolve(token(++fetches)), 10));
    const [a, b] = await Promise.all([cache.get('c1', 'fp', slow), cache.get('c1', 'fp', slow)]);
    expect(a.accessToken).toBe('t1');
    expect(b.accessToken).toBe('t1');
    expect(fetches).toBe(1);
    await expect(cache.get('c2', 'fp', async () => Promise.reject(new Error('denied')))).rejects.toThrow('denied');
    expect((await cache.get('c2', 'fp', async () => token(99))).accessToken).toBe('t99');
  });

  it('treats a token without expires_in as good for five minutes', async () => {
    const cache = new OAuthTokenCache(clock);
    let fetches = 0;
    const fetch = async () => ({ ...token(++fetches), expiresAt: undefined });
    await cache.get('c1', 'fp', fetch);
    now += 200_000;
    expect((await cache.get('c1', 'fp', fetch)).accessToken).toBe('t1');
    now += 80_000;
    expect((await cache.get('c1', 'fp', fetch)).accessToken).toBe('t2');
  });
});
