import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DownstreamStub, json } from '../support/downstream-stub.js';
import { ERROR_SCHEMA, scimCalls } from '../support/scim.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from '../support/test-app.js';

const APP_TOKEN = 'proxy-path-app-token-9a8b7c';

/** Sends the path byte for byte (an HTTP client library would resolve "." and ".." first). */
function rawGet(t: TestApp, path: string, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${t.baseUrl}/`, { method: 'GET', path, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          body = { text };
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('hostile: SCIM proxy paths that would leave the base path with the connector credential', () => {
  let t: TestApp;
  let admin: Admin;
  let stub: DownstreamStub;
  let id: string;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signUpAdmin(t);
    stub = await new DownstreamStub().start();
    stub.route('GET /scim/v2/Users', (_req, res) => json(res, 200, { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] }));
    const created = await admin
      .post('/api/connectors')
      .send({ name: 'Proxy under attack', type: 'scim_proxy', scimBaseUrl: `${stub.baseUrl}/scim/v2`, enabled: true, auth: { type: 'bearer' }, allowInsecureHttp: true })
      .expect(201);
    id = created.body.id as string;
    await admin.put(`/api/connectors/${id}/secret`).send({ api_token: APP_TOKEN }).expect(200);
    token = (await admin.post(`/api/connectors/${id}/scim-token`).expect(201)).body.token as string;
  });
  beforeEach(() => {
    stub.requests.length = 0;
  });
  afterAll(async () => {
    await stub.stop();
    await t.close();
  });

  // Each is what a server in the Tomcat/Jetty/Spring family (or a proxy decoding once more)
  // resolves as "..", "." or a separator.
  const attacks: Array<[string, string, RegExp]> = [
    ['..', '/Users/../admin', /dot segment/],
    ['.', '/Users/./admin', /dot segment/],
    ['..;', '/Users/..;/admin', /dot segment/],
    ['.;', '/Users/.;/admin', /dot segment/],
    ['..;jsessionid=x', '/Users/..;jsessionid=x/admin', /dot segment/],
    ['%2e%2e', '/Users/%2e%2e/admin', /dot segment/],
    ['%2E%2E%3B', '/Users/%2E%2E%3B/admin', /dot segment/],
    ['%252e%252e', '/Users/%252e%252e/admin', /dot segment/],
    ['%252e%252e%253b', '/Users/%252e%252e%253b/admin', /dot segment/],
    ['..%00', '/Users/..%00', /NUL/],
    ['%00', '/Users/a%00b', /NUL/],
    ['%2500', '/Users/a%2500b', /NUL/],
    ['%2F', '/Users/..%2F..%2Fadmin', /encoded "\/"/],
    ['%252F', '/Users/a%252Fadmin', /encoded "\/"/],
    ['%5C', '/Users/..%5C..%5Cadmin', /backslash/],
    ['%255C', '/Users/a%255Cadmin', /backslash/],
  ];

  it.each(attacks)('%s: 400 in SCIM error form naming the problem, nothing forwarded', async (_form, path, reason) => {
    const res = await rawGet(t, `/scim/v2/${id}${path}`, token);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400' });
    expect(['invalidPath', 'invalidValue']).toContain(res.body.scimType);
    expect(res.body.detail).toMatch(reason);
    expect(stub.requests).toHaveLength(0);
  });

  it('the same connector still forwards an ordinary SCIM path, with its credential', async () => {
    const res = await rawGet(t, `/scim/v2/${id}/Users`, token);
    expect(res.status).toBe(200);
    expect(stub.requests.map((r) => [r.path, r.headers.authorization])).toEqual([['/scim/v2/Users', `Bearer ${APP_TOKEN}`]]);
    // Refused paths never became calls either: the log holds only the forwarded one.
    expect((await scimCalls(admin, id)).map((c) => c.operation)).toEqual(['proxy:GET /Users']);
  });
});
