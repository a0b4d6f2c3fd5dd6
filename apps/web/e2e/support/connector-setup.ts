import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from '@jest/globals';
import type { Page } from 'playwright-core';

export type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

/**
 * The connected app: a loopback JSON API that creates and updates users, echoes the credential
 * it received (a careless app does), sets a session cookie, and refuses emails at `refused.example`.
 */
export async function startEchoingApp() {
  const seen: Seen[] = [];
  let next = 500;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const send = (status: number, answer: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'set-cookie': 'app_session=cookie-secret-77; HttpOnly' });
        res.end(JSON.stringify(answer));
      };
      const sent = JSON.parse(body || '{}') as { email?: string };
      if (req.method === 'POST' && req.url === '/v1/users') {
        if (sent.email?.endsWith('@refused.example')) return send(422, { error: { message: 'email domain not allowed' } });
        return send(201, { data: { id: `app-${(next += 1)}`, email: sent.email }, receivedKey: req.headers['x-app-key'] });
      }
      const update = /^\/v1\/users\/([^/]+)$/.exec(req.url ?? '');
      if (req.method === 'PATCH' && update) return send(200, { data: { id: update[1] }, receivedKey: req.headers['x-app-key'] });
      send(404, { error: { message: 'no such route' } });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((done) => server.close(() => done())) };
}

/** The admin API from inside the signed-in page: its session cookie and CSRF header, as the app sends them. */
export async function apiInPage<T = Record<string, unknown>>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = /(?:^|;\s*)(?:__Host-)?gh_csrf=([^;]*)/.exec(document.cookie)?.[1];
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': decodeURIComponent(csrf) } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    { method, path, body },
  );
}

/**
 * An enabled Custom HTTP connector to the echoing app (API key in X-App-Key, create and update
 * users), with its secret set and a SCIM token issued; the SCIM base URL and token are returned.
 */
export async function createEchoConnector(page: Page, appUrl: string, name: string, appKey: string) {
  const created = await apiInPage<{ id: string }>(page, 'POST', '/api/connectors', {
    name,
    enabled: false,
    allowInsecureHttp: true,
    auth: { type: 'api_key_header', api_key_header_name: 'X-App-Key' },
    capabilities: { create_user: true, update_user: true },
    mappings: {
      create_user: {
        http_method: 'POST',
        url_template: `${appUrl}/v1/users`,
        body_kind: 'json',
        body_template: '{"email":"{scim_user_email}","name":"{scim_user_display_name}"}',
        success_status: [201],
        response_fields: { id: 'data.id' },
        error_message_path: 'error.message',
      },
      update_user: {
        http_method: 'PATCH',
        url_template: `${appUrl}/v1/users/{integration_user_id}`,
        body_kind: 'json',
        body_template: '{"email":"{scim_user_email}","name":"{scim_user_display_name}"}',
        success_status: [200],
        response_fields: { id: 'data.id' },
      },
    },
  });
  if (created.status !== 201) throw new Error(`connector not created: ${JSON.stringify(created.body)}`);
  const id = created.body.id;
  const secret = await apiInPage(page, 'PUT', `/api/connectors/${id}/secret`, { api_token: appKey });
  if (secret.status !== 200) throw new Error(`secret not set: ${JSON.stringify(secret.body)}`);
  const enabled = await apiInPage(page, 'PATCH', `/api/connectors/${id}`, { enabled: true });
  if (enabled.status !== 200) throw new Error(`not enabled: ${JSON.stringify(enabled.body)}`);
  const token = await apiInPage<{ token: string; baseUrl: string }>(page, 'POST', `/api/connectors/${id}/scim-token`);
  return { id, token: token.body.token, scimPath: new URL(token.body.baseUrl).pathname };
}

/** Picks an option of a segmented control by its visible label (the radio itself is visually hidden). */
export async function pickSegment(page: Page, control: string, label: string) {
  await page.getByLabel(control).locator('label').filter({ hasText: new RegExp(`^${label}$`) }).click();
}

export type EchoingApp = Awaited<ReturnType<typeof startEchoingApp>>;

/** The echoing app for the enclosing describe block; read `.app` inside tests. */
export function useEchoingApp(): { app: EchoingApp } {
  const holder = {} as { app: EchoingApp };
  beforeAll(async () => {
    holder.app = await startEchoingApp();
  });
  afterAll(async () => {
    await holder.app?.close();
  });
  return holder;
}
