import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DownstreamStub, json } from './support/downstream-stub.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

// startTestApp allows private targets so the other tests can use a loopback stub; this app runs
// with the production default and must refuse them.
describe('POST /api/connectors/:id/test with private network targets refused', () => {
  let t: TestApp;
  let admin: Admin;
  let stub: DownstreamStub;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp({ ALLOW_PRIVATE_NETWORK_TARGETS: 'false' });
    admin = await signUpAdmin(t);
    stub = await new DownstreamStub().start();
    stub.route('GET /v1/users', (_req, res) => json(res, 200, { user: { id: '1' } }));
    stub.route('POST /oauth/token', (_req, res) => json(res, 200, { access_token: 'x', expires_in: 60 }));
  });
  afterAll(async () => {
    await stub.stop();
    await t.close();
  });

  async function testCall(url: string, auth: Record<string, unknown> = { type: 'bearer' }) {
    n += 1;
    const created = await admin
      .post('/api/connectors')
      .send({ name: `SSRF ${n}`, allowInsecureHttp: true, auth, mappings: { get_user: { http_method: 'GET', url_template: url, response_fields: { id: 'user.id' } } } })
      .expect(201);
    await admin.put(`/api/connectors/${created.body.id}/secret`).send({ api_token: 'ssrf-secret-value' }).expect(200);
    return admin.post(`/api/connectors/${created.body.id}/test`).send({ operation: 'get_user' }).expect(200);
  }

  it('refuses a loopback IP literal without connecting', async () => {
    const res = await testCall(`${stub.baseUrl}/v1/users`);
    expect(res.body).toMatchObject({ ok: false, status: null, error: { kind: 'refused', retryable: false } });
    expect(res.body.error.message).toMatch(/Refused to connect to 127\.0\.0\.1: a loopback address/);
    expect(stub.requests).toHaveLength(0);
  });

  it('refuses a host name after DNS resolution (localhost → 127.0.0.1)', async () => {
    const res = await testCall(`${stub.baseUrl.replace('127.0.0.1', 'localhost')}/v1/users`);
    expect(res.body).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(res.body.error.message).toMatch(/Refused to connect to localhost: it resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(stub.requests).toHaveLength(0);
  });

  it.each(['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/x', 'http://[::ffff:127.0.0.1]/x', 'http://100.64.0.1/x', 'http://0.0.0.0/x', 'http://[fd00:ec2::254]/x'])(
    'refuses %s',
    async (url) => {
      const res = await testCall(url);
      expect(res.body).toMatchObject({ ok: false, error: { kind: 'refused' } });
    },
  );

  it('refuses an OAuth token URL on a private address too', async () => {
    n += 1;
    const created = await admin
      .post('/api/connectors')
      .send({ name: `SSRF ${n}`, allowInsecureHttp: true, auth: { type: 'oauth2_client_credentials', oauth_token_url: `${stub.baseUrl}/oauth/token`, oauth_client_id: 'c' } })
      .expect(201);
    await admin.put(`/api/connectors/${created.body.id}/secret`).send({ api_token: 'ssrf-secret-value' }).expect(200);
    const res = await admin.post(`/api/connectors/${created.body.id}/test`).send({ mode: 'oauth_token' }).expect(200);
    expect(res.body).toMatchObject({ mode: 'oauth_token', ok: false, error: { kind: 'oauth' } });
    expect(res.body.error.message).toMatch(/loopback address/);
    expect(stub.requests).toHaveLength(0);
  });
});
