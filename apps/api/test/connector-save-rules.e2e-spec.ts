// POST/PATCH /api/connectors: the placeholder rules, path syntax and the HTTPS rule a save of an
// enabled Custom HTTP instance enforces, and what happens to a stored configuration a rule refuses.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

// The create_group mapping of the Custom HTTP guide's full example, as published.
const createGroup = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures/documented/seed-custom-http-create-group.json'), 'utf8'),
) as Record<string, unknown>;

const enabledWith = (name: string, change: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  name,
  enabled: true,
  auth: { type: 'bearer' },
  capabilities: { create_group: true },
  mappings: { create_group: { ...createGroup, ...change } },
  ...extra,
});

type Detail = { path: string; message: string };

describe('POST/PATCH /api/connectors save rules', () => {
  let t: TestApp;
  let admin: Admin;
  let counter = 0;
  const uniqueName = (base: string) => `${base} ${++counter}`;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signUpAdmin(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const connectorCount = async () => {
    const [row] = await t.dataSource.query('SELECT count(*)::int AS n FROM connectors');
    return (row as { n: number }).n;
  };

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['an empty field {}', { url_template: 'https://api.example.com/v1/groups/{}' }, 'mappings.create_group.url_template', /^at character 35: \{\} is an empty placeholder/],
    ['a positional field {0}', { url_template: 'https://api.example.com/v1/groups/{0}' }, 'mappings.create_group.url_template', /^at character 35: \{0\} is a positional placeholder/],
    ['a conversion {group_name!s}', { body_template: '{"name":"{group_name!s}"}' }, 'mappings.create_group.body_template', /^at character 10: \{group_name!s\} uses a conversion \(!s\)/],
    ['a format spec {group_name:>20}', { body_template: '{"name":"{group_name:>20}"}' }, 'mappings.create_group.body_template', /^at character 10: \{group_name:>20\} uses a format spec \(:>20\)/],
    ['a format spec in a header', { headers: { 'X-Group': '{group_name:>20}' } }, 'mappings.create_group.headers.X-Group', /^at character 1: \{group_name:>20\} uses a format spec/],
    ['a conversion in a query parameter', { query_params: { name: 'x{group_name!r}' } }, 'mappings.create_group.query_params.name', /^at character 2: \{group_name!r\} uses a conversion/],
    ['a brace that closes nothing', { url_template: 'https://api.example.com/v1/groups}' }, 'mappings.create_group.url_template', /^at character 34: "\}" closes nothing; write \}\} for a literal brace/],
    ['an error_message_path with an empty segment', { error_message_path: 'error..message' }, 'mappings.create_group.error_message_path', /^"error\.\.message" has an empty segment/],
  ])('refuses %s on an enabled instance with the field and position, and saves nothing', async (_name, change, path, message) => {
    const before = await connectorCount();
    const res = await admin.post('/api/connectors').send(enabledWith(uniqueName('Refused'), change)).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual([{ path, message: expect.stringMatching(message) }]);
    expect(res.body.message).toContain(`${path}: `);
    expect(await connectorCount()).toBe(before);
  });

  it('refuses the same forms on PATCH and leaves the stored instance as it was', async () => {
    const created = await admin.post('/api/connectors').send(enabledWith(uniqueName('Patched'))).expect(201);
    const res = await admin
      .patch(`/api/connectors/${created.body.id}`)
      .send({ mappings: { create_group: { ...createGroup, body_template: '{"name":"{group_name:>20}"}' } } })
      .expect(400);
    expect(res.body.details).toEqual([{ path: 'mappings.create_group.body_template', message: expect.stringMatching(/^at character 10: \{group_name:>20\}/) }]);
    const stored = await admin.get(`/api/connectors/${created.body.id}`).expect(200);
    expect(stored.body.mappings.create_group).toEqual(createGroup);
  });

  it('sends {{group_name}} as the literal text {group_name}, as str.format does', async () => {
    const created = await admin
      .post('/api/connectors')
      .send(enabledWith(uniqueName('Escaped'), { body_template: '{"name":"{group_name}","note":"{{group_name}}"}' }))
      .expect(201);
    const res = await admin.post(`/api/connectors/${created.body.id}/preview`).send({ operation: 'create_group', context: { group_name: 'Engineering' } }).expect(200);
    expect(JSON.parse(res.body.request.body)).toEqual({ name: 'Engineering', note: '{group_name}' });
  });

  it('keeps JSON structure braces, empty JSON objects included, valid as written', async () => {
    await admin
      .post('/api/connectors')
      .send(enabledWith(uniqueName('Json'), { body_template: '{ "name": "{group_name}", "attributes": {}, "tags": [{"k": "v"}] }' }))
      .expect(201);
  });

  it('refuses http:// URLs in every mapping and in oauth_token_url of an enabled instance', async () => {
    const res = await admin
      .post('/api/connectors')
      .send({
        name: uniqueName('Plain http'),
        enabled: true,
        auth: { type: 'oauth2_client_credentials', oauth_token_url: 'http://id.example.com/oauth/token', oauth_client_id: 'client' },
        capabilities: { create_group: true, delete_group: false },
        mappings: {
          create_group: { ...createGroup, url_template: 'http://api.example.com/v1/groups' },
          delete_group: { http_method: 'DELETE', url_template: 'http://api.example.com/v1/groups/{group_id}' },
        },
      })
      .expect(400);
    const https = /^HTTPS is required: http:\/\/(api|id)\.example\.com uses plain http\. To call it anyway \(a local test service\), turn on "Allow insecure HTTP" in the instance's Settings tab/;
    expect(res.body.details).toEqual([
      { path: 'mappings.create_group.url_template', message: expect.stringMatching(https) },
      { path: 'mappings.delete_group.url_template', message: expect.stringMatching(https) },
      { path: 'auth.oauth_token_url', message: expect.stringMatching(https) },
    ]);
  });

  it('refuses http:// on enabling a disabled instance, and accepts it with allowInsecureHttp outside production', async () => {
    const body = enabledWith(uniqueName('Local app'), { url_template: 'http://localhost:8080/v1/groups' }, { enabled: false });
    const created = await admin.post('/api/connectors').send(body).expect(201);
    const refused = await admin.patch(`/api/connectors/${created.body.id}`).send({ enabled: true }).expect(400);
    expect(refused.body.details.map((d: Detail) => d.path)).toEqual(['mappings.create_group.url_template']);
    expect((await admin.get(`/api/connectors/${created.body.id}`).expect(200)).body.enabled).toBe(false);
    const allowed = await admin.patch(`/api/connectors/${created.body.id}`).send({ enabled: true, allowInsecureHttp: true }).expect(200);
    expect(allowed.body).toMatchObject({ enabled: true, allowInsecureHttp: true });
  });

  it('saves warnings (no secret, deactivation as delete without delete_user) without refusing', async () => {
    const res = await admin.post('/api/connectors').send(enabledWith(uniqueName('Warnings'), {}, { deactivationAsDelete: true })).expect(201);
    expect(res.body).toMatchObject({ enabled: true, hasSecret: false, deactivationAsDelete: true });
  });

  it('a stored configuration a newer rule refuses still loads, is never sent literally, and is refused on its next save until fixed', async () => {
    const created = await admin.post('/api/connectors').send(enabledWith(uniqueName('Older'))).expect(201);
    const older = { create_group: { ...createGroup, url_template: 'https://api.example.com/v1/groups/{0}' } };
    await t.dataSource.query('UPDATE connectors SET mappings = $1 WHERE id = $2', [JSON.stringify(older), created.body.id]);

    const loaded = await admin.get(`/api/connectors/${created.body.id}`).expect(200);
    expect(loaded.body.mappings).toEqual(older);
    const preview = await admin.post(`/api/connectors/${created.body.id}/preview`).send({ operation: 'create_group' }).expect(400);
    expect(JSON.stringify(preview.body)).toMatch(/at character 35: \{0\} is a positional placeholder/);

    const rename = await admin.patch(`/api/connectors/${created.body.id}`).send({ name: uniqueName('Renamed') }).expect(400);
    expect(rename.body.details).toEqual([{ path: 'mappings.create_group.url_template', message: expect.stringMatching(/^at character 35: \{0\}/) }]);
    await admin
      .patch(`/api/connectors/${created.body.id}`)
      .send({ mappings: { create_group: createGroup } })
      .expect(200);
  });
});
