import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DownstreamStub, json } from './support/downstream-stub.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

const SECRET = 'preview-secret-value-7c1d2e';

describe('POST /api/connectors/:id/preview', () => {
  let t: TestApp;
  let admin: Admin;
  let stub: DownstreamStub;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signUpAdmin(t);
    stub = await new DownstreamStub().start();
    stub.route('GET /v1/users/detail', (_req, res) => json(res, 200, { user: { id: '1' } }));
    const created = await admin
      .post('/api/connectors')
      .send({
        name: 'Preview me',
        enabled: false,
        allowInsecureHttp: true,
        auth: { type: 'api_key_header', api_key_header_name: 'X-API-Key' },
        capabilities: { get_user: true, create_group: true, update_group_members: true },
        mappings: {
          get_user: {
            http_method: 'GET',
            url_template: `${stub.baseUrl}/v1/users/detail`,
            query_params: { email: '{scim_user_email}', pageSize: '200' },
            headers: { 'X-Tenant': 'acme', Accept: 'application/json' },
            success_status: [200],
            response_fields: { id: 'user.id', userName: 'user.userName', email: 'user.email', displayName: 'user.displayName', active: 'user.active' },
          },
          create_group: {
            http_method: 'POST',
            url_template: 'https://api.example.com/v1/groups',
            body_kind: 'xml',
            content_type: 'text/xml',
            body_template: '<group><name>{group_name}</name><description>{group_description}</description></group>',
            success_status: [201],
            response_fields: { id: 'group/id', name: 'group/name', displayName: 'group/name' },
          },
          update_group_members: {
            http_method: 'PUT',
            url_template: 'https://api.example.com/v1/groups/{group_id}/members',
            body_kind: 'json',
            body_template: '{"userIds":{member_ids_json}}',
            success_status: [200, 204],
          },
        },
      })
      .expect(201);
    id = created.body.id;
  });
  afterAll(async () => {
    await stub.stop();
    await t.close();
  });

  it('renders the request with the default sample context, masks the credential, and sends nothing', async () => {
    const res = await admin.post(`/api/connectors/${id}/preview`).send({ operation: 'get_user' }).expect(200);
    expect(res.body.request).toEqual({
      method: 'GET',
      url: `${stub.baseUrl}/v1/users/detail?email=jane.doe%40example.com&pageSize=200`,
      headers: { Accept: 'application/json', 'User-Agent': 'Gatehouse-Connector/1.0', 'X-Tenant': 'acme', 'X-API-Key': '••••••' },
      body: null,
    });
    expect(res.body.resolved_response).toBeUndefined();
    expect(stub.requests).toHaveLength(0);
  });

  it('works on a disabled instance without a secret, and never shows the secret once set', async () => {
    await admin.put(`/api/connectors/${id}/secret`).send({ api_token: SECRET }).expect(200);
    const res = await admin.post(`/api/connectors/${id}/preview`).send({ operation: 'get_user' }).expect(200);
    expect(res.body.request.headers['X-API-Key']).toBe('••••••');
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    expect(stub.requests).toHaveLength(0);
  });

  it('merges context given as an object or as JSON text over the defaults', async () => {
    const asObject = await admin
      .post(`/api/connectors/${id}/preview`)
      .send({ operation: 'update_group_members', context: { group_id: '42', member_ids: ['1938', 1939] } })
      .expect(200);
    expect(asObject.body.request).toMatchObject({
      method: 'PUT',
      url: 'https://api.example.com/v1/groups/42/members',
      body: '{"userIds":["1938","1939"]}',
    });
    expect(asObject.body.request.headers['Content-Type']).toBe('application/json');

    const asText = await admin
      .post(`/api/connectors/${id}/preview`)
      .send({ operation: 'get_user', context: '{"scim_user": {"emails": [{"value": "sandbox@example.com", "primary": true}]}}' })
      .expect(200);
    expect(asText.body.request.url).toContain('email=sandbox%40example.com');

    const empty = await admin.post(`/api/connectors/${id}/preview`).send({ operation: 'get_user', context: '  ' }).expect(200);
    expect(empty.body.request.url).toContain('email=jane.doe%40example.com');
  });

  it('refuses invalid context JSON with a clear 400', async () => {
    const res = await admin.post(`/api/connectors/${id}/preview`).send({ operation: 'get_user', context: '{"group_id": ' }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toMatch(/context is not valid JSON/);
    expect(res.body.details[0].path).toBe('context');
    const wrongType = await admin.post(`/api/connectors/${id}/preview`).send({ operation: 'get_user', context: { member_ids: 'x' } }).expect(400);
    expect(wrongType.body.details[0].path).toBe('context.member_ids');
  });

  it('renders XML bodies with the content_type override', async () => {
    const res = await admin.post(`/api/connectors/${id}/preview`).send({ operation: 'create_group', context: { group_name: 'R&D <core>' } }).expect(200);
    expect(res.body.request.body).toBe('<group><name>R&amp;D &lt;core&gt;</name><description>Engineering team</description></group>');
    expect(res.body.request.headers['Content-Type']).toBe('text/xml');
  });

  it('reads a JSON sample response with response_fields into resolved_response', async () => {
    const sampleResponse = JSON.stringify({ user: { id: 1938, userName: 'jdoe', email: 'jane@example.com', displayName: 'Jane Doe', active: 'false' } });
    const res = await admin.post(`/api/connectors/${id}/preview`).send({ operation: 'get_user', sampleResponse }).expect(200);
    expect(res.body.resolved_response).toEqual({ id: '1938', userName: 'jdoe', email: 'jane@example.com', displayName: 'Jane Doe', active: false });
    expect(stub.requests).toHaveLength(0);
  });

  it('reads an XML sample response (type inferred)', async () => {
    const res = await admin
      .post(`/api/connectors/${id}/preview`)
      .send({ operation: 'create_group', sampleResponse: '<?xml version="1.0"?><group><id>42</id><name>Engineering</name></group>' })
      .expect(200);
    expect(res.body.resolved_response).toEqual({ id: '42', name: 'Engineering', displayName: 'Engineering' });
  });

  it('says where response_fields do not match the sample', async () => {
    const res = await admin.post(`/api/connectors/${id}/preview`).send({ operation: 'get_user', sampleResponse: '{"data": {"id": 1}}' }).expect(200);
    expect(res.body.resolved_response).toBeUndefined();
    expect(res.body.response_error).toEqual({ path: 'mappings.get_user.response_fields.id', message: expect.stringContaining('user.id') });
    const notJson = await admin.post(`/api/connectors/${id}/preview`).send({ operation: 'get_user', sampleResponse: '{oops' }).expect(200);
    expect(notJson.body.response_error.message).toMatch(/not valid JSON/);
  });

  it('answers 400 for an operation without a mapping or an unknown operation', async () => {
    const missing = await admin.post(`/api/connectors/${id}/preview`).send({ operation: 'delete_user' }).expect(400);
    expect(missing.body.details).toEqual([{ path: 'mappings.delete_user', message: 'no mapping for this operation' }]);
    const unknown = await admin.post(`/api/connectors/${id}/preview`).send({ operation: 'drop_tables' }).expect(400);
    expect(unknown.body.details[0].path).toBe('operation');
  });

  it('reports an invalid mapping of a disabled instance with the engine\'s paths', async () => {
    const draft = await admin
      .post('/api/connectors')
      .send({ name: 'Half done', mappings: { get_user: { http_method: 'GET', url_template: 'https://x.example.com/{nope}' } } })
      .expect(201);
    const res = await admin.post(`/api/connectors/${draft.body.id}/preview`).send({ operation: 'get_user' }).expect(400);
    const paths = res.body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['mappings.get_user.url_template', 'mappings.get_user.response_fields.id']));
  });

  it('never writes the secret to the log', () => {
    expect(t.logs.text).not.toContain(SECRET);
  });
});
