import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createApiKey, createIntegration, EMPLOYEES_MONITORING, employees, push, USER_ACCESS_MONITORING } from './support/ingest.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

type Page = { submissionId: string | null; total: number; page: number; pageSize: number; items: { index: number; data: Record<string, string> }[] };

describe('GET /api/integrations/:id/contexts/:contextKey/records', () => {
  let t: TestApp;
  let a: Admin;
  let b: Admin;
  let key: string;
  let integrationId: string;
  let older: string;
  let latest: string;
  const records = (admin: Admin, id: string, query = '', context = 'list_employees') => admin.get(`/api/integrations/${id}/contexts/${context}/records${query}`);

  beforeAll(async () => {
    t = await startTestApp();
    a = await signUpAdmin(t, { companyName: 'Alpha Ltd' });
    b = await signUpAdmin(t, { companyName: 'Beta GmbH' });
    key = (await createApiKey(a)).key;
    integrationId = await createIntegration(a, [EMPLOYEES_MONITORING, USER_ACCESS_MONITORING]);
    older = (await push(t, key, integrationId, 'list_employees', { data: employees(3, 500) }).expect(200)).body.submissionId;
    const data = employees(25).map((r, i) => (i === 7 ? { ...r, manager: 'Ada LOVELACE', department: '100%_Remote' } : r));
    latest = (await push(t, key, integrationId, 'list_employees', { data }).expect(200)).body.submissionId;
  });
  afterAll(async () => {
    await t.close();
  });

  it('pages through the latest accepted submission in record order', async () => {
    const first = (await records(a, integrationId).expect(200)).body as Page;
    expect(first).toMatchObject({ submissionId: latest, total: 25, page: 1, pageSize: 50 });
    expect(first.items.map((i) => i.index)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(first.items[0]!.data).toEqual(employees(1)[0]);

    const third = (await records(a, integrationId, '?page=3&pageSize=10').expect(200)).body as Page;
    expect(third).toMatchObject({ submissionId: latest, total: 25, page: 3, pageSize: 10 });
    expect(third.items.map((i) => i.index)).toEqual([20, 21, 22, 23, 24]);
    const beyond = (await records(a, integrationId, '?page=4&pageSize=10').expect(200)).body as Page;
    expect(beyond).toMatchObject({ total: 25, items: [] });
  });

  it('searches the JSON text of each record, case-insensitively, with % and _ taken literally', async () => {
    const byName = (await records(a, integrationId, '?q=ada%20lovelace').expect(200)).body as Page;
    expect(byName).toMatchObject({ total: 1, items: [{ index: 7 }] });
    const byEmail = (await records(a, integrationId, '?q=PERSON2&pageSize=2').expect(200)).body as Page;
    // person2@, person20@ … person24@
    expect(byEmail.total).toBe(6);
    expect(byEmail.items.map((i) => i.index)).toEqual([2, 20]);
    expect(((await records(a, integrationId, `?q=${encodeURIComponent('100%_')}`).expect(200)).body as Page).total).toBe(1);
    expect(((await records(a, integrationId, `?q=${encodeURIComponent('%_rem')}`).expect(200)).body as Page).total).toBe(1);
    expect(((await records(a, integrationId, '?q=%25').expect(200)).body as Page).total).toBe(1);
    expect(((await records(a, integrationId, '?q=nobody-has-this').expect(200)).body as Page)).toMatchObject({ total: 0, items: [] });
  });

  it('shows an earlier accepted submission by id', async () => {
    const res = (await records(a, integrationId, `?submission=${older}`).expect(200)).body as Page;
    expect(res).toMatchObject({ submissionId: older, total: 3 });
    expect(res.items[0]!.data.id).toBe('emp_000500');
  });

  it('answers an empty page before the first accepted submission', async () => {
    const res = await records(a, integrationId, '', 'list_users').expect(200);
    expect(res.body).toEqual({ submissionId: null, total: 0, page: 1, pageSize: 50, items: [] });
  });

  it('answers 404 for a submission that is not an accepted one of this context', async () => {
    await records(a, integrationId, `?submission=${UNKNOWN_UUID}`).expect(404);
    await records(a, integrationId, `?submission=${older}`, 'list_users').expect(404);
    const refused = await push(t, key, integrationId, 'list_employees', { data: [{ id: 1 }] }).expect(400);
    expect(refused.body.errorCount).toBe(1);
    const [row] = await t.dataSource.query(`SELECT id FROM ingest_submissions WHERE status = 'refused' LIMIT 1`);
    const res = await records(a, integrationId, `?submission=${row.id}`).expect(404);
    expect(res.body.message).toBe('Submission not found');
  });

  it.each([
    ['pageSize over 200', '?pageSize=201', 'pageSize', 'pageSize must be a whole number from 1 to 200'],
    ['page 0', '?page=0', 'page', 'page must be a whole number from 1 to 1000000'],
    ['a malformed submission', '?submission=yesterday', 'submission', 'submission must be "latest" or a submission id'],
  ])('refuses %s with 400', async (_what, query, path, message) => {
    const res = await records(a, integrationId, query).expect(400);
    expect(res.body.details).toEqual([{ path, message }]);
  });

  it('needs an admin session', async () => {
    await request(t.http).get(`/api/integrations/${integrationId}/contexts/list_employees/records`).expect(401);
  });

  it('answers 404 to another company, for the integration and for its submission ids', async () => {
    const theirs = await records(b, integrationId).expect(404);
    const missing = await records(b, UNKNOWN_UUID).expect(404);
    expect(theirs.body).toEqual(missing.body);
    const ownIntegration = await createIntegration(b, [EMPLOYEES_MONITORING], 'Beta HR');
    await records(b, ownIntegration, `?submission=${latest}`).expect(404);
  });
});
