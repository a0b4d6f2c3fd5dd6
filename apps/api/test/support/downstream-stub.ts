import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StubRequest = { method: string; path: string; query: URLSearchParams; headers: IncomingMessage['headers']; body: string };

type Handler = (req: StubRequest, res: ServerResponse, stub: DownstreamStub) => void | Promise<void>;

/**
 * A downstream app on 127.0.0.1 for connector tests: records every request it receives and
 * answers from a route table tests can extend (`stub.route('GET /x', handler)`).
 */
export class DownstreamStub {
  readonly requests: StubRequest[] = [];
  readonly counters = new Map<string, number>();
  private readonly routes = new Map<string, Handler>();
  private server!: Server;
  baseUrl = '';

  route(key: string, handler: Handler): this {
    this.routes.set(key, handler);
    return this;
  }

  /** Increments and returns a named counter (1 on first call). */
  count(name: string): number {
    const n = (this.counters.get(name) ?? 0) + 1;
    this.counters.set(name, n);
    return n;
  }

  received(path: string): StubRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://stub');
    const request: StubRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    this.requests.push(request);
    const handler = this.routes.get(`${request.method} ${request.path}`);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no stub route for ${request.method} ${request.path}` } }));
      return;
    }
    try {
      await handler(request, res, this);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    }
  }
}

export const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
};

export const xml = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'application/xml' }).end(body);
};
