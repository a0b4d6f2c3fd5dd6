import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { integrationDetailSchema, integrationListResponseSchema, type IntegrationDetail } from '@gatehouse/contracts';
import { validateRequestBody } from '@gatehouse/schemas';
import request from 'supertest';
import { createApiKey, employees, push } from './support/ingest.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

// http: with https the session cookie is Secure and the plain-http test client would not send it.
const PUBLIC_URL = 'http://gatehouse.example.com:8080';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

describe('Integrations', () => {
  let t: TestApp;
  let admin: Admin;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: `${PUBLIC_URL}/` });
    admin = await signUpAdmin(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const create = async (who: Admin, body: object): Promise<IntegrationDetail> => {
    const res = await who.post('/api/integrations').send(body).expect(201);
    return integrationDetailSchema.parse(res.body);
  };

  describe('POST /api/integrations', () => {
    it('creates an integration: name trimmed, duplicate monitorings dropped, one endpoint per context', async () => {
      const res = await admin
        .post('/api/integrations')
        .send({ name: '  In-house HR System  ', description: 'Employees and their access', monitoringIds: ['user_access_review', 'employee_onboarding_offboarding', 'user_access_review'] })
        .expect(201);
      const body = integrationDetailSchema.parse(res.body);
      expect(body).toMatchObject({ name: 'In-house HR System', description: 'Employees and their access', kind: 'custom', hasLogo: false, logoUrl: null });
      // Catalog order, each once.
      expect(body.monitorings.map((m) => m.id)).toEqual(['employee_onboarding_offboarding', 'user_access_review']);
      expect(body.monitorings[0]).toMatchObject({ key: 'employee_onboarding_offboarding', category: { key: 'hr', name: 'HR' } });
      expect(body.contexts.map((c) => c.key)).toEqual(['list_employees', 'list_users', 'list_access_reviews']);
      const rows = await t.dataSource.query('SELECT monitoring_key FROM integration_monitorings WHERE integration_id = $1 ORDER BY 1', [body.id]);
      expect(rows.map((r: { monitoring_key: string }) => r.monitoring_key)).toEqual(['employee_onboarding_offboarding', 'user_access_review']);
      const [row] = await t.dataSource.query('SELECT company_id, created_by FROM integrations WHERE id = $1', [body.id]);
      expect(row).toEqual({ company_id: admin.me.company.id, created_by: admin.me.user.id });
    });

    it('accepts no description (null) and a blank one (stored as none)', async () => {
      expect((await create(admin, { name: 'No description', monitoringIds: ['mfa_enforcement'] })).description).toBeNull();
      expect((await create(admin, { name: 'Blank', description: '   ', monitoringIds: ['mfa_enforcement'] })).description).toBeNull();
    });

    it('accepts a 100-character name and a 1000-character description', async () => {
      const body = await create(admin, { name: 'n'.repeat(100), description: 'd'.repeat(1000), monitoringIds: ['mfa_enforcement'] });
      expect(body.name).toHaveLength(100);
      expect(body.description).toHaveLength(1000);
    });

    it.each([
      ['no name', { monitoringIds: ['mfa_enforcement'] }, 'name', 'name is required'],
      ['a blank name', { name: '   ', monitoringIds: ['mfa_enforcement'] }, 'name', 'name must not be empty'],
      ['a 101-character name', { name: 'n'.repeat(101), monitoringIds: ['mfa_enforcement'] }, 'name', 'name must be at most 100 characters'],
      ['a number as name', { name: 42, monitoringIds: ['mfa_enforcement'] }, 'name', 'name must be a string'],
      ['a 1001-character description', { name: 'x', description: 'd'.repeat(1001), monitoringIds: ['mfa_enforcement'] }, 'description', 'description must be at most 1000 characters'],
      ['no monitorings', { name: 'x' }, 'monitoringIds', 'monitoringIds is required'],
      ['an empty selection', { name: 'x', monitoringIds: [] }, 'monitoringIds', 'select at least one monitoring'],
      ['a selection that is not an array', { name: 'x', monitoringIds: 'mfa_enforcement' }, 'monitoringIds', 'monitoringIds must be an array of monitoring ids'],
      ['a number in the selection', { name: 'x', monitoringIds: [7] }, 'monitoringIds[0]', 'each monitoring id must be a string'],
      ['an unknown field', { name: 'x', monitoringIds: ['mfa_enforcement'], logo: 'x' }, '(body)', 'unknown field "logo"'],
    ])('refuses %s with 400 naming the field', async (_what, body, path, message) => {
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM integrations');
      const res = await admin.post('/api/integrations').send(body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED' });
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringContaining(message) })]));
      const after = await t.dataSource.query('SELECT count(*)::int AS n FROM integrations');
      expect(after[0].n).toBe(before[0].n);
    });

    it('refuses unknown monitoring ids with 400 naming each of them, and creates nothing', async () => {
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM integrations');
      const res = await admin.post('/api/integrations').send({ name: 'x', monitoringIds: ['mfa_enforcement', 'mfa_enforcement', 'no_such_thing', 'nor_this'] }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toContain('no_such_thing, nor_this');
      // Positions in the array as sent.
      expect(res.body.details).toEqual([
        { path: 'monitoringIds[2]', message: 'unknown monitoring "no_such_thing"' },
        { path: 'monitoringIds[3]', message: 'unknown monitoring "nor_this"' },
      ]);
      const after = await t.dataSource.query('SELECT count(*)::int AS n FROM integrations');
      expect(after[0].n).toBe(before[0].n);
    });

    it('refuses a body that is not JSON with 400', async () => {
      const res = await admin.post('/api/integrations').set('Content-Type', 'application/json').send('{"name": ').expect(400);
      expect(res.body.message).toMatch(/not valid JSON/);
    });

    it('needs an admin session and its CSRF token', async () => {
      await request(t.http).post('/api/integrations').send({ name: 'x', monitoringIds: ['mfa_enforcement'] }).expect(401);
      const res = await admin.agent.post('/api/integrations').send({ name: 'x', monitoringIds: ['mfa_enforcement'] }).expect(403);
      expect(res.body.code).toBe('CSRF_FAILED');
    });
  });

  describe('GET /api/integrations/:id', () => {
    it('shows, per context, the schema, the absolute endpoint, POST, the required headers, a valid sample body and a curl example', async () => {
      const created = await create(admin, { name: 'HR', monitoringIds: ['employee_onboarding_offboarding', 'background_checks', 'privileged_access'] });
      const res = await admin.get(`/api/integrations/${created.id}`).expect(200);
      const body = integrationDetailSchema.parse(res.body);
      expect(body).toEqual(created);

      // list_employees is needed by two of the monitorings: shown once, naming both.
      expect(body.contexts.map((c) => c.key)).toEqual(['list_employees', 'list_background_checks', 'list_users']);
      const employees = body.contexts[0]!;
      expect(employees.monitorings.map((m) => m.id)).toEqual(['employee_onboarding_offboarding', 'background_checks']);
      expect(employees.name).toBeTruthy();
      expect(employees.schema).toMatchObject({ type: 'object', title: 'Employee', required: ['id'] });
      expect(employees.method).toBe('POST');
      expect(employees.endpointUrl).toBe(`${PUBLIC_URL}/external/v2/integration/${body.id}/context/list_employees`);
      expect(employees.requiredHeaders).toEqual([
        { name: 'Content-Type', value: 'application/json' },
        { name: 'x-api-key', value: 'YOUR_API_KEY_HERE' },
      ]);
      expect(employees.validateUrl).toBe(`/api/integrations/${body.id}/contexts/list_employees/validate`);
      expect(employees.curlExample).toContain(`curl -X POST '${PUBLIC_URL}/external/v2/integration/${body.id}/context/list_employees'`);
      expect(employees.curlExample).toContain(`-H 'x-api-key: YOUR_API_KEY_HERE'`);
      expect(employees.curlExample).toContain(`-H 'Content-Type: application/json'`);

      for (const context of body.contexts) {
        expect(context.sampleRequestBody.data.length).toBeGreaterThan(0);
        expect(validateRequestBody(context.sampleRequestBody, context.key)).toMatchObject({ valid: true, errorCount: 0 });
        expect(context.curlExample).toContain(JSON.stringify(context.sampleRequestBody, null, 2).slice(0, 40));
      }
      expect(body.contexts.find((c) => c.key === 'list_users')!.schema).toMatchObject({ required: ['account_project_id', 'username', 'identifier'] });
    });

    it('answers a missing or malformed id with 404', async () => {
      const missing = await admin.get(`/api/integrations/${MISSING_ID}`).expect(404);
      expect(missing.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: 'Integration not found', details: [] });
      await admin.get('/api/integrations/not-a-uuid').expect(404);
      await admin.get(`/api/integrations/${MISSING_ID.toUpperCase()}x`).expect(404);
    });
  });

  describe('GET /api/integrations', () => {
    let other: Admin;
    beforeAll(async () => {
      other = await signUpAdmin(t);
      await create(other, { name: 'Okta export', monitoringIds: ['mfa_enforcement'] });
      await create(other, { name: 'okta Users', description: 'lower-case name', monitoringIds: ['user_access_review'] });
      await create(other, { name: 'Laptops 100%', monitoringIds: ['device_disk_encryption'] });
      await create(other, { name: 'HR feed', monitoringIds: ['employee_onboarding_offboarding', 'mfa_enforcement'] });
    });

    it('lists the company’s integrations as cards, by name', async () => {
      const res = await other.get('/api/integrations').expect(200);
      const list = integrationListResponseSchema.parse(res.body);
      expect(list.map((i) => i.name)).toEqual(['HR feed', 'Laptops 100%', 'Okta export', 'okta Users']);
      const hr = list[0]!;
      expect(hr).toMatchObject({ kind: 'custom', hasLogo: false, logoUrl: null, contextCount: 2 });
      expect(hr.monitorings.map((m) => m.id)).toEqual(['employee_onboarding_offboarding', 'mfa_enforcement']);
      expect(hr.categories).toEqual([
        { key: 'hr', name: 'HR' },
        { key: 'identity_access', name: 'Identity & Access' },
      ]);
    });

    it('?q= searches names case-insensitively, with % and _ taken literally', async () => {
      const okta = await other.get('/api/integrations?q=OKTA').expect(200);
      expect(okta.body.map((i: { name: string }) => i.name)).toEqual(['Okta export', 'okta Users']);
      const percent = await other.get('/api/integrations?q=0%25').expect(200);
      expect(percent.body.map((i: { name: string }) => i.name)).toEqual(['Laptops 100%']);
      await other.get('/api/integrations?q=_').expect(200, []);
      await other.get('/api/integrations?q=zzz').expect(200, []);
    });

    it('?category=custom lists the custom integrations; a monitoring category lists those using it', async () => {
      const custom = await other.get('/api/integrations?category=custom').expect(200);
      expect(custom.body).toHaveLength(4);
      const identity = await other.get('/api/integrations?category=identity_access').expect(200);
      expect(identity.body.map((i: { name: string }) => i.name)).toEqual(['HR feed', 'Okta export', 'okta Users']);
      const both = await other.get('/api/integrations?category=identity_access&q=users').expect(200);
      expect(both.body.map((i: { name: string }) => i.name)).toEqual(['okta Users']);
      await other.get('/api/integrations?category=no_such_category').expect(200, []);
    });

    it('never lists another company’s integrations', async () => {
      const mine = await admin.get('/api/integrations').expect(200);
      expect(mine.body.some((i: { name: string }) => i.name.startsWith('Okta'))).toBe(false);
      await admin.get('/api/integrations?q=okta').expect(200, []);
      await admin.get('/api/integrations?category=custom').expect(200).then((r) => expect(r.body.some((i: { name: string }) => i.name === 'HR feed')).toBe(false));
    });

    it('needs an admin session', async () => {
      await request(t.http).get('/api/integrations').expect(401);
    });
  });

  describe('PATCH /api/integrations/:id', () => {
    it('renames and re-describes; null or blank clears the description; updatedAt moves', async () => {
      const created = await create(admin, { name: 'Before', description: 'old', monitoringIds: ['mfa_enforcement'] });
      const renamed = await admin.patch(`/api/integrations/${created.id}`).send({ name: '  After ' }).expect(200);
      expect(renamed.body).toMatchObject({ name: 'After', description: 'old' });
      expect(new Date(renamed.body.updatedAt).getTime()).toBeGreaterThan(new Date(created.updatedAt).getTime());
      const described = await admin.patch(`/api/integrations/${created.id}`).send({ description: 'new words' }).expect(200);
      expect(described.body).toMatchObject({ name: 'After', description: 'new words' });
      await admin.patch(`/api/integrations/${created.id}`).send({ description: null }).expect(200).then((r) => expect(r.body.description).toBeNull());
      await admin.patch(`/api/integrations/${created.id}`).send({ description: 'x' }).expect(200);
      await admin.patch(`/api/integrations/${created.id}`).send({ description: '' }).expect(200).then((r) => expect(r.body.description).toBeNull());
      // Monitorings are untouched by a PATCH.
      expect(described.body.monitorings.map((m: { id: string }) => m.id)).toEqual(['mfa_enforcement']);
    });

    it.each([
      ['an empty body', {}, '(body)', 'nothing to change'],
      ['a blank name', { name: '' }, 'name', 'name must not be empty'],
      ['a too long description', { description: 'd'.repeat(1001) }, 'description', 'at most 1000'],
      ['monitorings (they have their own route)', { monitoringIds: ['mfa_enforcement'] }, '(body)', 'unknown field "monitoringIds"'],
    ])('refuses %s with 400', async (_what, body, path, message) => {
      const created = await create(admin, { name: 'Keep', monitoringIds: ['mfa_enforcement'] });
      const res = await admin.patch(`/api/integrations/${created.id}`).send(body).expect(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringContaining(message) })]));
      await admin.get(`/api/integrations/${created.id}`).expect(200).then((r) => expect(r.body.name).toBe('Keep'));
    });

    it('answers a missing or malformed id with 404', async () => {
      await admin.patch(`/api/integrations/${MISSING_ID}`).send({ name: 'x' }).expect(404);
      await admin.patch('/api/integrations/123').send({ name: 'x' }).expect(404);
    });
  });

  describe('PUT /api/integrations/:id/monitorings', () => {
    it('replaces the selection, and the contexts, schemas and endpoints follow', async () => {
      const created = await create(admin, { name: 'Evolving', monitoringIds: ['employee_onboarding_offboarding'] });
      expect(created.contexts.map((c) => c.key)).toEqual(['list_employees']);
      const res = await admin.put(`/api/integrations/${created.id}/monitorings`).send({ monitoringIds: ['mfa_enforcement', 'user_access_review', 'mfa_enforcement'] }).expect(200);
      const body = integrationDetailSchema.parse(res.body);
      expect(body.monitorings.map((m) => m.id)).toEqual(['user_access_review', 'mfa_enforcement']);
      expect(body.contexts.map((c) => c.key)).toEqual(['list_users', 'list_access_reviews', 'list_mfa_status']);
      expect(body.contexts.map((c) => c.endpointUrl)).toEqual(body.contexts.map((c) => `${PUBLIC_URL}/external/v2/integration/${body.id}/context/${c.key}`));
      expect(new Date(body.updatedAt).getTime()).toBeGreaterThan(new Date(created.updatedAt).getTime());
      // The details page shows the same.
      const again = await admin.get(`/api/integrations/${created.id}`).expect(200);
      expect(again.body.contexts.map((c: { key: string }) => c.key)).toEqual(['list_users', 'list_access_reviews', 'list_mfa_status']);
      const rows = await t.dataSource.query('SELECT monitoring_key FROM integration_monitorings WHERE integration_id = $1 ORDER BY 1', [created.id]);
      expect(rows).toEqual([{ monitoring_key: 'mfa_enforcement' }, { monitoring_key: 'user_access_review' }]);
    });

    it('keeps the rows of monitorings that stay selected', async () => {
      const created = await create(admin, { name: 'Keep rows', monitoringIds: ['mfa_enforcement'] });
      const [before] = await t.dataSource.query('SELECT created_at FROM integration_monitorings WHERE integration_id = $1', [created.id]);
      await admin.put(`/api/integrations/${created.id}/monitorings`).send({ monitoringIds: ['mfa_enforcement', 'privileged_access'] }).expect(200);
      const [after] = await t.dataSource.query(`SELECT created_at FROM integration_monitorings WHERE integration_id = $1 AND monitoring_key = 'mfa_enforcement'`, [created.id]);
      expect(after.created_at).toEqual(before.created_at);
    });

    it.each([
      ['an empty selection', { monitoringIds: [] }, 'monitoringIds', 'select at least one monitoring'],
      ['no selection', {}, 'monitoringIds', 'monitoringIds is required'],
      ['an unknown monitoring', { monitoringIds: ['mfa_enforcement', 'bogus'] }, 'monitoringIds[1]', 'unknown monitoring "bogus"'],
    ])('refuses %s with 400 and leaves the selection as it was', async (_what, body, path, message) => {
      const created = await create(admin, { name: 'Stable', monitoringIds: ['privileged_access'] });
      const res = await admin.put(`/api/integrations/${created.id}/monitorings`).send(body).expect(400);
      expect(res.body.details).toEqual(expect.arrayContaining([{ path, message }]));
      const now = await admin.get(`/api/integrations/${created.id}`).expect(200);
      expect(now.body.monitorings.map((m: { id: string }) => m.id)).toEqual(['privileged_access']);
    });

    it('asks before dropping a context that holds pushed data, keeps the data, and shows it again when the monitoring comes back', async () => {
      const created = await create(admin, { name: 'Live HR', monitoringIds: ['employee_onboarding_offboarding', 'mfa_enforcement'] });
      const { key } = await createApiKey(admin, 'live hr');
      const accepted = await push(t, key, created.id, 'list_employees', { data: employees(4) }).expect(200);
      const records = () => admin.get(`/api/integrations/${created.id}/contexts/list_employees/records`);

      const refused = await admin.put(`/api/integrations/${created.id}/monitorings`).send({ monitoringIds: ['mfa_enforcement'] }).expect(409);
      expect(refused.body.contexts).toEqual([{ key: 'list_employees', name: expect.any(String), recordsNow: 4, lastPushAt: accepted.body.receivedAt }]);
      expect(refused.body.message).toContain('list_employees (4 records');
      expect(refused.body.message).toContain('confirmRemovingContexts');
      // Nothing changed: pushes still go in.
      await push(t, key, created.id, 'list_employees', { data: employees(5) }).expect(200);
      // Dropping a context with no pushes needs no confirmation.
      await admin.put(`/api/integrations/${created.id}/monitorings`).send({ monitoringIds: ['employee_onboarding_offboarding'] }).expect(200);

      await admin.put(`/api/integrations/${created.id}/monitorings`).send({ monitoringIds: ['mfa_enforcement'], confirmRemovingContexts: ['list_employees'] }).expect(200);
      await push(t, key, created.id, 'list_employees', { data: employees(1) }).expect(404);
      await records().expect(404);
      // Selected again: the last accepted data is back as it was.
      await admin.put(`/api/integrations/${created.id}/monitorings`).send({ monitoringIds: ['employee_onboarding_offboarding'] }).expect(200);
      const back = await records().expect(200);
      expect(back.body.total).toBe(5);
      expect(back.body.items.map((i: { data: unknown }) => i.data)).toEqual(employees(5));
    });

    it('answers a missing or malformed id with 404', async () => {
      await admin.put(`/api/integrations/${MISSING_ID}/monitorings`).send({ monitoringIds: ['mfa_enforcement'] }).expect(404);
      await admin.put('/api/integrations/nope/monitorings').send({ monitoringIds: ['mfa_enforcement'] }).expect(404);
    });
  });

  describe('DELETE /api/integrations/:id', () => {
    it('deletes with 204, with its selection and logo', async () => {
      const created = await create(admin, { name: 'Doomed', monitoringIds: ['mfa_enforcement'] });
      await admin.put(`/api/integrations/${created.id}/logo`).attach('file', PNG, 'logo.png').expect(200);
      await admin.delete(`/api/integrations/${created.id}`).expect(204);
      await admin.get(`/api/integrations/${created.id}`).expect(404);
      await admin.delete(`/api/integrations/${created.id}`).expect(404);
      for (const table of ['integration_monitorings', 'integration_logos']) {
        const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE integration_id = $1`, [created.id]);
        expect(row.n).toBe(0);
      }
    });

    it('answers a malformed id with 404', async () => {
      await admin.delete('/api/integrations/not-a-uuid').expect(404);
    });
  });

  describe('company B and company A’s integration', () => {
    let a: Admin;
    let b: Admin;
    let id: string;
    beforeAll(async () => {
      a = await signUpAdmin(t);
      b = await signUpAdmin(t);
      id = (await create(a, { name: 'A private', description: 'A only', monitoringIds: ['employee_onboarding_offboarding'] })).id;
      await a.put(`/api/integrations/${id}/logo`).attach('file', PNG, 'logo.png').expect(200);
    });

    it('answers 404 on every route, exactly as for a missing integration', async () => {
      const missing = await b.get(`/api/integrations/${MISSING_ID}`).expect(404);
      const attempts = [
        b.get(`/api/integrations/${id}`),
        b.patch(`/api/integrations/${id}`).send({ name: 'Hijacked' }),
        b.put(`/api/integrations/${id}/monitorings`).send({ monitoringIds: ['mfa_enforcement'] }),
        b.delete(`/api/integrations/${id}`),
        b.get(`/api/integrations/${id}/logo`),
        b.put(`/api/integrations/${id}/logo`).attach('file', PNG, 'logo.png'),
        b.delete(`/api/integrations/${id}/logo`),
        b.post(`/api/integrations/${id}/contexts/list_employees/validate`).send({ data: [{ id: '1' }] }),
        b.post(`/api/integrations/${id}/contexts/list_employees/validate`).attach('file', Buffer.from('{"data":[]}'), 'x.json'),
      ];
      for (const attempt of attempts) {
        const res = await attempt.expect(404);
        expect(res.body).toEqual(missing.body);
      }
    });

    it('leaves A’s integration exactly as it was', async () => {
      const res = await a.get(`/api/integrations/${id}`).expect(200);
      expect(res.body).toMatchObject({ name: 'A private', description: 'A only', hasLogo: true });
      expect(res.body.monitorings.map((m: { id: string }) => m.id)).toEqual(['employee_onboarding_offboarding']);
      await a.get(`/api/integrations/${id}/logo`).expect(200);
    });

    it('B never sees it in any list', async () => {
      for (const url of ['/api/integrations', '/api/integrations?category=custom', '/api/integrations?category=hr', '/api/integrations?q=private']) {
        const res = await b.get(url).expect(200);
        expect(res.body.map((i: { id: string }) => i.id)).not.toContain(id);
      }
    });
  });
});
