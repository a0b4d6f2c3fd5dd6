import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StripAuthSecrets1763956000000 } from '../../src/database/migrations/1763956000000-strip-auth-secrets.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from '../support/test-app.js';

const PLAINTEXT = 's3cr3t-plaintext-in-auth-77';

describe('hostile: plaintext secrets inside auth (POST, PATCH, copy, GET)', () => {
  let t: TestApp;
  let admin: Admin;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signUpAdmin(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const stored = async () => JSON.stringify(await t.dataSource.query('SELECT auth FROM connectors WHERE company_id = $1', [admin.me.company.id]));

  const secretAuths: Array<[string, Record<string, unknown>]> = [
    ['auth.api_token', { type: 'bearer', api_token: PLAINTEXT }],
    ['auth.password', { type: 'basic', basic_username: 'svc', password: PLAINTEXT }],
    ['auth.client_secret', { type: 'oauth2_client_credentials', oauth_token_url: 'https://id.example.com/token', oauth_client_id: 'c', client_secret: PLAINTEXT }],
    ['auth.oauth_client_secret', { type: 'oauth2_client_credentials', oauth_token_url: 'https://id.example.com/token', oauth_client_id: 'c', oauth_client_secret: PLAINTEXT }],
    ['auth.api_key', { type: 'api_key_header', api_key_header_name: 'X-Api-Key', api_key: PLAINTEXT }],
    ['auth.extra.token', { type: 'bearer', extra: { token: PLAINTEXT } }],
  ];

  it.each(secretAuths)('POST with %s is a 400 naming the one way in, disabled or enabled, and stores nothing', async (path, auth) => {
    for (const enabled of [false, true]) {
      const res = await admin.post('/api/connectors').send({ name: `Plain ${path} ${enabled}`, enabled, auth }).expect(400);
      expect(res.body.message).toContain('PUT /api/connectors/{id}/secret');
      expect(res.body.details).toEqual([{ path, message: expect.stringContaining('does not belong in auth') }]);
      expect(JSON.stringify(res.body)).not.toContain(PLAINTEXT);
    }
    expect(await stored()).not.toContain(PLAINTEXT);
  });

  it('PATCH of a disabled connector with a secret in auth is a 400 and changes nothing', async () => {
    const created = await admin.post('/api/connectors').send({ name: 'Patch me', auth: { type: 'bearer' } }).expect(201);
    const res = await admin.patch(`/api/connectors/${created.body.id}`).send({ name: 'Renamed', auth: { type: 'bearer', api_token: PLAINTEXT } }).expect(400);
    expect(res.body.message).toContain('PUT /api/connectors/{id}/secret');
    const after = await admin.get(`/api/connectors/${created.body.id}`).expect(200);
    expect(after.body).toMatchObject({ name: 'Patch me', auth: { type: 'bearer' }, hasSecret: false });
    expect(await stored()).not.toContain(PLAINTEXT);
  });

  it('a secret stored in auth before saves refused it: never returned by GET, not carried by copy, removed by the migration', async () => {
    const created = await admin.post('/api/connectors').send({ name: 'From before', auth: { type: 'basic', basic_username: 'svc' } }).expect(201);
    const id = created.body.id as string;
    await t.dataSource.query(`UPDATE connectors SET auth = $2::jsonb WHERE id = $1`, [id, JSON.stringify({ type: 'basic', basic_username: 'svc', password: PLAINTEXT })]);

    const list = await admin.get('/api/connectors').expect(200);
    const one = await admin.get(`/api/connectors/${id}`).expect(200);
    expect(JSON.stringify([list.body, one.body])).not.toContain(PLAINTEXT);
    expect(one.body.auth).toEqual({ type: 'basic', basic_username: 'svc' });

    const copy = await admin.post(`/api/connectors/${id}/copy`).send({ name: 'Copy of from before' }).expect(201);
    expect(copy.body.auth).toEqual({ type: 'basic', basic_username: 'svc' });
    const [copied] = await t.dataSource.query('SELECT auth FROM connectors WHERE id = $1', [copy.body.id]);
    expect(JSON.stringify(copied)).not.toContain(PLAINTEXT);

    const runner = t.dataSource.createQueryRunner();
    try {
      await new StripAuthSecrets1763956000000().up(runner);
    } finally {
      await runner.release();
    }
    const [migrated] = await t.dataSource.query('SELECT auth FROM connectors WHERE id = $1', [id]);
    expect(migrated.auth).toEqual({ type: 'basic', basic_username: 'svc' });
    expect(await stored()).not.toContain(PLAINTEXT);
  });
});
