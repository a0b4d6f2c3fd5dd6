import { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { DatabaseHandle } from '../../src/database/embedded-postgres.js';
import { ConnectorChanges } from '../../src/modules/http-connector/connector-changes.js';
import { createTestDatabase } from './test-database.js';

/** Collects every log line the app writes, so tests can assert what never appears in logs. */
export class LogCapture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.lines.push(chunk.toString());
    cb();
  }
  get text() {
    return this.lines.join('');
  }
}

export type TestApp = {
  app: NestExpressApplication;
  http: Server;
  db: DatabaseHandle;
  dataSource: DataSource;
  logs: LogCapture;
  baseUrl: string;
  close: () => Promise<void>;
};

/**
 * Every test signs up from the same loopback address, so the sign-up limits are raised out of
 * the way; a test about limits sets its own values.
 */
const TEST_LIMITS = { SIGNUP_MAX_PER_IP: '100000', SIGNUP_MAX_PER_EMAIL: '1000' };

/** Boots the whole API on a loopback port against a fresh database (without the web app unless `webDist` names a build). */
export async function startTestApp(env: Record<string, string> = {}, options: { webDist?: string } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ALLOW_PRIVATE_NETWORK_TARGETS: 'true', PORT: '0', ...TEST_LIMITS, ...env });
  const logs = new LogCapture();
  const app = await createApp({ config, databaseUrl: db.url, embeddedDatabase: db.embedded, logStream: logs, webDist: options.webDist ?? null });
  await app.listen(0, '127.0.0.1');
  const http = app.getHttpServer() as Server;
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  if (!env.PUBLIC_URL) config.publicUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    http,
    db,
    dataSource: app.get(DataSource),
    logs,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await db.stop();
    },
  };
}

let counter = 0;

/** A signed-in admin of a new company, with helpers that send the session and CSRF token. */
export async function signUpAdmin(t: TestApp, overrides: Partial<{ companyName: string; email: string; password: string }> = {}) {
  counter += 1;
  const body = {
    companyName: overrides.companyName ?? `Company ${counter}`,
    name: `Admin ${counter}`,
    email: overrides.email ?? `admin${counter}.${Date.now()}@example.com`,
    password: overrides.password ?? 'correct horse battery staple',
  };
  const agent = request.agent(t.http);
  const res = await agent.post('/api/auth/signup').send(body).expect(201);
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const csrf = cookies.map((c) => /^gh_csrf=([^;]*)/.exec(c)?.[1]).find(Boolean) ?? '';
  return {
    agent,
    csrf,
    /** The session and CSRF cookies, for a request sent without the agent. */
    cookie: cookies.map((c) => c.split(';')[0]).join('; '),
    me: res.body as { user: { id: string; email: string }; company: { id: string; name: string } },
    credentials: body,
    get: (url: string) => agent.get(url),
    post: (url: string) => agent.post(url).set('x-csrf-token', csrf),
    put: (url: string) => agent.put(url).set('x-csrf-token', csrf),
    patch: (url: string) => agent.patch(url).set('x-csrf-token', csrf),
    delete: (url: string) => agent.delete(url).set('x-csrf-token', csrf),
  };
}
export type Admin = Awaited<ReturnType<typeof signUpAdmin>>;

/**
 * Resolves once `app` has heard that the connector changed (a database notification or its own
 * write). Subscribe before making the change. An app that holds nothing between requests (the
 * embedded database) reads every request afresh, so there is nothing to wait for there.
 */
export function connectorChangeHeard(app: NestExpressApplication, connectorId: string, timeoutMs = 5000): Promise<void> {
  const changes = app.get(ConnectorChanges);
  if (!changes.watching) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no change of connector ${connectorId} heard within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = changes.subscribe((id) => {
      if (id !== connectorId) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}
