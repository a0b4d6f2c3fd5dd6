import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { OutboundSettings } from '../src/modules/http-connector/outbound-settings.js';
import { ERROR_SCHEMA, LIST_RESPONSE, SCIM_JSON, USER_SCHEMA, patchOp, scimCalls, scimClient, scimUser } from './support/scim.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

const APP_TOKEN = 'scim-app-token-7c1d9e2f4a6b';
const CLIENT_SECRET = 'proxy-oauth-client-secret-3e4f5a';

type Received = { method: string; url: string; path: string; headers: IncomingHttpHeaders; body: Buffer };
type Answer = { status: number; headers?: Record<string, string>; body?: string };

/**
 * An app that speaks SCIM 2.0 on 127.0.0.1, under /scim/v2: records every request as it arrived
 * and answers what the test sets (`next`), or a default list; /oauth/token hands out tokens.
 */
class ScimStubApp {
  readonly requests: Received[] = [];
  next: ((req: Received) => Answer) | undefined;
  delayMs = 0;
  tokens = 0;
  private server!: Server;
  baseUrl = '';

  get scimBaseUrl(): string {
    return `${this.baseUrl}/scim/v2`;
  }

  /** Requests to the SCIM API (token requests left out). */
  get scim(): Received[] {
    return this.requests.filter((r) => r.path.startsWith('/scim/'));
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = req.url ?? '/';
        const received: Received = { method: req.method ?? 'GET', url, path: url.split('?')[0]!, headers: req.headers, body: Buffer.concat(chunks) };
        this.requests.push(received);
        let answer: Answer;
        if (received.path === '/oauth/token') {
          const form = new URLSearchParams(received.body.toString());
          this.tokens += 1;
          answer =
            form.get('client_secret') === CLIENT_SECRET
              ? { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: `tok-${this.tokens}`, token_type: 'bearer', expires_in: 3600 }) }
              : { status: 401, headers: { 'content-type': 'application/json' }, body: '{"error":"invalid_client"}' };
        } else {
          answer = this.next?.(received) ?? {
            status: 200,
            headers: { 'content-type': 'application/scim+json' },
            body: JSON.stringify({ schemas: [LIST_RESPONSE], totalResults: 0, Resources: [] }),
          };
        }
        setTimeout(() => {
          if (res.destroyed) return;
          res.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? '');
        }, this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  reset(): void {
    this.requests.length = 0;
    this.next = undefined;
    this.delayMs = 0;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('SCIM proxy connectors (/scim/v2/{connectorId}/… forwarded to the app)', () => {
  let t: TestApp;
  let app: ScimStubApp;
  let admin: Admin;
  let other: Admin;
  let settings: OutboundSettings;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    app = await new ScimStubApp().start();
    admin = await signUpAdmin(t);
    other = await signUpAdmin(t);
    settings = t.app.get(OutboundSettings);
  });
  beforeEach(() => app.reset());
  afterAll(async () => {
    await app.stop();
    await t.close();
  });

  type ProxyOptions = { auth?: Record<string, unknown> | null; secret?: string | null; enabled?: boolean; scimBaseUrl?: string; owner?: Admin };

  /** A scim_proxy connector to the stub app (plain http allowed), its secret set and a SCIM token issued. */
  async function proxy(opts: ProxyOptions = {}) {
    n += 1;
    const owner = opts.owner ?? admin;
    const created = await owner
      .post('/api/connectors')
      .send({
        name: `SCIM proxy ${n}`,
        type: 'scim_proxy',
        scimBaseUrl: opts.scimBaseUrl ?? app.scimBaseUrl,
        enabled: opts.enabled ?? true,
        auth: opts.auth === undefined ? { type: 'bearer' } : opts.auth,
        allowInsecureHttp: true,
      })
      .expect(201);
    const id = created.body.id as string;
    const secret = opts.secret === undefined ? APP_TOKEN : opts.secret;
    if (secret !== null) await owner.put(`/api/connectors/${id}/secret`).send({ api_token: secret }).expect(200);
    const issued = await owner.post(`/api/connectors/${id}/scim-token`).expect(201);
    return { id, token: issued.body.token as string, scim: scimClient(t, id, issued.body.token as string) };
  }

  describe('forwarding', () => {
    it('GET /Users goes to {scimBaseUrl}/Users with the query string as sent, and the answer comes back as it is', async () => {
      const { id, token, scim } = await proxy();
      const listed = JSON.stringify({ schemas: [LIST_RESPONSE], totalResults: 1, Resources: [{ schemas: [USER_SCHEMA], id: 'app-1', userName: 'ada@example.com' }], startIndex: 1, itemsPerPage: 1 });
      app.next = () => ({ status: 200, headers: { 'content-type': 'application/scim+json; charset=utf-8', etag: 'W/"7"', 'x-app-trace': 't-1' }, body: listed });

      const res = await scim.get('/Users?filter=userName%20eq%20%22ada%40example.com%22&startIndex=1&count=1').expect(200);

      expect(app.scim).toHaveLength(1);
      const [sent] = app.scim;
      expect(sent!.method).toBe('GET');
      expect(sent!.url).toBe('/scim/v2/Users?filter=userName%20eq%20%22ada%40example.com%22&startIndex=1&count=1');
      expect(sent!.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
      expect(JSON.stringify(sent!.headers)).not.toContain(token);
      expect(sent!.headers.accept).toMatch(/^application\/scim\+json/);
      expect(sent!.body.length).toBe(0);

      expect(res.text).toBe(listed);
      expect(res.headers['content-type']).toBe('application/scim+json; charset=utf-8');
      expect(res.headers.etag).toBe('W/"7"');
      expect(res.headers['x-app-trace']).toBe('t-1');
      expect((await scimCalls(admin, id)).map((c) => [c.operation, c.method, c.status, c.source, c.error])).toEqual([['proxy:GET /Users', 'GET', 200, 'scim', null]]);
    });

    it('POST /Users forwards the body byte for byte as application/scim+json and passes 201, Location and body back', async () => {
      const { id, token } = await proxy();
      const created = JSON.stringify({ schemas: [USER_SCHEMA], id: 'app-42', userName: 'grace@example.com', meta: { location: `${app.scimBaseUrl}/Users/app-42` } });
      app.next = () => ({ status: 201, headers: { 'content-type': 'application/scim+json', location: `${app.scimBaseUrl}/Users/app-42` }, body: created });
      // Spacing and key order the app must see as the IdP sent them.
      const raw = `{ "userName":"grace@example.com",\n  "schemas" : ["${USER_SCHEMA}"], "active": true, "emails":[{"value":"grace@example.com","primary":true}] }`;

      const ok = await request(t.http)
        .post(`/scim/v2/${id}/Users?attributes=userName`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/json')
        .send(raw)
        .expect(201);
      const [sent] = app.scim;
      expect(sent!.method).toBe('POST');
      expect(sent!.url).toBe('/scim/v2/Users?attributes=userName');
      expect(sent!.body.toString('utf8')).toBe(raw);
      expect(sent!.headers['content-type']).toBe(SCIM_JSON);
      expect(ok.text).toBe(created);
      expect(ok.headers.location).toBe(`${app.scimBaseUrl}/Users/app-42`);
      expect(ok.headers['content-type']).toBe('application/scim+json');
    });

    it('PUT, PATCH and DELETE go to the same path with their bodies; 204 comes back empty', async () => {
      const { scim, id } = await proxy();
      app.next = (req) =>
        req.method === 'DELETE'
          ? { status: 204 }
          : { status: 200, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: [USER_SCHEMA], id: 'u 1', userName: 'x', seen: req.method }) };

      const replaced = await scim.put('/Users/u%201', scimUser('x')).expect(200);
      expect(replaced.body).toMatchObject({ id: 'u 1', seen: 'PUT' });
      const patch = patchOp({ op: 'replace', path: 'active', value: false });
      await scim.patch('/Users/u%201', patch).expect(200);
      const deleted = await scim.delete('/Users/u%201').expect(204);
      expect(deleted.text).toBe('');
      expect(deleted.headers['content-type']).toBeUndefined();

      expect(app.scim.map((r) => [r.method, r.url])).toEqual([
        ['PUT', '/scim/v2/Users/u%201'],
        ['PATCH', '/scim/v2/Users/u%201'],
        ['DELETE', '/scim/v2/Users/u%201'],
      ]);
      expect(JSON.parse(app.scim[0]!.body.toString())).toEqual(scimUser('x'));
      expect(app.scim[1]!.body.toString()).toBe(JSON.stringify(patch));
      expect(app.scim[2]!.body.length).toBe(0);
      expect(app.scim[2]!.headers['content-type']).toBeUndefined();
      expect((await scimCalls(admin, id)).map((c) => c.operation)).toEqual(['proxy:PUT /Users/{id}', 'proxy:PATCH /Users/{id}', 'proxy:DELETE /Users/{id}']);
    });

    it("the app's errors come back unchanged (status, SCIM body) and are logged as errors", async () => {
      const { scim, id } = await proxy();
      const conflict = JSON.stringify({ schemas: [ERROR_SCHEMA], status: '409', scimType: 'uniqueness', detail: 'userName taken in the app' });
      app.next = () => ({ status: 409, headers: { 'content-type': 'application/scim+json' }, body: conflict });
      const res = await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Ops' }).expect(409);
      expect(res.text).toBe(conflict);
      const [call] = await scimCalls(admin, id);
      expect(call).toMatchObject({ operation: 'proxy:POST /Groups', status: 409, source: 'scim' });
      expect(call!.error).toMatch(/answered 409: userName taken in the app/);
      const connector = await admin.get(`/api/connectors/${id}`).expect(200);
      expect(connector.body.lastError).toMatch(/answered 409/);
    });

    it('discovery is the app\'s: ServiceProviderConfig, ResourceTypes and Schemas are forwarded', async () => {
      const { scim, id } = await proxy();
      app.next = (req) => ({ status: 200, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ from: 'app', path: req.path }) });
      expect((await scim.get('/ServiceProviderConfig').expect(200)).body).toEqual({ from: 'app', path: '/scim/v2/ServiceProviderConfig' });
      expect((await scim.get('/resourcetypes/User').expect(200)).body).toEqual({ from: 'app', path: '/scim/v2/resourcetypes/User' });
      expect((await scim.get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:User').expect(200)).body.path).toBe('/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User');
      // Endpoints Gatehouse itself does not serve go to the app too.
      expect((await scim.post('/Bulk', { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [] }).expect(200)).body.path).toBe('/scim/v2/Bulk');
      expect((await scimCalls(admin, id)).map((c) => c.operation)).toEqual([
        'proxy:GET /ServiceProviderConfig',
        'proxy:GET /ResourceTypes/{id}',
        'proxy:GET /Schemas/{id}',
        'proxy:POST /Bulk',
      ]);
    });

    it('a base URL with a trailing slash, and one at the host root, join without doubled slashes', async () => {
      const slash = await proxy({ scimBaseUrl: `${app.scimBaseUrl}/` });
      await slash.scim.get('/Groups?count=2').expect(200);
      const root = await proxy({ scimBaseUrl: app.baseUrl });
      await root.scim.get('/Users').expect(200);
      expect(app.scim.map((r) => r.url)).toEqual(['/scim/v2/Groups?count=2']);
      expect(app.requests.map((r) => r.url)).toEqual(['/scim/v2/Groups?count=2', '/Users']);
    });

    it('paths that would leave the base path are a SCIM 400 and are not forwarded', async () => {
      const { id, token } = await proxy();
      for (const path of ['/Users/..%2F..%2Fadmin', '/Users/%2e%2e/%2e%2e/admin', '/Users/a%5Cb']) {
        const res = await request(t.http).get(`/scim/v2/${id}${path}`).set('Authorization', `Bearer ${token}`).expect(400);
        expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidPath' });
      }
      expect(app.requests).toHaveLength(0);
    });

    it('a body that is not JSON is refused with 415 rather than forwarded under another type', async () => {
      const { id, token } = await proxy();
      const res = await request(t.http).post(`/scim/v2/${id}/Users`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/plain').send('userName=x').expect(415);
      expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '415' });
      expect(app.requests).toHaveLength(0);
    });
  });

  describe('outbound auth (what the app received)', () => {
    it('api_key_header sends the secret in the named header only', async () => {
      const { scim, token } = await proxy({ auth: { type: 'api_key_header', api_key_header_name: 'X-Api-Key' } });
      await scim.get('/Users').expect(200);
      const [sent] = app.scim;
      expect(sent!.headers['x-api-key']).toBe(APP_TOKEN);
      expect(sent!.headers.authorization).toBeUndefined();
      expect(JSON.stringify(sent!.headers)).not.toContain(token);
    });

    it('basic sends base64(username:secret)', async () => {
      const { scim } = await proxy({ auth: { type: 'basic', basic_username: 'scim-svc' } });
      await scim.get('/Groups').expect(200);
      expect(app.scim[0]!.headers.authorization).toBe(`Basic ${Buffer.from(`scim-svc:${APP_TOKEN}`).toString('base64')}`);
    });

    it('oauth2_client_credentials fetches a token once, reuses it, and refreshes it once on a 401', async () => {
      const auth = { type: 'oauth2_client_credentials', oauth_token_url: `${app.baseUrl}/oauth/token`, oauth_client_id: 'gatehouse' };
      const { scim, id } = await proxy({ auth, secret: CLIENT_SECRET });
      const before = app.tokens;
      await scim.get('/Users').expect(200);
      await scim.get('/Users').expect(200);
      expect(app.tokens - before).toBe(1);
      const first = app.scim[0]!.headers.authorization;
      expect(first).toMatch(/^Bearer tok-\d+$/);
      expect(app.scim[1]!.headers.authorization).toBe(first);

      let refused = false;
      app.next = () => {
        if (refused) return { status: 200, headers: { 'content-type': 'application/scim+json' }, body: '{"ok":true}' };
        refused = true;
        return { status: 401, headers: { 'content-type': 'application/scim+json' }, body: '{"detail":"token revoked"}' };
      };
      const res = await scim.get('/Users/abc').expect(200);
      expect(res.body).toEqual({ ok: true });
      const [revoked, retried] = app.scim.slice(-2);
      expect(retried!.headers.authorization).not.toBe(revoked!.headers.authorization);
      expect(app.tokens - before).toBe(2);
      const calls = await scimCalls(admin, id);
      expect(calls.filter((c) => c.operation === 'oauth_token')).toHaveLength(2);
      expect(JSON.stringify(calls)).not.toMatch(/tok-\d|proxy-oauth-client-secret/);
    });

    it('a token endpoint that refuses the client is a 502 SCIM error; the SCIM API is not called', async () => {
      const auth = { type: 'oauth2_client_credentials', oauth_token_url: `${app.baseUrl}/oauth/token`, oauth_client_id: 'wrong' };
      const { scim } = await proxy({ auth, secret: 'not-the-client-secret' });
      const res = await scim.get('/Users').expect(502);
      expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '502' });
      expect(res.body.detail).toMatch(/invalid_client/);
      expect(app.scim).toHaveLength(0);
    });

    it('a connector without its secret answers 500 naming what to fix', async () => {
      const { scim } = await proxy({ secret: null });
      const res = await scim.get('/Users').expect(500);
      expect(res.body.detail).toMatch(/no secret yet/);
      expect(app.requests).toHaveLength(0);
    });
  });

  describe('the IdP side', () => {
    it('no token, a wrong token, or another connector\'s token answer the same 401 and nothing is forwarded', async () => {
      const a = await proxy();
      const b = await proxy();
      const answers = [
        await request(t.http).get(`/scim/v2/${a.id}/Users`).expect(401),
        await request(t.http).get(`/scim/v2/${a.id}/Users`).set('Authorization', 'Bearer ghs_wrongwrongwrongwrongwrongwrongwrongwrongwro').expect(401),
        await request(t.http).get(`/scim/v2/${a.id}/Users`).set('Authorization', `Bearer ${b.token}`).expect(401),
        await request(t.http).get(`/scim/v2/${a.id}/ServiceProviderConfig`).expect(401),
      ];
      for (const res of answers) {
        expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '401' });
        expect(res.headers['www-authenticate']).toBe('Bearer realm="Gatehouse SCIM"');
      }
      // A rotated token stops working at once.
      await admin.post(`/api/connectors/${a.id}/scim-token`).expect(201);
      await a.scim.get('/Users').expect(401);
      expect(app.requests).toHaveLength(0);
    });

    it('a disabled proxy answers 503 (provisioning paused) without calling the app', async () => {
      const { scim } = await proxy({ enabled: false });
      const res = await scim.get('/Users').expect(503);
      expect(res.body.detail).toMatch(/disabled/);
      expect(app.requests).toHaveLength(0);
    });

    it('an app that is down is a 503 SCIM error, and so is one that does not answer in time', async () => {
      const { scim, id } = await proxy();
      const down = await proxy({ scimBaseUrl: 'http://127.0.0.1:9/scim/v2' });
      const unreachable = await down.scim.get('/Users').expect(503);
      expect(unreachable.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(unreachable.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '503' });
      expect(unreachable.body.detail).toMatch(/Could not reach http:\/\/127\.0\.0\.1:9/);
      const [downCall] = await scimCalls(admin, down.id);
      expect(downCall).toMatchObject({ operation: 'proxy:GET /Users', status: null });
      expect(downCall!.error).toMatch(/Could not reach/);

      const timeout = settings.timeoutMs;
      settings.timeoutMs = 300;
      app.delayMs = 1000;
      try {
        const slow = await scim.post('/Users', scimUser('slow')).expect(503);
        expect(slow.body.detail).toMatch(/did not answer within 0\.3 s/);
      } finally {
        settings.timeoutMs = timeout;
      }
      expect((await scimCalls(admin, id)).map((c) => [c.operation, c.status])).toEqual([['proxy:POST /Users', null]]);
    });
  });

  describe('saving a proxy (POST/PATCH /api/connectors)', () => {
    const base = { name: 'Validation proxy', type: 'scim_proxy', allowInsecureHttp: true };
    const problem = async (body: Record<string, unknown>, path = 'scimBaseUrl') => {
      const res = await admin.post('/api/connectors').send(body).expect(400);
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
      return res.body.message as string;
    };

    it('needs an absolute http(s) scimBaseUrl without query, and plain http only with allowInsecureHttp', async () => {
      expect(await problem({ ...base })).toMatch(/scimBaseUrl is required/);
      expect(await problem({ ...base, scimBaseUrl: 'app.example.com/scim' })).toMatch(/absolute URL/);
      expect(await problem({ ...base, scimBaseUrl: 'ftp://app.example.com/scim' })).toMatch(/https:\/\//);
      expect(await problem({ ...base, scimBaseUrl: 'https://app.example.com/scim?tenant=1' })).toMatch(/query string/);
      expect(await problem({ ...base, allowInsecureHttp: false, scimBaseUrl: 'http://app.example.com/scim' })).toMatch(/HTTPS is required/);
      expect(await problem({ name: 'custom', scimBaseUrl: 'https://app.example.com/scim' })).toMatch(/only used by scim_proxy/);
      expect(await problem({ ...base, scimBaseUrl: 'https://app.example.com/scim', capabilities: { create_user: true } }, 'capabilities')).toMatch(/not used by a SCIM proxy/);
      expect(await problem({ ...base, scimBaseUrl: 'https://app.example.com/scim', enabled: true }, 'auth')).toMatch(/cannot be enabled/);
    });

    it('saves a valid proxy, and checks the URL again on every change', async () => {
      const created = await admin
        .post('/api/connectors')
        .send({ name: 'Good proxy', type: 'scim_proxy', scimBaseUrl: 'https://app.example.com/scim/v2', auth: { type: 'bearer' }, enabled: true })
        .expect(201);
      expect(created.body).toMatchObject({ type: 'scim_proxy', scimBaseUrl: 'https://app.example.com/scim/v2', enabled: true, capabilities: {}, mappings: {} });
      const id = created.body.id as string;
      await admin.patch(`/api/connectors/${id}`).send({ scimBaseUrl: 'http://app.example.com/scim/v2' }).expect(400);
      const moved = await admin.patch(`/api/connectors/${id}`).send({ scimBaseUrl: 'https://scim.example.com/v2' }).expect(200);
      expect(moved.body.scimBaseUrl).toBe('https://scim.example.com/v2');
      await admin.patch(`/api/connectors/${id}`).send({ scimBaseUrl: null }).expect(400);
      const copy = await admin.post(`/api/connectors/${id}/copy`).send({ name: 'Good proxy copy' }).expect(201);
      expect(copy.body).toMatchObject({ type: 'scim_proxy', scimBaseUrl: 'https://scim.example.com/v2', enabled: false });
    });

    it("another company's proxy is a 404 on every admin route", async () => {
      const { id } = await proxy({ owner: other });
      await admin.get(`/api/connectors/${id}`).expect(404);
      await admin.patch(`/api/connectors/${id}`).send({ scimBaseUrl: 'https://evil.example.com/scim' }).expect(404);
      await admin.put(`/api/connectors/${id}/secret`).send({ api_token: 'x' }).expect(404);
      await admin.post(`/api/connectors/${id}/scim-token`).expect(404);
      await admin.get(`/api/connectors/${id}/scim-token`).expect(404);
      await admin.get(`/api/connectors/${id}/calls`).expect(404);
      await admin.get(`/api/connectors/${id}/scim-users`).expect(404);
      await admin.delete(`/api/connectors/${id}`).expect(404);
      expect((await other.get(`/api/connectors/${id}`).expect(200)).body.scimBaseUrl).toBe(app.scimBaseUrl);
    });
  });
});
