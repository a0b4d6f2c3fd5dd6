import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { httpsRuleProblem } from '@gatehouse/mapping';
import axios, { AxiosError, type AxiosResponse } from 'axios';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { forbiddenAddressReason, ipLiteralHost } from './address-policy.js';
import { ConnectorCallError, DownstreamRejectedError, DownstreamResponseError, DownstreamUnavailableError, TargetRefusedError } from './http-connector.errors.js';
import { OutboundSettings } from './outbound-settings.js';
import { decideRetry } from './retry-policy.js';

export type OutboundRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
};

export type OutboundOptions = {
  /** The instance's setting; ignored when the server runs in production. */
  allowInsecureHttp: boolean;
  /** Whether a status counts as success (then it is never retried). */
  isSuccess: (status: number) => boolean;
};

export type OutboundResponse = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  attempts: number;
  /** Why retrying stopped early, when it did (e.g. Retry-After too long). */
  retryNote?: string;
};

type Resolver = (hostname: string, options: LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const REFUSED = 'ERR_TARGET_REFUSED';

/**
 * Connection reuse for outbound calls. A pooled socket was checked by the guarded lookup when it
 * connected; every new connection is checked again. Idle sockets close after IDLE_SOCKET_MS,
 * below the 5 s keep-alive timeout of common servers (Node, Apache), so the app rarely closes a
 * socket just as it is reused.
 */
export const OUTBOUND_POOL = { maxSockets: 64, maxFreeSockets: 16, idleSocketMs: 4_000 } as const;

/**
 * Whether a failure is a kept-alive socket the app had already closed: reset or broken on a reused
 * socket before any answer arrived (follow-redirects keeps the node request in `_currentRequest`).
 */
function staleSocket(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string }; request?: { _currentRequest?: unknown } };
  const req = (e.request?._currentRequest ?? e.request) as { reusedSocket?: boolean; res?: unknown } | undefined;
  const code = e.code ?? e.cause?.code;
  return req?.reusedSocket === true && !req.res && (code === 'ECONNRESET' || code === 'EPIPE');
}

/** The refusal message when a connection was refused by the guarded lookup. */
function refusalOf(err: unknown): string | undefined {
  for (let e = err as { code?: string; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code === REFUSED) return e.message;
  }
  return undefined;
}

/**
 * A `lookup` for http(s) agents: resolves every address of the host, refuses the connection when
 * any of them is in a forbidden range, and hands back only the addresses it checked, so the
 * socket connects to a checked address (no second resolution an attacker's DNS could answer
 * differently).
 */
