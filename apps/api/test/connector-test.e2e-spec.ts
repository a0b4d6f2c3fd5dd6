import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ConnectorExecutor } from '../src/modules/http-connector/connector-executor.service.js';
import { DownstreamUnavailableError } from '../src/modules/http-connector/http-connector.errors.js';
import { HttpConnectorService } from '../src/modules/http-connector/http-connector.service.js';
import { OutboundSettings } from '../src/modules/http-connector/outbound-settings.js';
import { DownstreamStub, json, xml } from './support/downstream-stub.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

const SECRET = 'conn-secret-4f3e2d1c0b9a8877';
const CLIENT_SECRET = 'oauth-client-secret-5a6b7c8d9e';

describe('POST /api/connectors/:id/test (live calls through the executor)', () => {
  let t: TestApp;
  let admin: Admin;
  let stub: DownstreamStub;
  let settings: OutboundSettings;
  let realSleep: OutboundSettings['sleep'];
  const sleeps: number[] = [];
  let n = 0;

  const userFields = { id: 'user.id', email: 'user.email' };
  const getUser = (path: string, extra: Record<string, unknown> = {}) => ({
    http_method: 'GET',
    url_template: `${stub.baseUrl}${path}`,
    success_status: [200],
    response_fields: userFields,
    ...extra,
  });

  /** Creates a disabled connector (tests run on unfinished instances too) and sets its secret. */
  async function connector(body: Record<string, unknown>, secret: string | null = SECRET): Promise<string> {
    n += 1;
    const res = await admin.post('/api/connectors').send({ name: `Test connector ${n}`, allowInsecureHttp: true, auth: { type: 'bearer' }, ...body }).expect(201);
    if (secret) await admin.put(`/api/connectors/${res.body.id}/secret`).send({ api_token: secret }).expect(200);
    return res.body.id;
  }

  const runTest = (id: string, body: Record<string, unknown>) => admin.post(`/api/connectors/${id}/test`).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signUpAdmin(t);
    settings = t.app.get(OutboundSettings);
    realSleep = settings.sleep;
    stub = await new DownstreamStub().start();
    stub
      .route('GET /v1/users/detail', (req, res) => json(res, 200, { user: { id: '1938', email: req.query.get('email') } }))
      .route('GET /v1/echo', (req, res) => json(res, 200, { user: { id: '1' }, seen: req.headers.authorization ?? req.headers['x-api-key'] }))
      .route('POST /v1/users', (req, res) => json(res, 201, { id: 'u-77', email: JSON.parse(req.body).email }))
      .route('GET /v1/groups/xml', (_req, res) => xml(res, 200, '<group><id>42</id><name>Engineering</name></group>'))
      .route('GET /v1/missing', (_req, res) => json(res, 404, { error: { message: 'User not found' } }))
      .route('GET /flaky', (req, res, s) => {
        const k = s.count(`flaky:${req.query.get('key')}`);
        if (k === 1) return json(res, 429, { error: 'slow down' }, { 'Retry-After': req.query.get('retryAfter') ?? '1' });
        if (k === 2) return json(res, 503, { error: 'busy' });
        return json(res, 200, { user: { id: 'after-retries' } });
      })
      .route('GET /always-503', (_req, res) => json(res, 503, { error: 'down' }))
      .route('POST /always-503', (_req, res) => json(res, 503, { error: 'down' }))
      .route('GET /slow', (_req, res) => void setTimeout(() => json(res, 200, { user: { id: 'late' } }), 1500))
      .route('GET /big', (_req, res) => json(res, 200, { user: { id: '1' }, blob: 'x'.repeat(2 * 1024 * 1024) }))
      .route('GET /redirect-away', (_req, res) => void res.writeHead(302, { location: `${stub.baseUrl.replace('127.0.0.1', 'localhost')}/v1/users/detail` }).end())
      .route('GET /redirect-same', (_req, res) => void res.writeHead(302, { location: '/v1/users/detail?email=moved%40example.com' }).end())
      .route('POST /oauth/token', (req, res, s) => {
        const form = new URLSearchParams(req.body);
        const k = s.count(`token:${form.get('client_id')}`);
        if (form.get('client_secret') !== CLIENT_SECRET) return json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
        return json(res, 200, { access_token: `tok-${form.get('client_id')}-${k}`, token_type: 'bearer', expires_in: 3600, scope: form.get('scope') ?? undefined });
      })
      .route('GET /oauth/resource', (req, res) =>
        /^Bearer tok-/.test(req.headers.authorization ?? '') ? json(res, 200, { user: { id: 'oauth-user' } }) : json(res, 401, { error: 'no token' }),
      )
      .route('GET /oauth/401-once', (req, res, s) => (s.count(`401:${req.query.get('key')}`) === 1 ? json(res, 401, { error: 'token revoked' }) : json(res, 200, { user: { id: 'refreshed' } })));
  });
  beforeEach(() => {
    sleeps.length = 0;
    settings.sleep = async (ms) => {
      sleeps.push(ms);
    };
  });
  afterAll(async () => {
    settings.sleep = realSleep;
    await stub.stop();
    await t.close();
  });

  describe('auth types (headers the downstream app received)', () => {
    it('bearer sends Authorization: Bearer <secret> and reports it masked', async () => {
      const id = await connector({ mappings: { get_user: getUser('/v1/users/detail', { query_params: { email: '{scim_user_email}' } }) } });
      const res = await runTest(id, { operation: 'get_user' }).expect(200);
      expect(res.body).toMatchObject({ mode: 'request', ok: true, operation: 'get_user', status: 200, attempts: 1, resolved: { id: '1938', email: 'jane.doe@example.com' } });
      expect(res.body.request.headers.Authorization).toBe('Bearer ••••••');
      expect(res.body.request.url).toBe(`${stub.baseUrl}/v1/users/detail?email=jane.doe%40example.com`);
      expect(typeof res.body.durationMs).toBe('number');
      const [received] = stub.received('/v1/users/detail').slice(-1);
      expect(received!.headers.authorization).toBe(`Bearer ${SECRET}`);
      expect(received!.headers['user-agent']).toBe('Gatehouse-Connector/1.0');
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    });

    it('api_key_header sends the secret in the named header only', async () => {
      const id = await connector({ auth: { type: 'api_key_header', api_key_header_name: 'X-API-Key' }, mappings: { get_user: getUser('/v1/echo') } });
      const res = await runTest(id, { operation: 'get_user' }).expect(200);
      expect(res.body.ok).toBe(true);
      expect(res.body.request.headers['X-API-Key']).toBe('••••••');
      const [received] = stub.received('/v1/echo').slice(-1);
      expect(received!.headers['x-api-key']).toBe(SECRET);
      expect(received!.headers.authorization).toBeUndefined();
      // The downstream app echoed the secret back: the reported body masks it.
      expect(res.body.body).toContain('"seen":"••••••"');
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    });

    it('basic sends base64(username:secret)', async () => {
      const id = await connector({ auth: { type: 'basic', basic_username: 'svc-user' }, mappings: { get_user: getUser('/v1/echo') } });
      const res = await runTest(id, { operation: 'get_user' }).expect(200);
      expect(res.body.request.headers.Authorization).toBe('Basic ••••••');
      const [received] = stub.received('/v1/echo').slice(-1);
      expect(received!.headers.authorization).toBe(`Basic ${Buffer.from(`svc-user:${SECRET}`).toString('base64')}`);
      expect(res.body.body).not.toContain(Buffer.from(`svc-user:${SECRET}`).toString('base64'));
    });

    it('a mapping header cannot replace the credential header', async () => {
      const id = await connector({ mappings: { get_user: getUser('/v1/echo', { headers: { authorization: 'Bearer forged' } }) } });
      await runTest(id, { operation: 'get_user' }).expect(200);
      const [received] = stub.received('/v1/echo').slice(-1);
      expect(received!.headers.authorization).toBe(`Bearer ${SECRET}`);
    });
  });

  describe('OAuth 2.0 client credentials', () => {
    const oauth = (clientId: string, extra: Record<string, unknown> = {}) => ({
      type: 'oauth2_client_credentials',
      oauth_token_url: `${stub.baseUrl}/oauth/token`,
      oauth_client_id: clientId,
      oauth_scope: 'users.write groups.read',
      oauth_audience: 'https://api.example.com',
      ...extra,
    });

    it('posts client_secret_post form fields and uses one token for two requests', async () => {
      const id = await connector({ auth: oauth('cache-client'), mappings: { get_user: getUser('/oauth/resource') } }, CLIENT_SECRET);
      const first = await runTest(id, { operation: 'get_user' }).expect(200);
      const second = await runTest(id, { operation: 'get_user' }).expect(200);
      expect(first.body).toMatchObject({ ok: true, resolved: { id: 'oauth-user' } });
      expect(second.body.ok).toBe(true);
      expect(stub.counters.get('token:cache-client')).toBe(1);

      const tokenRequest = stub.received('/oauth/token').find((r) => new URLSearchParams(r.body).get('client_id') === 'cache-client')!;
      expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(Object.fromEntries(new URLSearchParams(tokenRequest.body))).toEqual({
        grant_type: 'client_credentials',
        client_id: 'cache-client',
        client_secret: CLIENT_SECRET,
        scope: 'users.write groups.read',
        audience: 'https://api.example.com',
      });
      const resourceCalls = stub.received('/oauth/resource').slice(-2);
      expect(resourceCalls.map((r) => r.headers.authorization)).toEqual(['Bearer tok-cache-client-1', 'Bearer tok-cache-client-1']);
      expect(first.body.request.headers.Authorization).toBe('Bearer ••••••');
      expect(JSON.stringify([first.body, second.body])).not.toMatch(/tok-cache-client|oauth-client-secret/);
    });

    it('fetches a new token once when the resource answers 401, then succeeds', async () => {
      const id = await connector({ auth: oauth('refresh-client'), mappings: { get_user: getUser('/oauth/401-once?key=r1') } }, CLIENT_SECRET);
      const res = await runTest(id, { operation: 'get_user' }).expect(200);
      expect(res.body).toMatchObject({ ok: true, status: 200, resolved: { id: 'refreshed' }, attempts: 2 });
      expect(stub.counters.get('token:refresh-client')).toBe(2);
      const calls = stub.received('/oauth/401-once').slice(-2);
      expect(calls.map((r) => r.headers.authorization)).toEqual(['Bearer tok-refresh-client-1', 'Bearer tok-refresh-client-2']);
    });

    it('mode oauth_token only fetches a token and reports it without the token', async () => {
      const id = await connector({ auth: oauth('token-only') }, CLIENT_SECRET);
      const res = await runTest(id, { mode: 'oauth_token' }).expect(200);
      expect(res.body).toMatchObject({ mode: 'oauth_token', ok: true, tokenType: 'Bearer', expiresIn: 3600, scope: 'users.write groups.read' });
      expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now() + 3500_000);
      expect(JSON.stringify(res.body)).not.toMatch(/tok-token-only|access_token|oauth-client-secret/);
      expect(stub.counters.get('token:token-only')).toBe(1);
    });

    it('reports a refused client with the endpoint\'s error, without the secret', async () => {
      const id = await connector({ auth: oauth('wrong-secret-client'), mappings: { get_user: getUser('/oauth/resource') } }, 'not-the-client-secret');
      const token = await runTest(id, { mode: 'oauth_token' }).expect(200);
      expect(token.body).toMatchObject({ mode: 'oauth_token', ok: false, error: { kind: 'oauth', message: 'The OAuth token endpoint answered 401: invalid_client: Client authentication failed' } });
      const call = await runTest(id, { operation: 'get_user' }).expect(200);
      expect(call.body).toMatchObject({ ok: false, error: { kind: 'oauth' } });
      expect(JSON.stringify([token.body, call.body])).not.toContain('not-the-client-secret');
    });

    it('mode oauth_token needs an OAuth connector', async () => {
      const id = await connector({});
      const res = await runTest(id, { mode: 'oauth_token' }).expect(400);
      expect(res.body.details[0].path).toBe('auth.type');
    });
  });

  describe('retries, timeouts and limits', () => {
    it('retries GET on 429 and 503, honouring Retry-After, then succeeds', async () => {
      const id = await connector({ mappings: { get_user: getUser('/flaky?key=get1') } });
      const res = await runTest(id, { operation: 'get_user' }).expect(200);
      expect(res.body).toMatchObject({ ok: true, status: 200, attempts: 3, resolved: { id: 'after-retries' } });
      expect(stub.counters.get('flaky:get1')).toBe(3);
      // Retry-After: 1 → 1000 ms; then exponential backoff for the 503.
      expect(sleeps).toEqual([1000, 500]);
    });

    it('really waits for Retry-After', async () => {
      settings.sleep = realSleep;
      const id = await connector({ mappings: { get_user: getUser('/flaky?key=real&retryAfter=1') } });
      const started = Date.now();
      const res = await runTest(id, { operation: 'get_user' }).expect(200);
      expect(res.body.ok).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    });

    it('does not wait for a Retry-After longer than the budget', async () => {
      const id = await connector({ mappings: { get_user: getUser('/flaky?key=long&retryAfter=120') } });
      const res = await runTest(id, { operation: 'get_user' }).expect(200);
      expect(res.body).toMatchObject({ ok: false, status: 429, attempts: 1, error: { kind: 'unavailable', retryable: true } });
      expect(res.body.error.message).toMatch(/asked to retry after 120 s/);
      expect(sleeps).toEqual([]);
    });

    it('gives up after 3 attempts', async () => {
      const id = await connector({ mappings: { get_user: getUser('/always-503') } });
      const before = stub.received('/always-503').length;
      const res = await runTest(id, { operation: 'get_user' }).expect(200);
      expect(res.body).toMatchObject({ ok: false, status: 503, attempts: 3, error: { kind: 'unavailable', retryable: true } });
      expect(res.body.error.message).toMatch(/gave up after 3 attempts/);
      expect(stub.received('/always-503').length - before).toBe(3);
    });

    it('never retries POST', async () => {
      const id = await connector({
        mappings: { create_user: { http_method: 'POST', url_template: `${stub.baseUrl}/always-503`, body_kind: 'json', body_template: '{"email":"{scim_user_email}"}', response_fields: { id: 'id' } } },
      });
      const before = stub.received('/always-503').length;
      const res = await runTest(id, { operation: 'create_user', acknowledgeSideEffects: true }).expect(200);
      expect(res.body).toMatchObject({ ok: false, status: 503, attempts: 1, error: { kind: 'unavailable' } });
      expect(stub.received('/always-503').length - before).toBe(1);
      expect(sleeps).toEqual([]);
    });

    it('times out a slow answer', async () => {
      settings.timeoutMs = 300;
      try {
        const id = await connector({ mappings: { get_user: getUser('/slow') } });
        const res = await runTest(id, { operation: 'get_user' }).expect(200);
        expect(res.body).toMatchObject({ ok: false, status: null, error: { kind: 'timeout', retryable: true } });
        expect(res.body.error.message).toMatch(/did not answer within 0.3 s/);
        expect(res.body.durationMs).toBeLessThan(1500);
      } finally {
        settings.timeoutMs = 10_000;
      }
    });

    it('refuses an answer larger than the cap', async () => {
      const id = await connector({ mappings: { get_user: getUser('/big') } });
      const res = await runTest(id, { operation: 'get_user' }).expect(200);
      expect(res.body).toMatchObject({ ok: false, error: { kind: 'too_large' } });
      expect(res.body.error.message).toMatch(/larger than 1024 kB/);
    });

    it('follows a redirect on the same host but not to another host', async () => {
      const same = await connector({ mappings: { get_user: getUser('/redirect-same') } });
      const ok = await runTest(same, { operation: 'get_user' }).expect(200);
      expect(ok.body).toMatchObject({ ok: true, resolved: { id: '1938', email: 'moved@example.com' } });

      const away = await connector({ mappings: { get_user: getUser('/redirect-away') } });
      const before = stub.received('/v1/users/detail').length;
      const refused = await runTest(away, { operation: 'get_user' }).expect(200);
      expect(refused.body).toMatchObject({ ok: false, error: { kind: 'refused' } });
      expect(refused.body.error.message).toMatch(/redirect .* to http:\/\/localhost/);
      expect(stub.received('/v1/users/detail').length).toBe(before);
    });

    it('requires https unless the instance allows insecure http', async () => {
      const id = await connector({ allowInsecureHttp: false, mappings: { get_user: getUser('/v1/users/detail') } });
      const before = stub.requests.length;
      const res = await runTest(id, { operation: 'get_user' }).expect(200);
      expect(res.body).toMatchObject({ ok: false, status: null, error: { kind: 'refused', retryable: false } });
      expect(res.body.error.message).toMatch(/HTTPS is required/);
      expect(stub.requests.length).toBe(before);
    });
  });

  describe('answers and side effects', () => {
    it('refuses POST, PUT, PATCH and DELETE without acknowledgeSideEffects, sending nothing', async () => {
      const id = await connector({
        mappings: {
          create_user: { http_method: 'POST', url_template: `${stub.baseUrl}/v1/users`, body_kind: 'json', body_template: '{"email":"{scim_user_email}"}', success_status: [201], response_fields: { id: 'id', email: 'email' } },
          update_user: { http_method: 'PATCH', url_template: `${stub.baseUrl}/v1/users/{integration_user_id}`, response_fields: { id: 'id' } },
          update_group_members: { http_method: 'PUT', url_template: `${stub.baseUrl}/v1/groups/{group_id}/members`, body_kind: 'json', body_template: '{"ids":{member_ids_json}}' },
          delete_user: { http_method: 'DELETE', url_template: `${stub.baseUrl}/v1/users/{integration_user_id}` },
        },
      });
      const before = stub.requests.length;
      for (const [operation, method] of [['create_user', 'POST'], ['update_user', 'PATCH'], ['update_group_members', 'PUT'], ['delete_user', 'DELETE']]) {
        const res = await runTest(id, { operation }).expect(400);
        expect(res.body.message).toBe(
          `This test sends a ${method} request, which can create, change or delete real data in the downstream app. Send acknowledgeSideEffects: true to run it anyway.`,
        );
        expect(res.body.details).toEqual([{ path: 'acknowledgeSideEffects', message: `must be true to run a ${method} test` }]);
      }
      expect(stub.requests.length).toBe(before);

      const res = await runTest(id, { operation: 'create_user', acknowledgeSideEffects: true, context: { scim_user: { emails: [{ value: 'new@example.com', primary: true }] } } }).expect(200);
      expect(res.body).toMatchObject({ ok: true, status: 201, resolved: { id: 'u-77', email: 'new@example.com' } });
      expect(res.body.request).toMatchObject({ method: 'POST', body: '{"email":"new@example.com"}' });
      const [received] = stub.received('/v1/users').slice(-1);
      expect(received!.body).toBe('{"email":"new@example.com"}');
      expect(received!.headers['content-type']).toBe('application/json');
    });

    it('reads XML answers', async () => {
      const id = await connector({ mappings: { get_group: { http_method: 'GET', url_template: `${stub.baseUrl}/v1/groups/xml`, response_fields: { id: 'group/id', name: 'group/name' } } } });
      const res = await runTest(id, { operation: 'get_group' }).expect(200);
      expect(res.body).toMatchObject({ ok: true, resolved: { id: '42', name: 'Engineering' }, body: '<group><id>42</id><name>Engineering</name></group>', bodyTruncated: false });
    });

    it('reports a downstream 4xx with the message at error_message_path', async () => {
      const id = await connector({ mappings: { get_user: getUser('/v1/missing', { error_message_path: 'error.message' }) } });
      const res = await runTest(id, { operation: 'get_user' }).expect(200);
      expect(res.body).toMatchObject({ ok: false, status: 404, error: { kind: 'rejected', retryable: false } });
      expect(res.body.error.message).toBe(`GET ${stub.baseUrl}/v1/missing answered 404: User not found`);
      expect(JSON.parse(res.body.body)).toEqual({ error: { message: 'User not found' } });
    });

    it('reports a success answer that response_fields cannot read', async () => {
      const id = await connector({ mappings: { get_user: getUser('/v1/groups/xml') } });
      const res = await runTest(id, { operation: 'get_user' }).expect(200);
      expect(res.body).toMatchObject({ ok: false, status: 200, error: { kind: 'unreadable', path: 'mappings.get_user.response_fields.id' } });
    });

    it('needs a secret before calling', async () => {
      const id = await connector({ mappings: { get_user: getUser('/v1/users/detail') } }, null);
      const res = await runTest(id, { operation: 'get_user' }).expect(400);
      expect(res.body.details).toEqual([{ path: 'api_token', message: 'not set' }]);
    });
  });

  describe('GET /api/connectors/:id/calls', () => {
    it('lists every outbound call newest first, with masked URLs, and filters by operation and status', async () => {
      const id = await connector({
        auth: { type: 'oauth2_client_credentials', oauth_token_url: `${stub.baseUrl}/oauth/token?client_assertion=abc`, oauth_client_id: 'log-client' },
        mappings: {
          get_user: getUser('/v1/users/detail', { query_params: { email: '{scim_user_email}', api_key: 'static-key-123' } }),
          get_group: { http_method: 'GET', url_template: `${stub.baseUrl}/v1/missing`, response_fields: { id: 'id', name: 'name' } },
        },
      }, CLIENT_SECRET);
      const configured = (await admin.get(`/api/connectors/${id}`).expect(200)).body;
      await runTest(id, { operation: 'get_user' }).expect(200);
      await runTest(id, { operation: 'get_group' }).expect(200);

      const all = await admin.get(`/api/connectors/${id}/calls`).expect(200);
      expect(all.body.items.map((c: { operation: string }) => c.operation)).toEqual(['get_group', 'get_user', 'oauth_token']);
      const [group, user, token] = all.body.items;
      expect(group).toMatchObject({ method: 'GET', status: 404, source: 'test', attempts: 1, url: `${stub.baseUrl}/v1/missing` });
      expect(group.error).toMatch(/answered 404/);
      expect(user).toMatchObject({ status: 200, error: null, url: `${stub.baseUrl}/v1/users/detail?email=jane.doe%40example.com&api_key=••••••` });
      expect(token).toMatchObject({ method: 'POST', status: 200, url: `${stub.baseUrl}/oauth/token?client_assertion=••••••` });
      expect(typeof user.durationMs).toBe('number');
      expect(JSON.stringify(all.body)).not.toMatch(/static-key-123|tok-log-client|oauth-client-secret/);

      const errors = await admin.get(`/api/connectors/${id}/calls?status=error`).expect(200);
      expect(errors.body.items.map((c: { operation: string }) => c.operation)).toEqual(['get_group']);
      const byStatus = await admin.get(`/api/connectors/${id}/calls?status=200&operation=get_user`).expect(200);
      expect(byStatus.body.items).toHaveLength(1);
      const classes = await admin.get(`/api/connectors/${id}/calls?status=4xx`).expect(200);
      expect(classes.body.items.map((c: { status: number }) => c.status)).toEqual([404]);
      const limited = await admin.get(`/api/connectors/${id}/calls?limit=1`).expect(200);
      expect(limited.body.items.map((c: { operation: string }) => c.operation)).toEqual(['get_group']);
      await admin.get(`/api/connectors/${id}/calls?limit=0`).expect(400);
      await admin.get(`/api/connectors/${id}/calls?status=bad`).expect(400);

      const after = (await admin.get(`/api/connectors/${id}`).expect(200)).body;
      expect(after.lastCallAt).not.toBeNull();
      expect(after.lastError).toMatch(/answered 404/);
      // Calls are not configuration changes.
      expect(after.updatedAt).toBe(configured.updatedAt);
    });

    it('keeps the newest 1000 calls per connector, trimming the older ones every 100 calls, each call recorded with its connector update in one go', async () => {
      const id = await connector({ mappings: { get_user: getUser('/v1/users/detail') } });
      const other = await connector({ mappings: { get_user: getUser('/v1/users/detail') } });
      await runTest(other, { operation: 'get_user' }).expect(200);
      await t.dataSource.query(
        `INSERT INTO connector_calls (company_id, connector_id, operation, method, url, status, duration_ms, attempts, error, source, created_at)
         SELECT company_id, id, 'old_call', 'GET', 'https://old.example.com/' || g, 200, 1, 1, NULL, 'test', now() - make_interval(secs => g)
           FROM connectors, generate_series(1, 1000) g WHERE id = $1`,
        [id],
      );
      // 98 calls were recorded since the last trim: the 99th is only added, the 100th trims.
      await t.dataSource.query('UPDATE connectors SET calls_since_trim = 98 WHERE id = $1', [id]);
      const counts = async (cid: string) => Number((await t.dataSource.query('SELECT count(*) AS n FROM connector_calls WHERE connector_id = $1', [cid]))[0].n);
      const oldUrls = async () =>
        ((await t.dataSource.query(`SELECT url FROM connector_calls WHERE connector_id = $1 AND operation = 'old_call'`, [id])) as Array<{ url: string }>).map((r) => r.url);

      await runTest(id, { operation: 'get_user' }).expect(200);
      expect(await counts(id)).toBe(1001);
      await runTest(id, { operation: 'get_user' }).expect(200);
      expect(await counts(id)).toBe(1000);
      expect(await counts(other)).toBe(1);
      const newest = await admin.get(`/api/connectors/${id}/calls?limit=2`).expect(200);
      expect(newest.body.items).toHaveLength(2);
      for (const item of newest.body.items) expect(item).toMatchObject({ operation: 'get_user', status: 200, error: null });
      // The two oldest seeded calls went (g = 1000 is the oldest).
      const urls = await oldUrls();
      expect(urls).toHaveLength(998);
      expect(urls).not.toContain('https://old.example.com/1000');
      expect(urls).not.toContain('https://old.example.com/999');
      expect(urls).toContain('https://old.example.com/998');
      const after = (await admin.get(`/api/connectors/${id}`).expect(200)).body;
      expect(after.lastCallAt).not.toBeNull();
      expect(after.lastError).toBeNull();
      // The counter started over: the next 99 calls are added without a trim.
      expect((await t.dataSource.query('SELECT calls_since_trim AS n FROM connectors WHERE id = $1', [id]))[0].n).toBe(0);
    });

    it('records refused calls and leaves preview out (it sends nothing)', async () => {
      const id = await connector({ allowInsecureHttp: false, mappings: { get_user: getUser('/v1/users/detail') } });
      await admin.post(`/api/connectors/${id}/preview`).send({ operation: 'get_user' }).expect(200);
      await runTest(id, { operation: 'get_user' }).expect(200);
      const calls = await admin.get(`/api/connectors/${id}/calls`).expect(200);
      expect(calls.body.items).toHaveLength(1);
      expect(calls.body.items[0]).toMatchObject({ operation: 'get_user', status: null, source: 'test', error: expect.stringMatching(/HTTPS is required/) });
    });
  });

  describe('ConnectorExecutor.execute (used by SCIM provisioning)', () => {
    it('runs inside a caller\'s transaction, recording the call through its EntityManager', async () => {
      const id = await connector({ mappings: { get_user: getUser('/v1/users/detail', { query_params: { email: '{scim_user_email}' } }) } });
      const executor = t.app.get(ConnectorExecutor);
      const connectors = t.app.get(HttpConnectorService);
      const companyId = admin.me.company.id;
      const result = await t.dataSource.transaction(async (em) => {
        const row = await connectors.getEntity(companyId, id, em);
        return executor.execute(companyId, row, 'get_user', { scim_user: { userName: 'x', emails: [{ value: 'scim@example.com' }] } }, { source: 'scim', em });
      });
      expect(result).toMatchObject({ operation: 'get_user', status: 200, resolved: { id: '1938', email: 'scim@example.com' }, attempts: 1 });
      expect(result.request.headers.Authorization).toBe('Bearer ••••••');
      const calls = await admin.get(`/api/connectors/${id}/calls`).expect(200);
      expect(calls.body.items).toEqual([expect.objectContaining({ operation: 'get_user', source: 'scim', status: 200 })]);
    });

    it('throws typed, retryable errors for 5xx answers', async () => {
      const id = await connector({ mappings: { get_user: getUser('/always-503') } });
      const row = await t.app.get(HttpConnectorService).getEntity(admin.me.company.id, id);
      const error = await t.app
        .get(ConnectorExecutor)
        .execute(admin.me.company.id, row, 'get_user', {}, { source: 'scim' })
        .then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(DownstreamUnavailableError);
      expect(error).toMatchObject({ kind: 'unavailable', retryable: true, status: 503, attempts: 3 });
    });
  });

  it('never writes a secret or token to the log', () => {
    expect(t.logs.text).not.toContain(SECRET);
    expect(t.logs.text).not.toContain(CLIENT_SECRET);
    expect(t.logs.text).not.toMatch(/tok-[a-z-]+-\d/);
  });
});
