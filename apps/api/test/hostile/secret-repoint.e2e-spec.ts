import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DownstreamStub, json, type StubRequest } from '../support/downstream-stub.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from '../support/test-app.js';

const SECRET = 'repoint-secret-5d4c3b2a1908';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/** Anything in a request that could carry the credential: the headers an auth type sets, and the body. */
function credentialsIn(req: StubRequest): string[] {
  const found: string[] = [];
  for (const name of ['authorization', 'x-api-key']) if (req.headers[name] !== undefined) found.push(name);
  if (JSON.stringify(req.headers).includes(SECRET) || req.body.includes(SECRET) || req.body.includes('client_secret')) found.push('secret');
  return found;
}

describe('hostile: re-pointing a connector at another server does not take its secret along', () => {
  let t: TestApp;
  let admin: Admin;
  let app: DownstreamStub;
  let attacker: DownstreamStub;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signUpAdmin(t);
    // Two servers on loopback: different ports are different origins.
    [app, attacker] = await Promise.all([new DownstreamStub().start(), new DownstreamStub().start()]);
    for (const stub of [app, attacker]) {
      stub
        .route('GET /v1/users/1', (_req, res) => json(res, 200, { user: { id: '1' } }))
        .route('GET /v2/people/1', (_req, res) => json(res, 200, { user: { id: '1' } }))
        .route('POST /oauth/token', (_req, res) => json(res, 200, { access_token: 'tok', token_type: 'bearer', expires_in: 3600 }))
        .route('GET /scim/v2/Users', (_req, res) => json(res, 200, { schemas: [LIST], totalResults: 0, Resources: [] }));
    }
  });
  beforeEach(() => {
    app.requests.length = 0;
    attacker.requests.length = 0;
  });
  afterAll(async () => {
    await Promise.all([app.stop(), attacker.stop()]);
    await t.close();
  });

  const getUser = (base: string, path = '/v1/users/1') => ({ http_method: 'GET', url_template: `${base}${path}`, success_status: [200], response_fields: { id: 'user.id' } });

  async function connector(body: Record<string, unknown>): Promise<string> {
    n += 1;
    const res = await admin.post('/api/connectors').send({ name: `Repoint ${n}`, allowInsecureHttp: true, ...body }).expect(201);
    await admin.put(`/api/connectors/${res.body.id}/secret`).send({ api_token: SECRET }).expect(200);
    return res.body.id as string;
  }

  const storedSecret = async (id: string) => ((await t.dataSource.query('SELECT secret_ciphertext FROM connectors WHERE id = $1', [id])) as Array<{ secret_ciphertext: string | null }>)[0]!.secret_ciphertext;

  it('a url_template moved to another host clears the secret; the next call sends no credential there', async () => {
    const id = await connector({ enabled: true, auth: { type: 'bearer' }, capabilities: { get_user: true }, mappings: { get_user: getUser(app.baseUrl) } });

    const moved = await admin.patch(`/api/connectors/${id}`).send({ mappings: { get_user: getUser(attacker.baseUrl) } }).expect(200);
    expect(moved.body).toMatchObject({ hasSecret: false, secretCleared: true });
    expect(await storedSecret(id)).toBeNull();

    const test = await admin.post(`/api/connectors/${id}/test`).send({ operation: 'get_user' }).expect(400);
    expect(test.body.details).toEqual([{ path: 'api_token', message: 'not set' }]);
    expect(attacker.requests.flatMap(credentialsIn)).toEqual([]);
    expect((await admin.get(`/api/connectors/${id}`).expect(200)).body.hasSecret).toBe(false);
  });

  it('a second mapping on a new host clears it too (disabled connectors alike)', async () => {
    const id = await connector({ auth: { type: 'api_key_header', api_key_header_name: 'X-Api-Key' }, mappings: { get_user: getUser(app.baseUrl) } });
    const res = await admin
      .patch(`/api/connectors/${id}`)
      .send({ mappings: { get_user: getUser(app.baseUrl), list_users: { ...getUser(attacker.baseUrl), response_fields: { items: 'users', id: 'id' } } } })
      .expect(200);
    expect(res.body).toMatchObject({ hasSecret: false, secretCleared: true });
  });

  it('the same host with another path keeps the secret, and calls still carry it', async () => {
    const id = await connector({ enabled: true, auth: { type: 'bearer' }, capabilities: { get_user: true }, mappings: { get_user: getUser(app.baseUrl) } });
    const res = await admin.patch(`/api/connectors/${id}`).send({ name: 'Renamed', mappings: { get_user: getUser(app.baseUrl, '/v2/people/1') } }).expect(200);
    expect(res.body.hasSecret).toBe(true);
    expect(res.body.secretCleared).toBeUndefined();
    await admin.post(`/api/connectors/${id}/test`).send({ operation: 'get_user' }).expect(200);
    expect(app.requests.map((r) => [r.path, r.headers.authorization])).toEqual([['/v2/people/1', `Bearer ${SECRET}`]]);
  });

  it('oauth_token_url moved to another host clears the client secret; no token request goes there', async () => {
    const oauth = (base: string) => ({ type: 'oauth2_client_credentials', oauth_token_url: `${base}/oauth/token`, oauth_client_id: 'client-1' });
    const id = await connector({ auth: oauth(app.baseUrl), mappings: { get_user: getUser(app.baseUrl) } });
    const res = await admin.patch(`/api/connectors/${id}`).send({ auth: oauth(attacker.baseUrl) }).expect(200);
    expect(res.body).toMatchObject({ hasSecret: false, secretCleared: true });
    await admin.post(`/api/connectors/${id}/test`).send({ mode: 'oauth_token' }).expect(400);
    expect(attacker.requests).toEqual([]);
  });

  it('a SCIM proxy whose scimBaseUrl moves to another host loses its secret; the next SCIM request sends nothing there', async () => {
    const id = await connector({ type: 'scim_proxy', enabled: true, auth: { type: 'bearer' }, scimBaseUrl: `${app.baseUrl}/scim/v2` });
    const token = (await admin.post(`/api/connectors/${id}/scim-token`).expect(201)).body.token as string;
    await request(t.http).get(`/scim/v2/${id}/Users`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(app.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${SECRET}`]);

    const samePath = await admin.patch(`/api/connectors/${id}`).send({ scimBaseUrl: `${app.baseUrl}/scim/v2/` }).expect(200);
    expect(samePath.body.hasSecret).toBe(true);

    const moved = await admin.patch(`/api/connectors/${id}`).send({ scimBaseUrl: `${attacker.baseUrl}/scim/v2` }).expect(200);
    expect(moved.body).toMatchObject({ hasSecret: false, secretCleared: true });
    await request(t.http).get(`/scim/v2/${id}/Users`).set('Authorization', `Bearer ${token}`).expect(500);
    expect(attacker.requests.flatMap(credentialsIn)).toEqual([]);
    expect(attacker.requests).toEqual([]);
  });

  it('another auth type clears it: an OAuth client secret does not become a bearer token for the app', async () => {
    const oauth = { type: 'oauth2_client_credentials', oauth_token_url: `${app.baseUrl}/oauth/token`, oauth_client_id: 'client-2' };
    const id = await connector({ auth: oauth, mappings: { get_user: getUser(app.baseUrl) } });
    const res = await admin.patch(`/api/connectors/${id}`).send({ auth: { type: 'bearer' } }).expect(200);
    expect(res.body).toMatchObject({ hasSecret: false, secretCleared: true });
    await admin.post(`/api/connectors/${id}/test`).send({ operation: 'get_user' }).expect(400);
    expect(app.requests.flatMap(credentialsIn)).toEqual([]);
  });

  it('another auth type for the same servers keeps it: the UI sets the secret for the type it is about to save', async () => {
    const id = await connector({ auth: { type: 'bearer' }, mappings: { get_user: getUser(app.baseUrl) } });
    const res = await admin.patch(`/api/connectors/${id}`).send({ auth: { type: 'api_key_header', api_key_header_name: 'X-App-Key' } }).expect(200);
    expect(res.body.secretCleared).toBeUndefined();
    expect(res.body.hasSecret).toBe(true);
    expect(await storedSecret(id)).not.toBeNull();
  });

  it('a secret set before any server is configured goes to the first servers saved (auth first, then mappings)', async () => {
    const id = await connector({ auth: { type: 'bearer' } });
    const res = await admin.patch(`/api/connectors/${id}`).send({ mappings: { get_user: getUser(app.baseUrl) } }).expect(200);
    expect(res.body.secretCleared).toBeUndefined();
    expect(await storedSecret(id)).not.toBeNull();
    // From then on it is bound to them: another host clears it.
    const moved = await admin.patch(`/api/connectors/${id}`).send({ mappings: { get_user: getUser(attacker.baseUrl) } }).expect(200);
    expect(moved.body.secretCleared).toBe(true);
  });

  it('a refused change clears nothing', async () => {
    const id = await connector({ enabled: true, auth: { type: 'bearer' }, capabilities: { get_user: true }, mappings: { get_user: getUser(app.baseUrl) } });
    // Enabled, so the new mapping must be valid; this one is not (no response_fields.id).
    await admin.patch(`/api/connectors/${id}`).send({ mappings: { get_user: { ...getUser(attacker.baseUrl), response_fields: {} } } }).expect(400);
    expect(await storedSecret(id)).not.toBeNull();
  });
});
