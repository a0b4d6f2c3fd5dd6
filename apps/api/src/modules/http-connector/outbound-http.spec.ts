import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from '@jest/globals';
import { createGuardedLookup } from './outbound-http.js';

type Result = { err: (Error & { code?: string }) | null; args: unknown[] };

function run(addresses: LookupAddress[], options: object | number | undefined): Promise<Result & { refused: string[]; asked: { family?: number; all?: boolean }[] }> {
  const refused: string[] = [];
  const asked: { family?: number; all?: boolean }[] = [];
  const lookup = createGuardedLookup(
    (m) => refused.push(m),
    (_host, opts, cb) => {
      asked.push(opts);
      cb(null, addresses);
    },
  );
  return new Promise((resolve) => {
    (lookup as unknown as (h: string, o: unknown, cb: (...a: unknown[]) => void) => void)('api.example.com', options, (err, ...args) =>
      resolve({ err: err as Result['err'], args, refused, asked }),
    );
  });
}

describe('createGuardedLookup', () => {
  const publicV4 = { address: '93.184.216.34', family: 4 };
  const publicV6 = { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 };

  it('hands back exactly the addresses it checked (all: true), so the socket connects to one of them', async () => {
    const r = await run([publicV4, publicV6], { all: true });
    expect(r.err).toBeNull();
    expect(r.args).toEqual([[publicV4, publicV6]]);
    expect(r.asked).toEqual([{ all: true, family: 0 }]);
  });

  it('answers in the single-address form when not asked for all', async () => {
    const r = await run([publicV4], { family: 4 });
    expect(r.args).toEqual(['93.184.216.34', 4]);
    expect(r.asked).toEqual([{ all: true, family: 4 }]);
  });

  it('refuses when ANY resolved address is private (a DNS answer mixing public and internal)', async () => {
    const r = await run([publicV4, { address: '10.0.0.5', family: 4 }], { all: true });
    expect(r.err?.code).toBe('ERR_TARGET_REFUSED');
    expect(r.refused[0]).toMatch(/api\.example\.com: it resolves to 10\.0\.0\.5, a private address/);
  });

  it('refuses cloud metadata and IPv6 loopback answers', async () => {
    expect((await run([{ address: '169.254.169.254', family: 4 }], {})).err?.code).toBe('ERR_TARGET_REFUSED');
    expect((await run([{ address: '::1', family: 6 }], {})).err?.code).toBe('ERR_TARGET_REFUSED');
  });
});
