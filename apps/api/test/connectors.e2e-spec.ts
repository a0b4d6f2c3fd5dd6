import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validateConnectorConfig } from '@gatehouse/mapping';
import request from 'supertest';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

const SECRET = 'sk_live_connector-secret-9f8e7d6c5b4a';

const createGroupMapping = {
  http_method: 'POST',
  url_template: 'https://api.example.com/v1/groups',
  body_kind: 'json',
  body_template: '{"name":"{group_name}"}',
  success_status: [201],
  response_fields: { id: 'id', name: 'name' },
};

const validBody = (name: string) => ({
  name,
  enabled: true,
  auth: { type: 'bearer' },
  capabilities: { create_group: true },
  mappings: { create_group: createGroupMapping },
});

describe('/api/connectors (instances, secret, copy)', () => {
  let t: TestApp;
  let admin: Admin;
  let other: Admin;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signUpAdmin(t);
    other = await signUpAdmin(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('POST /api/connectors saves a disabled, unfinished instance and answers without any secret', async () => {
    const res = await admin
      .post('/api/connectors')
      .send({ name: 'Draft', capabilities: { create_user: true }, mappings: {}, auth: { type: 'basic' } })
      .expect(201);
    expect(res.body).toMatchObject({
      name: 'Draft',
      type: 'custom_http',
      enabled: false,
      auth: { type: 'basic' },
      capabilities: { create_user: true },
      mappings: {},
      deactivationAsDelete: false,
      allowInsecureHttp: false,
      idpProfile: 'generic',
      hasSecret: false,
      lastCallAt: null,
      lastError: null,
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(res.body).sort()).toEqual(
      ['allowInsecureHttp', 'auth', 'capabilities', 'createdAt', 'deactivationAsDelete', 'enabled', 'hasSecret', 'id', 'idpProfile', 'lastCallAt', 'lastError', 'mappings', 'name', 'scimBaseUrl', 'type', 'updatedAt'].sort(),
    );
  });

  it('still requires JSON objects for auth, capabilities and mappings of a disabled instance', async () => {
    const res = await admin.post('/api/connectors').send({ name: 'Bad shapes', capabilities: [], mappings: 'x', auth: 3 }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['auth', 'capabilities', 'mappings']);
    expect(res.body.details.find((d: { path: string }) => d.path === 'mappings').message).toBe('mappings must be a JSON object');
  });

  it('refuses unknown fields, including a secret in the body', async () => {
    const res = await admin.post('/api/connectors').send({ name: 'X', api_token: SECRET }).expect(400);
    expect(res.body.message).toMatch(/unknown field "api_token"/);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  });

  it('refuses to save an ENABLED instance with every problem the engine reports, exactly as it reports them', async () => {
    const body = {
      name: 'Broken',
      enabled: true,
      auth: { type: 'oauth2_client_credentials', oauth_client_id: 'abc' },
      capabilities: { create_group: true, update_user: true },
      mappings: { create_group: { ...createGroupMapping, response_fields: { name: 'name' } } },
    };
    const res = await admin.post('/api/connectors').send(body).expect(400);
    const expected = validateConnectorConfig({ auth: body.auth, capabilities: body.capabilities, mappings: body.mappings });
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual(expected);
    const paths = res.body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['mappings.create_group.response_fields.id', 'mappings.update_user', 'auth.oauth_token_url']));
    const count = await t.dataSource.query(`SELECT count(*)::int AS n FROM connectors WHERE name = 'Broken'`);
    expect(count[0].n).toBe(0);
  });

  it('reports a missing auth on an enabled instance in the engine\'s words', async () => {
    const res = await admin.post('/api/connectors').send({ ...validBody('No auth'), auth: null }).expect(400);
    expect(res.body.details).toEqual(validateConnectorConfig({ auth: null, capabilities: { create_group: true }, mappings: { create_group: createGroupMapping } }));
    expect(res.body.details[0].path).toBe('auth');
  });

  it('saves an enabled instance that passes validation', async () => {
    const res = await admin.post('/api/connectors').send(validBody('Valid')).expect(201);
    expect(res.body.enabled).toBe(true);
    expect(res.body.mappings.create_group).toEqual(createGroupMapping);
  });

  it('refuses a second connector with the same name in the company, but not in another company', async () => {
    await admin.post('/api/connectors').send({ name: 'Same name' }).expect(201);
    const res = await admin.post('/api/connectors').send({ name: 'Same name' }).expect(409);
    expect(res.body.details).toEqual([{ path: 'name', message: 'already used by another connector' }]);
    await other.post('/api/connectors').send({ name: 'Same name' }).expect(201);
  });

  it('PATCH /api/connectors/:id changes fields, validates on enabling, and keeps the type', async () => {
    const created = (await admin.post('/api/connectors').send({ name: 'To patch', capabilities: { create_group: true } }).expect(201)).body;
    const refused = await admin.patch(`/api/connectors/${created.id}`).send({ enabled: true }).expect(400);
    expect(refused.body.details).toEqual(validateConnectorConfig({ auth: null, capabilities: { create_group: true }, mappings: {} }));
    expect((await admin.get(`/api/connectors/${created.id}`).expect(200)).body.enabled).toBe(false);

    const ok = await admin
      .patch(`/api/connectors/${created.id}`)
      .send({ enabled: true, auth: { type: 'api_key_header', api_key_header_name: 'X-API-Key' }, mappings: { create_group: createGroupMapping }, deactivationAsDelete: true, allowInsecureHttp: true })
      .expect(200);
    expect(ok.body).toMatchObject({ enabled: true, deactivationAsDelete: true, allowInsecureHttp: true, auth: { type: 'api_key_header', api_key_header_name: 'X-API-Key' } });
    expect(Date.parse(ok.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));

    // Breaking an enabled instance is refused; turning it off first is allowed.
    await admin.patch(`/api/connectors/${created.id}`).send({ mappings: {} }).expect(400);
    await admin.patch(`/api/connectors/${created.id}`).send({ enabled: false, mappings: {} }).expect(200);
    const typeChange = await admin.patch(`/api/connectors/${created.id}`).send({ type: 'custom_http' }).expect(400);
    expect(typeChange.body.message).toMatch(/type cannot change/);
  });

  it('GET /api/connectors lists only the company\'s connectors', async () => {
    const mine = (await admin.post('/api/connectors').send({ name: 'Listed' }).expect(201)).body;
    const list = await admin.get('/api/connectors').expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(mine.id);
    const theirs = await other.get('/api/connectors').expect(200);
    expect(theirs.body.items.map((c: { id: string }) => c.id)).not.toContain(mine.id);
  });

  it('PUT /api/connectors/:id/secret stores the secret encrypted and never returns it', async () => {
    const created = (await admin.post('/api/connectors').send(validBody('With secret')).expect(201)).body;
    const res = await admin.put(`/api/connectors/${created.id}/secret`).send({ api_token: SECRET }).expect(200);
    expect(res.body.hasSecret).toBe(true);
    for (const body of [res.body, (await admin.get(`/api/connectors/${created.id}`).expect(200)).body, (await admin.get('/api/connectors').expect(200)).body]) {
      expect(JSON.stringify(body)).not.toContain(SECRET);
      expect(JSON.stringify(body)).not.toMatch(/ciphertext|api_token/);
    }
    const [row] = await t.dataSource.query('SELECT secret_ciphertext FROM connectors WHERE id = $1', [created.id]);
    expect(row.secret_ciphertext).toMatch(/^v1\./);
    expect(row.secret_ciphertext).not.toContain(SECRET);
    expect(row.secret_ciphertext).not.toContain(Buffer.from(SECRET).toString('base64'));

    // Setting it again re-encrypts with a fresh IV.
    await admin.put(`/api/connectors/${created.id}/secret`).send({ api_token: SECRET }).expect(200);
    const [again] = await t.dataSource.query('SELECT secret_ciphertext FROM connectors WHERE id = $1', [created.id]);
    expect(again.secret_ciphertext).not.toBe(row.secret_ciphertext);

    const empty = await admin.put(`/api/connectors/${created.id}/secret`).send({ api_token: '' }).expect(400);
    expect(empty.body.details).toEqual([{ path: 'api_token', message: 'api_token must not be empty' }]);
  });

  it('POST /api/connectors/:id/copy creates a disabled instance with the same settings and no secret', async () => {
    const source = (await admin.post('/api/connectors').send({ ...validBody('Copy source'), deactivationAsDelete: true, allowInsecureHttp: true }).expect(201)).body;
    await admin.put(`/api/connectors/${source.id}/secret`).send({ api_token: SECRET }).expect(200);
    const res = await admin.post(`/api/connectors/${source.id}/copy`).send({ name: 'Copy target' }).expect(201);
    expect(res.body.id).not.toBe(source.id);
    expect(res.body).toMatchObject({
      name: 'Copy target',
      type: 'custom_http',
      enabled: false,
      hasSecret: false,
      auth: source.auth,
      capabilities: source.capabilities,
      mappings: source.mappings,
      deactivationAsDelete: true,
      allowInsecureHttp: true,
    });
    const [row] = await t.dataSource.query('SELECT secret_ciphertext FROM connectors WHERE id = $1', [res.body.id]);
    expect(row.secret_ciphertext).toBeNull();
    await admin.post(`/api/connectors/${source.id}/copy`).send({ name: 'Copy target' }).expect(409);
  });

  it('DELETE /api/connectors/:id removes it', async () => {
    const created = (await admin.post('/api/connectors').send({ name: 'To delete' }).expect(201)).body;
    await admin.delete(`/api/connectors/${created.id}`).expect(204);
    await admin.get(`/api/connectors/${created.id}`).expect(404);
    await admin.delete(`/api/connectors/${created.id}`).expect(404);
  });

  it("answers 404 for another company's connector on every route, and changes nothing", async () => {
    const created = (await admin.post('/api/connectors').send(validBody('Private')).expect(201)).body;
    await admin.put(`/api/connectors/${created.id}/secret`).send({ api_token: SECRET }).expect(200);
    const id = created.id;
    const attempts = [
      other.get(`/api/connectors/${id}`),
      other.patch(`/api/connectors/${id}`).send({ name: 'Hijacked' }),
      other.delete(`/api/connectors/${id}`),
      other.put(`/api/connectors/${id}/secret`).send({ api_token: 'attacker' }),
      other.post(`/api/connectors/${id}/copy`).send({ name: 'Stolen' }),
      other.post(`/api/connectors/${id}/preview`).send({ operation: 'create_group' }),
      other.post(`/api/connectors/${id}/test`).send({ operation: 'create_group', acknowledgeSideEffects: true }),
      other.get(`/api/connectors/${id}/calls`),
    ];
    for (const attempt of attempts) {
      const res = await attempt.expect(404);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND', message: 'Connector not found' });
    }
    const after = (await admin.get(`/api/connectors/${id}`).expect(200)).body;
    expect(after).toMatchObject({ name: 'Private', hasSecret: true });
    expect((await other.get('/api/connectors').expect(200)).body.items.map((c: { name: string }) => c.name)).not.toContain('Stolen');
  });

  it('answers 404 for a malformed or unknown id', async () => {
    await admin.get('/api/connectors/not-a-uuid').expect(404);
    await admin.get('/api/connectors/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('needs an admin session', async () => {
    await request(t.http).get('/api/connectors').expect(401);
    await request(t.http).post('/api/connectors').send({ name: 'x' }).expect(401);
  });

  it('never writes the secret to the log', () => {
    expect(t.logs.text).not.toContain(SECRET);
  });
});