export function createGuardedLookup(onRefused: (message: string) => void = () => undefined, resolve: Resolver = dnsLookup as unknown as Resolver): LookupFunction {
  return ((hostname: string, options: { family?: number | string; all?: boolean } | number | undefined, callback: (...args: unknown[]) => void) => {
    const opts = typeof options === 'object' && options ? options : { family: typeof options === 'number' ? options : undefined };
    const family = opts.family === 'IPv4' ? 4 : opts.family === 'IPv6' ? 6 : Number(opts.family) || 0;
    resolve(hostname, { all: true, family }, (err, addresses) => {
      if (err) return callback(err);
      for (const a of addresses) {
        const reason = forbiddenAddressReason(a.address);
        if (reason) {
          const message = `Refused to connect to ${hostname}: it resolves to ${a.address}, ${reason}. Connectors may only call public addresses.`;
          onRefused(message);
          return callback(Object.assign(new Error(message), { code: REFUSED }));
        }
      }
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }));
      if (opts.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as LookupFunction;
}

/**
 * The one way connector code talks to the network: https unless allowed otherwise, no private or
 * metadata addresses (checked after DNS resolution), a deadline per attempt, a size cap on the
 * answer, same-host redirects only, and retries with backoff for idempotent methods.
 */
@Injectable()
export class OutboundHttp implements OnApplicationShutdown {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settings: OutboundSettings,
  ) {
    this.httpAgent = new http.Agent(this.agentOptions(true));
    this.httpsAgent = new https.Agent(this.agentOptions(true));
  }

  onApplicationShutdown(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** Open connections per origin in the pool (for tests and diagnostics). */
  pooledSockets(): { active: number; idle: number } {
    const count = (group: NodeJS.ReadOnlyDict<unknown[]>) => Object.values(group).reduce((n, list) => n + (list?.length ?? 0), 0);
    return {
      active: count(this.httpAgent.sockets) + count(this.httpsAgent.sockets),
      idle: count(this.httpAgent.freeSockets) + count(this.httpsAgent.freeSockets),
    };
  }

  /** Every agent resolves host names through the guarded lookup unless private targets are allowed. */
  private agentOptions(keepAlive: boolean): http.AgentOptions {
    const lookup = this.config.allowPrivateNetworkTargets ? undefined : createGuardedLookup();
    return keepAlive
      ? { keepAlive: true, maxSockets: OUTBOUND_POOL.maxSockets, maxFreeSockets: OUTBOUND_POOL.maxFreeSockets, timeout: OUTBOUND_POOL.idleSocketMs, scheduling: 'lifo', ...(lookup ? { lookup } : {}) }
      : { keepAlive: false, ...(lookup ? { lookup } : {}) };
  }

  /** Checks the scheme (the shared HTTPS rule) and literal addresses before anything is sent. Throws TargetRefusedError. */
  checkTarget(rawUrl: string, allowInsecureHttp: boolean): URL {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new TargetRefusedError(`"${rawUrl}" is not an absolute URL.`);
    }
    const schemeProblem = httpsRuleProblem(url.href, { allowInsecureHttp, production: this.config.nodeEnv === 'production' });
    if (schemeProblem) throw new TargetRefusedError(schemeProblem);
    if (url.username || url.password) throw new TargetRefusedError('URLs must not carry user:password@ credentials; configure them under auth.');
    const literal = ipLiteralHost(url.hostname);
    if (literal && !this.config.allowPrivateNetworkTargets) {
      const reason = forbiddenAddressReason(literal);
      if (reason) throw new TargetRefusedError(`Refused to connect to ${literal}: ${reason}. Connectors may only call public addresses.`);
    }
    return url;
  }

  async send(request: OutboundRequest, options: OutboundOptions): Promise<OutboundResponse> {
    const url = this.checkTarget(request.url, options.allowInsecureHttp);
    let delayed = 0;
    for (let attempt = 1; ; attempt++) {
      const res = await this.sendOnce(url, request);
      if (options.isSuccess(res.status)) return { ...res, attempts: attempt };
      const decision = decideRetry(
        { method: request.method, status: res.status, attempt, retryAfter: res.headers['retry-after'], delayedSoFarMs: delayed, now: Date.now() },
        this.settings.retry,
      );
      if (!decision.retry) return { ...res, attempts: attempt, retryNote: decision.reason };
      delayed += decision.delayMs;
      await this.settings.sleep(decision.delayMs);
    }
  }

  /**
   * One attempt on a pooled connection. When the app had already closed the kept-alive socket it
   * was sent on (reset before any answer), it is sent once more on a new connection: that is a
   * connection that went stale, not an answer, and no part of the request reached the app's handler.
   */
  private async sendOnce(url: URL, request: OutboundRequest): Promise<Omit<OutboundResponse, 'attempts'>> {
    try {
      return await this.exchange(url, request, this.httpAgent, this.httpsAgent);
    } catch (err) {
      if (!(err instanceof StaleSocketError)) throw err;
      const httpAgent = new http.Agent(this.agentOptions(false));
      const httpsAgent = new https.Agent(this.agentOptions(false));
      try {
        return await this.exchange(url, request, httpAgent, httpsAgent);
      } catch (retryErr) {
        throw retryErr instanceof StaleSocketError ? retryErr.translated : retryErr;
      } finally {
        httpAgent.destroy();
        httpsAgent.destroy();
      }
    }
  }

  private async exchange(url: URL, request: OutboundRequest, httpAgent: http.Agent, httpsAgent: https.Agent): Promise<Omit<OutboundResponse, 'attempts'>> {
    const state: { refusal?: string } = {};
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.settings.timeoutMs);
    try {
      const res: AxiosResponse<ArrayBuffer> = await axios.request({
        method: request.method,
        url: url.toString(),
        headers: request.headers,
        data: request.body,
        transformRequest: [(data: unknown) => data],
        transformResponse: [(data: unknown) => data],
        responseType: 'arraybuffer',
        validateStatus: () => true,
        maxContentLength: this.settings.maxResponseBytes,
        maxBodyLength: 10 * 1024 * 1024,
        maxRedirects: this.settings.maxRedirects,
        beforeRedirect: (next: { protocol?: string; hostname?: string; host?: string; port?: string | number }) => {
          const target = `${next.protocol}//${next.hostname ?? next.host}${next.port ? `:${next.port}` : ''}`;
          const sameOrigin = next.protocol === url.protocol && (next.hostname ?? next.host) === url.hostname && String(next.port || '') === url.port;
          if (!sameOrigin) {
            state.refusal = `Refused to follow a redirect from ${url.origin} to ${target}: connectors only follow redirects on the same host.`;
            throw new Error(state.refusal);
          }
        },
        httpAgent,
        httpsAgent,
        proxy: false,
        decompress: true,
        signal: controller.signal,
      });
      return { status: res.status, headers: plainHeaders(res.headers), body: Buffer.from(res.data ?? new ArrayBuffer(0)) };
    } catch (err) {
      const translated = this.translate(err, url, state.refusal ?? refusalOf(err), timedOut);
      if (!timedOut && !state.refusal && staleSocket(err)) throw new StaleSocketError(translated);
      throw translated;
    } finally {
      clearTimeout(timer);
    }
  }

  private translate(err: unknown, url: URL, refusal: string | undefined, timedOut: boolean): ConnectorCallError {
    if (refusal) return new TargetRefusedError(refusal);
    if (timedOut) {
      return new DownstreamUnavailableError({ kind: 'timeout', retryable: true, message: `${url.origin} did not answer within ${Math.round(this.settings.timeoutMs / 100) / 10} s.` });
    }
    const e = err as AxiosError & { cause?: { code?: string } };
    if (/maxContentLength/.test(e.message ?? '')) {
      return new DownstreamResponseError({
        kind: 'too_large',
        retryable: false,
        message: `The answer from ${url.origin} is larger than ${Math.round(this.settings.maxResponseBytes / 1024)} kB, the most a connector call reads.`,
      });
    }
    const code = e.code ?? e.cause?.code ?? 'ERR_NETWORK';
    if (code === 'ERR_FR_TOO_MANY_REDIRECTS') {
      return new DownstreamRejectedError({ kind: 'rejected', retryable: false, message: `${url.origin} redirected more than ${this.settings.maxRedirects} times.` });
    }
    return new DownstreamUnavailableError({ kind: 'unavailable', retryable: true, message: `Could not reach ${url.origin} (${code}).`, notSent: NOT_SENT_CODES.has(code) });
  }
}

/** Failures before any byte of the request could reach the app. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** A request that failed on a kept-alive socket the app had closed; `translated` is what to report if the retry fails the same way. */
class StaleSocketError extends Error {
  constructor(readonly translated: ConnectorCallError) {
    super(translated.message);
  }
}

function plainHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
