import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { OutboundSettings } from '../src/modules/http-connector/outbound-settings.js';
import { DownstreamStub, json } from './support/downstream-stub.js';
import { FakeDirectoryApp } from './support/scim-fake-app.js';
import { createScimConnector, scimClient, scimUser, GROUP_SCHEMA } from './support/scim.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

const MASK = '••••••';
const API_KEY = 'tenant-api-key-9a8b7c6d5e';
const CLIENT_SECRET = 'oauth-client-secret-1f2e3d4c';
// Values that must never show in the call log, whatever carried them.
const NEVER_SHOWN = [API_KEY, CLIENT_SECRET, 'static-pass-123', 'query-secret-1', 'downstream-pw', 'sess-abc', 'cookie-value-xyz', 'req-cookie-1', 'tok-issued-1', 'refresh-1'];

type Call = { id: string; operation: string; status: number | null; error: string | null; hasDetail: boolean; scimUserId: string | null; scimGroupId: string | null };

describe('GET /api/connectors/:id/calls and /calls/:callId (the call log)', () => {
  let t: TestApp;
  let admin: Admin;
  let other: Admin;
  let stub: DownstreamStub;
  let app: FakeDirectoryApp;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signUpAdmin(t);
    other = await signUpAdmin(t);
    t.app.get(OutboundSettings).sleep = async () => {};
    stub = await new DownstreamStub().start();
    app = await new FakeDirectoryApp().start();
    stub
      // An app that echoes what it was sent, answers with secret-looking fields and sets a cookie.
      .route('POST /v1/users', (req, res) =>
        json(res, 201, { id: 'u-1', seenKey: req.headers['x-tenant-key'], password: 'downstream-pw', session_token: 'sess-abc', echo: req.body }, { 'Set-Cookie': 'sid=cookie-value-xyz; HttpOnly', 'X-Request-Id': 'req-42' }),
      )
      .route('POST /oauth/token', (_req, res) => json(res, 200, { access_token: 'tok-issued-1', refresh_token: 'refresh-1', token_type: 'Bearer', expires_in: 3600 }))
      .route('GET /v1/me', (req, res) => json(res, 200, { user: { id: 'me' }, saw: req.headers.authorization }))
      .route('GET /v1/big', (_req, res) => json(res, 200, { user: { id: 'big' }, padding: 'x'.repeat(100_000) }));
  });
  afterAll(async () => {
    await stub.stop();
    await app.stop();
    await t.close();
  });

  async function connector(body: Record<string, unknown>, secret: string): Promise<string> {
    n += 1;
    const res = await admin.post('/api/connectors').send({ name: `Call log ${n}`, allowInsecureHttp: true, ...body }).expect(201);
    await admin.put(`/api/connectors/${res.body.id}/secret`).send({ api_token: secret }).expect(200);
    return res.body.id as string;
  }
  const calls = async (id: string, query = '') => (await admin.get(`/api/connectors/${id}/calls${query}`).expect(200)).body as { items: Call[]; nextCursor: string | null };
  const detail = async (id: string, callId: string) => (await admin.get(`/api/connectors/${id}/calls/${callId}`).expect(200)).body;

  it('opens a call to its request (method, URL, headers, body) and answer (status, headers, body), every secret masked', async () => {
    const id = await connector(
      {
        auth: { type: 'api_key_header', api_key_header_name: 'X-Tenant-Key' },
        mappings: {
          create_user: {
            http_method: 'POST',
            url_template: `${stub.baseUrl}/v1/users`,
            query_params: { access_token: 'query-secret-1', source: 'gatehouse' },
            headers: { Cookie: 'sid=req-cookie-1', 'X-Trace': 'on' },
            body_kind: 'json',
            body_template: '{"email":"{scim_user_email}","password":"static-pass-123"}',
            success_status: [201],
            response_fields: { id: 'id' },
          },
        },
      },
      API_KEY,
    );
    await admin.post(`/api/connectors/${id}/test`).send({ operation: 'create_user', acknowledgeSideEffects: true }).expect(200);
    // What the app really received carried the secrets: the log must be what hides them.
    expect(stub.received('/v1/users').at(-1)!.headers['x-tenant-key']).toBe(API_KEY);

    const [call] = (await calls(id)).items;
    expect(call).toMatchObject({ operation: 'create_user', status: 201, hasDetail: true });
    const opened = await detail(id, call!.id);
    expect(opened).toMatchObject({ method: 'POST', url: `${stub.baseUrl}/v1/users?source=gatehouse&access_token=${MASK}`, status: 201 });
    expect(opened.request.headers).toMatchObject({ 'X-Tenant-Key': MASK, Cookie: MASK, 'X-Trace': 'on', 'Content-Type': 'application/json' });
    expect(JSON.parse(opened.request.body)).toEqual({ email: 'jane.doe@example.com', password: MASK });
    expect(opened.response.status).toBe(201);
    expect(opened.response.headers).toMatchObject({ 'set-cookie': MASK, 'x-request-id': 'req-42', 'content-type': 'application/json' });
    const answered = JSON.parse(opened.response.body);
    expect(answered).toMatchObject({ id: 'u-1', seenKey: MASK, password: MASK, session_token: MASK });
    expect(answered.echo).not.toContain('static-pass-123');
    expect(opened.response.bodyTruncated).toBe(false);
    const text = JSON.stringify(opened);
    for (const secret of NEVER_SHOWN) expect(text).not.toContain(secret);
  });

  it('masks the OAuth token request (client secret) and its answer (tokens), and the bearer token sent with the call', async () => {
    const id = await connector(
      {
        auth: { type: 'oauth2_client_credentials', oauth_token_url: `${stub.baseUrl}/oauth/token`, oauth_client_id: 'log-client' },
        mappings: { get_user: { http_method: 'GET', url_template: `${stub.baseUrl}/v1/me`, success_status: [200], response_fields: { id: 'user.id' } } },
      },
      CLIENT_SECRET,
    );
    await admin.post(`/api/connectors/${id}/test`).send({ operation: 'get_user' }).expect(200);
    const items = (await calls(id)).items;
    expect(items.map((c) => c.operation)).toEqual(['get_user', 'oauth_token']);
    const token = await detail(id, items[1]!.id);
    expect(token.request.body).toBe(`grant_type=client_credentials&client_id=log-client&client_secret=${MASK}`);
    expect(JSON.parse(token.response.body)).toEqual({ access_token: MASK, refresh_token: MASK, token_type: 'Bearer', expires_in: 3600 });
    const get = await detail(id, items[0]!.id);
    expect(get.request.headers.Authorization).toBe(`Bearer ${MASK}`);
    expect(JSON.parse(get.response.body).saw).toBe(`Bearer ${MASK}`);
    for (const secret of NEVER_SHOWN) expect(JSON.stringify([token, get])).not.toContain(secret);
  });

  it('keeps the first 64 kB of a large answer and says it was cut', async () => {
    const id = await connector(
      { auth: { type: 'bearer' }, mappings: { get_user: { http_method: 'GET', url_template: `${stub.baseUrl}/v1/big`, success_status: [200], response_fields: { id: 'user.id' } } } },
      API_KEY,
    );
    await admin.post(`/api/connectors/${id}/test`).send({ operation: 'get_user' }).expect(200);
    const opened = await detail(id, (await calls(id)).items[0]!.id);
    expect(Buffer.byteLength(opened.response.body)).toBe(64 * 1024);
    expect(opened.response.bodyTruncated).toBe(true);
  });

  describe('paging and filters', () => {
    let id: string;
    const userA = randomUUID();
    const groupA = randomUUID();
    let seeded: string[];

    beforeAll(async () => {
      id = await connector({ auth: { type: 'bearer' } }, API_KEY);
      const { companyId } = (await t.dataSource.query('SELECT company_id AS "companyId" FROM connectors WHERE id = $1', [id]))[0];
      // 25 calls; several share a timestamp (one transaction writes them with the same now()).
      const rows: Array<[string, number | null, string | null, string | null, string | null, number]> = [];
      for (let i = 0; i < 25; i++) {
        const status = i % 5 === 0 ? 503 : i % 5 === 1 ? 404 : i % 5 === 2 ? null : 200;
        rows.push([i % 2 === 0 ? 'create_user' : 'update_user', status, status === 200 ? null : `failed ${i}`, i < 6 ? userA : null, i >= 20 ? groupA : null, Math.floor(i / 3)]);
      }
      seeded = [];
      for (const [operation, status, error, scimUserId, scimGroupId, minute] of rows) {
        const r = await t.dataSource.query(
          `INSERT INTO connector_calls (company_id, connector_id, operation, method, url, status, duration_ms, attempts, error, source, scim_user_id, scim_group_id, created_at)
           VALUES ($1, $2, $3, 'POST', 'https://app.example.com/x', $4, 5, 1, $5, 'scim', $6, $7, timestamptz '2026-01-01T00:00:00.123456Z' + make_interval(mins => $8)) RETURNING id`,
          [companyId, id, operation, status, error, scimUserId, scimGroupId, minute],
        );
        seeded.push(r[0].id);
      }
    });

    it('pages newest first with a cursor: every row exactly once, ties included', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await calls(id, `?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(4);
      expect(new Set(seen).size).toBe(25);
      expect([...seen].sort()).toEqual([...seeded].sort());
      // Newest first: the last seeded minute comes first.
      expect(seen.slice(0, 1)).toEqual([seeded[24]]);
    });

    it('filters by operation, status class, error, SCIM user and SCIM group (and pages within a filter)', async () => {
      const ids = async (q: string) => (await calls(id, q)).items.map((c) => c.id).sort();
      const pick = (f: (i: number) => boolean) => seeded.filter((_, i) => f(i)).sort();
      expect(await ids('?operation=update_user')).toEqual(pick((i) => i % 2 === 1));
      expect(await ids('?status=2xx')).toEqual(pick((i) => i % 5 >= 3));
      expect(await ids('?status=4xx')).toEqual(pick((i) => i % 5 === 1));
      expect(await ids('?status=5xx')).toEqual(pick((i) => i % 5 === 0));
      expect(await ids('?status=error')).toEqual(pick((i) => i % 5 <= 2));
      expect(await ids(`?scimUserId=${userA}`)).toEqual(pick((i) => i < 6));
      expect(await ids(`?scimGroupId=${groupA}&status=5xx`)).toEqual(pick((i) => i >= 20 && i % 5 === 0));
      const first = await calls(id, `?scimUserId=${userA}&limit=4`);
      const second = await calls(id, `?scimUserId=${userA}&limit=4&cursor=${encodeURIComponent(first.nextCursor!)}`);
      expect([...first.items, ...second.items].map((c) => c.id).sort()).toEqual(pick((i) => i < 6));
      expect(second.nextCursor).toBeNull();
    });

    it('refuses unknown query parameters and a cursor it did not give, naming what to send', async () => {
      const unknown = await admin.get(`/api/connectors/${id}/calls?page=2`).expect(400);
      expect(unknown.body.message).toMatch(/unknown field "page": accepted fields are cursor, operation, status, scimUserId, scimGroupId, limit/);
      const bad = await admin.get(`/api/connectors/${id}/calls?cursor=not-a-cursor`).expect(400);
      expect(bad.body.message).toMatch(/pass the nextCursor of the previous page/);
      const status = await admin.get(`/api/connectors/${id}/calls?status=3xy`).expect(400);
      expect(status.body.message).toMatch(/status must be/);
    });

    it('opens a call whose detail is no longer kept with its summary only, and a missing call is a 404', async () => {
      const old = await detail(id, seeded[0]!);
      expect(old).toMatchObject({ hasDetail: false, request: null, response: null });
      await admin.get(`/api/connectors/${id}/calls/${randomUUID()}`).expect(404);
      await admin.get(`/api/connectors/${id}/calls/not-an-id`).expect(404);
    });
  });

  it('files SCIM calls under the SCIM user and group they were made for', async () => {
    const c = await createScimConnector(admin, app);
    const scim = scimClient(t, c.id, c.token);
    const user = (await scim.post('/Users', scimUser('filed.user')).expect(201)).body;
    const group = (await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Filed group', members: [{ value: user.id }] }).expect(201)).body;
    const byUser = await calls(c.id, `?scimUserId=${user.id}`);
    expect(byUser.items.map((x) => x.operation)).toEqual(['create_user']);
    const byGroup = await calls(c.id, `?scimGroupId=${group.id}`);
    expect(byGroup.items.map((x) => x.operation).sort()).toEqual(['create_group', 'update_group_members']);
  });

  it('trims the request and answer to the newest 100 calls per connector, in the same statement as the row trim', async () => {
    const id = await connector(
      { auth: { type: 'bearer' }, mappings: { get_user: { http_method: 'GET', url_template: `${stub.baseUrl}/v1/me`, success_status: [200], response_fields: { id: 'user.id' } } } },
      API_KEY,
    );
    const { companyId } = (await t.dataSource.query('SELECT company_id AS "companyId" FROM connectors WHERE id = $1', [id]))[0];
    await t.dataSource.query(
      `INSERT INTO connector_calls (company_id, connector_id, operation, method, url, status, duration_ms, attempts, source, request_headers, request_body, created_at)
       SELECT $1, $2, 'old_call', 'GET', 'https://app.example.com/' || g, 200, 1, 1, 'test', '{"Accept":"*/*"}'::jsonb, 'b', now() - make_interval(secs => g)
         FROM generate_series(1, 150) AS g`,
      [companyId, id],
    );
    await t.dataSource.query('UPDATE connectors SET calls_since_trim = 99 WHERE id = $1', [id]);
    await admin.post(`/api/connectors/${id}/test`).send({ operation: 'get_user' }).expect(200);
    const counts = (await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE request_headers IS NOT NULL) AS detailed, count(*) AS total FROM connector_calls WHERE connector_id = $1`,
      [id],
    ))[0];
    expect(Number(counts.total)).toBe(151);
    expect(Number(counts.detailed)).toBe(100);
    const newest = (await calls(id, '?limit=101')).items;
    expect(newest.slice(0, 100).every((c) => c.hasDetail)).toBe(true);
    expect(newest[100]!.hasDetail).toBe(false);
  });

  it("answers 404 to another company for the connector's calls and for one call", async () => {
    const id = await connector({ auth: { type: 'bearer' }, mappings: { get_user: { http_method: 'GET', url_template: `${stub.baseUrl}/v1/me`, success_status: [200], response_fields: { id: 'user.id' } } } }, API_KEY);
    await admin.post(`/api/connectors/${id}/test`).send({ operation: 'get_user' }).expect(200);
    const callId = (await calls(id)).items[0]!.id;
    await other.get(`/api/connectors/${id}/calls`).expect(404);
    await other.get(`/api/connectors/${id}/calls/${callId}`).expect(404);
    // Their own connector does not open another company's call either.
    const theirs = await other.post('/api/connectors').send({ name: 'Theirs', auth: { type: 'bearer' } }).expect(201);
    await other.get(`/api/connectors/${theirs.body.id}/calls/${callId}`).expect(404);
    expect((await other.get(`/api/connectors/${theirs.body.id}/calls`).expect(200)).body.items).toEqual([]);
  });

  it("GET /status answers the newest call's time and the last error; an app's 404 to a read is routine and leaves the last error alone", async () => {
    const c = await createScimConnector(admin, app);
    const scim = scimClient(t, c.id, c.token);
    const status = async () => (await admin.get(`/api/connectors/${c.id}/status`).expect(200)).body as { lastCallAt: string | null; lastError: string | null };
    expect(await status()).toEqual({ lastCallAt: null, lastError: null });

    const user = (await scim.post('/Users', scimUser('status.reader')).expect(201)).body;
    const newest = async () => (await calls(c.id)).items[0] as Call & { createdAt: string };
    expect(await status()).toEqual({ lastCallAt: (await newest()).createdAt, lastError: null });

    // A real failure is the last error...
    app.failNext('PATCH /api/users/*', 500, { error: { message: 'database on fire' } }, 3);
    await scim.patch(`/Users/${user.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'displayName', value: 'X' }] }).expect(502);
    const failed = await status();
    expect(failed.lastError).toMatch(/^PATCH .* answered 500: .*database on fire/);

    // ...and the app saying it no longer has the user (an IdP reading a deleted user) is not.
    app.users.clear();
    await scim.get(`/Users/${user.id}`);
    const afterRead = await newest();
    expect([afterRead.operation, afterRead.status]).toEqual(['get_user', 404]);
    expect(await status()).toEqual({ lastCallAt: afterRead.createdAt, lastError: failed.lastError });

    await other.get(`/api/connectors/${c.id}/status`).expect(404);
  });
});
