import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DownstreamStub, json } from '../support/downstream-stub.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from '../support/test-app.js';

// Lengths 23, 24 and 25 (every length mod 3), with the characters form encoding treats specially.
const SECRETS = ["echo secret !'()*~ 0123", "echo secret !'()*~ 01234", "echo secret !'()*~ 012345"];
// With ":" these make "username:" 2, 3 and 4 bytes long: the secret starts at each base64 alignment.
const USERNAMES = ['a', 'ab', 'abc'];

/** Every form in which the product sent the secret (computed here independently of the code under test). */
function sentForms(secret: string, username?: string): Record<string, string> {
  const forms: Record<string, string> = {
    raw: secret,
    percentEncoded: encodeURIComponent(secret),
    formEncoded: new URLSearchParams({ s: secret }).toString().slice(2),
    jsonEscaped: JSON.stringify(secret).slice(1, -1),
  };
  if (username !== undefined) forms.basicHeader = Buffer.from(`${username}:${secret}`, 'utf8').toString('base64');
  return forms;
}

function leaked(text: string, forms: Record<string, string>): string[] {
  return Object.entries(forms)
    .filter(([, form]) => text.includes(form))
    .map(([name]) => name);
}

describe('hostile: a downstream or token endpoint that echoes the credential back', () => {
  let t: TestApp;
  let admin: Admin;
  let stub: DownstreamStub;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signUpAdmin(t);
    stub = await new DownstreamStub().start();
    const echo = (req: { headers: unknown; body: string; query: URLSearchParams }) => `you sent headers ${JSON.stringify(req.headers)} and body ${req.body}`;
    stub
      // The whole request in an error message (read by error_message_path) ...
      .route('GET /echo/error', (req, res) => json(res, 400, { error: { message: echo(req) } }))
      // ... in a plain-text error with no message path ...
      .route('GET /echo/text', (req, res) => void res.writeHead(500, { 'content-type': 'text/plain' }).end(`${'padding '.repeat(20)}${echo(req)}`))
      // ... and in a success answer's fields, which the live test shows.
      .route('GET /echo/ok', (req, res) => json(res, 200, { user: { id: String(req.headers.authorization ?? ''), email: echo(req) } }))
      .route('POST /oauth/token', (req, res) => json(res, 401, { error: 'invalid_client', error_description: `bad client: ${req.body}` }))
      // A SCIM app whose error detail holds the request (the proxy logs the detail).
      .route('GET /scim/v2/Users', (req, res) => json(res, 400, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', detail: echo(req) }))
      .route('POST /oauth/token-text', (req, res) => void res.writeHead(400, { 'content-type': 'text/plain' }).end(`rejected ${req.body}`));
  });
  afterAll(async () => {
    await stub.stop();
    await t.close();
  });

  async function connector(auth: Record<string, unknown>, path: string, secret: string): Promise<string> {
    n += 1;
    const getUser = { http_method: 'GET', url_template: `${stub.baseUrl}${path}`, success_status: [200], response_fields: { id: 'user.id', email: 'user.email' }, error_message_path: 'error.message' };
    const res = await admin.post('/api/connectors').send({ name: `Echo ${n}`, allowInsecureHttp: true, auth, mappings: { get_user: getUser } }).expect(201);
    await admin.put(`/api/connectors/${res.body.id}/secret`).send({ api_token: secret }).expect(200);
    return res.body.id as string;
  }

  /** The live-test answer, the call log and the connector's lastError, as one text. */
  async function everythingShown(id: string): Promise<{ answer: Record<string, unknown>; text: string }> {
    const answer = await admin.post(`/api/connectors/${id}/test`).send({ operation: 'get_user' }).expect(200);
    const calls = await admin.get(`/api/connectors/${id}/calls`).expect(200);
    const row = await admin.get(`/api/connectors/${id}`).expect(200);
    const stored = await t.dataSource.query('SELECT error FROM connector_calls WHERE connector_id = $1', [id]);
    return { answer: answer.body, text: JSON.stringify([answer.body, calls.body, row.body.lastError, stored]) };
  }

  const basicCases = SECRETS.flatMap((secret) => USERNAMES.map((username) => [secret.length, username.length, secret, username] as const));

  it.each(basicCases)('Basic, secret of %i characters, username of %i: no form of the secret is shown or stored', async (_s, _u, secret, username) => {
    for (const path of ['/echo/error', '/echo/text', '/echo/ok']) {
      const id = await connector({ type: 'basic', basic_username: username }, path, secret);
      const { answer, text } = await everythingShown(id);
      // The app did receive and echo it: the mask stands where it was.
      expect(text).toContain('••••••');
      expect(answer.ok).toBe(path === '/echo/ok');
      expect(leaked(text, sentForms(secret, username))).toEqual([]);
    }
  });

  it.each(SECRETS.map((s) => [s.length, s] as const))('bearer and API key header, secret of %i characters: no form is shown or stored', async (_l, secret) => {
    for (const auth of [{ type: 'bearer' }, { type: 'api_key_header', api_key_header_name: 'X-Api-Key' }]) {
      const id = await connector(auth, '/echo/error', secret);
      const { answer, text } = await everythingShown(id);
      expect(answer).toMatchObject({ ok: false, status: 400 });
      expect(text).toContain('••••••');
      expect(leaked(text, sentForms(secret))).toEqual([]);
    }
  });

  it.each(SECRETS.map((s) => [s.length, s] as const))('OAuth, client secret of %i characters echoed form-encoded by the token endpoint: not shown or stored', async (_l, secret) => {
    for (const tokenPath of ['/oauth/token', '/oauth/token-text']) {
      const auth = { type: 'oauth2_client_credentials', oauth_token_url: `${stub.baseUrl}${tokenPath}`, oauth_client_id: 'echo-client' };
      const id = await connector(auth, '/echo/ok', secret);
      const { answer, text } = await everythingShown(id);
      expect(answer).toMatchObject({ ok: false, error: { kind: 'oauth' } });
      expect((answer.error as { message: string }).message).toContain('client_secret=••••••');
      expect(leaked(text, sentForms(secret))).toEqual([]);

      const token = await admin.post(`/api/connectors/${id}/test`).send({ mode: 'oauth_token' }).expect(200);
      expect(leaked(JSON.stringify(token.body), sentForms(secret))).toEqual([]);
    }
  });

  it.each(USERNAMES.map((u) => [u.length, u] as const))('SCIM proxy with Basic, username of %i: the call log and lastError hold no form of the secret', async (_l, username) => {
    const secret = SECRETS[0]!;
    n += 1;
    const created = await admin
      .post('/api/connectors')
      .send({ name: `Echo proxy ${n}`, type: 'scim_proxy', scimBaseUrl: `${stub.baseUrl}/scim/v2`, enabled: true, auth: { type: 'basic', basic_username: username }, allowInsecureHttp: true })
      .expect(201);
    const id = created.body.id as string;
    await admin.put(`/api/connectors/${id}/secret`).send({ api_token: secret }).expect(200);
    const token = (await admin.post(`/api/connectors/${id}/scim-token`).expect(201)).body.token as string;
    // The app's answer goes back to the IdP as it is (it is the app's); what Gatehouse keeps must not hold it.
    await request(t.http).get(`/scim/v2/${id}/Users`).set('Authorization', `Bearer ${token}`).expect(400);
    const calls = await admin.get(`/api/connectors/${id}/calls`).expect(200);
    const row = await admin.get(`/api/connectors/${id}`).expect(200);
    const stored = await t.dataSource.query('SELECT error FROM connector_calls WHERE connector_id = $1', [id]);
    const text = JSON.stringify([calls.body, row.body.lastError, stored]);
    expect(text).toContain('••••••');
    expect(leaked(text, sentForms(secret, username))).toEqual([]);
  });
});
