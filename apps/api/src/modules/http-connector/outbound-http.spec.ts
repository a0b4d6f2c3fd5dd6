import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { AppConfig } from '../../config/config.js';
import { TargetRefusedError } from './http-connector.errors.js';
import { createGuardedLookup, OUTBOUND_POOL, OutboundHttp } from './outbound-http.js';
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
    expect(() => client('development').checkTarget('http://api.example.com/x', false)).toThrow(/HTTPS is required.*turn on "Allow insecure HTTP" in the instance's Settings tab/);
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

describe('OutboundHttp connection reuse', () => {
  type Server = import('node:http').Server;
  const { createServer } = http;
  let server: Server;
  let base = '';
  let connections = 0;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests += 1;
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ n: requests }));
        // /close-after: the app drops the kept-alive socket once it has answered (as when its idle timeout fires).
        if (req.url === '/close-after') res.on('finish', () => setImmediate(() => req.socket.destroy()));
      });
    });
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    connections = 0;
    requests = 0;
  });

  const client = () => new OutboundHttp({ nodeEnv: 'test', allowPrivateNetworkTargets: true } as AppConfig, new OutboundSettings());
  const ok = { allowInsecureHttp: true, isSuccess: (s: number) => s === 200 };

  it('sends sequential calls to one origin over one kept-alive connection', async () => {
    const http = client();
    try {
      for (let i = 0; i < 5; i++) {
        const res = await http.send({ method: i % 2 ? 'POST' : 'GET', url: `${base}/x`, headers: {}, body: i % 2 ? '{}' : undefined }, ok);
        expect(res.status).toBe(200);
      }
      expect(requests).toBe(5);
      expect(connections).toBe(1);
      expect(http.pooledSockets()).toEqual({ active: 0, idle: 1 });
    } finally {
      http.onApplicationShutdown();
    }
  });

  it('sends a call again on a new connection when the app had closed the idle socket it went out on', async () => {
    const http = client();
    try {
      expect((await http.send({ method: 'POST', url: `${base}/close-after`, headers: {}, body: '{}' }, ok)).status).toBe(200);
      // The socket is back in the pool; the app closes it without the pool noticing in time.
      expect((await http.send({ method: 'POST', url: `${base}/close-after`, headers: {}, body: '{}' }, ok)).status).toBe(200);
      expect((await http.send({ method: 'GET', url: `${base}/x`, headers: {} }, ok)).status).toBe(200);
      // Each answered request reached the app once.
      expect(requests).toBe(3);
    } finally {
      http.onApplicationShutdown();
    }
  });

  it('closes idle sockets after the idle timeout', () => {
    expect(OUTBOUND_POOL.idleSocketMs).toBeLessThan(5_000);
    expect(OUTBOUND_POOL.maxSockets).toBeGreaterThan(0);
  });
});

describe('OutboundHttp with the address guard on', () => {
  it('checks every new connection of the pool: a host name resolving to loopback is refused each time, nothing connects', async () => {
    let connections = 0;
    const server = http.createServer((_req, res) => res.end('{}'));
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const guarded = new OutboundHttp({ nodeEnv: 'test', allowPrivateNetworkTargets: false } as AppConfig, new OutboundSettings());
    try {
      for (let i = 0; i < 2; i++) {
        const err = await guarded.send({ method: 'GET', url: `http://localhost:${port}/x`, headers: {} }, { allowInsecureHttp: true, isSuccess: () => true }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(TargetRefusedError);
        expect((err as Error).message).toMatch(/Refused to connect to localhost: it resolves to (127\.0\.0\.1|::1), a loopback address/);
      }
      expect(connections).toBe(0);
    } finally {
      guarded.onApplicationShutdown();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
