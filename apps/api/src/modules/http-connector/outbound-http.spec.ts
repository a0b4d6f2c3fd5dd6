import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from '@jest/globals';
import type { AppConfig } from '../../config/config.js';
import { TargetRefusedError } from './http-connector.errors.js';
import { createGuardedLookup, OutboundHttp } from './outbound-http.js';
import { OutboundSettings } from './outbound-settings.js';

type Result = { err: (Error & { code?: string }) | null; args: unknown[] };

function run(addresses: LookupAddress[], options: object | number | undefined): Promise<Result & { refused: string[]; asked: object[] }> {
  const refused: string[] = [];
  const asked: object[] = [];
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

describe('OutboundHttp.checkTarget', () => {
  const client = (nodeEnv: AppConfig['nodeEnv'], allowPrivateNetworkTargets = false) =>
    new OutboundHttp({ nodeEnv, allowPrivateNetworkTargets } as AppConfig, new OutboundSettings());

  it('allows plain http only for an instance that asks for it, and never in production', () => {
    expect(client('development').checkTarget('http://api.example.com/x', true).hostname).toBe('api.example.com');
    expect(() => client('development').checkTarget('http://api.example.com/x', false)).toThrow(/HTTPS is required.*Turn on allowInsecureHttp/);
    expect(() => client('production').checkTarget('http://api.example.com/x', true)).toThrow(/never allows in production/);
    expect(client('production').checkTarget('https://api.example.com/x', false).protocol).toBe('https:');
  });

  it('refuses other schemes, credentials in the URL and private literals', () => {
    expect(() => client('test').checkTarget('ftp://api.example.com/x', true)).toThrow(TargetRefusedError);
    expect(() => client('test').checkTarget('https://u:p@api.example.com/x', true)).toThrow(/user:password@/);
    expect(() => client('test').checkTarget('https://169.254.169.254/latest', true)).toThrow(/link-local/);
    expect(() => client('test').checkTarget('https://[::1]/x', true)).toThrow(/loopback/);
    expect(client('test', true).checkTarget('https://127.0.0.1/x', true).hostname).toBe('127.0.0.1');
  });
});
