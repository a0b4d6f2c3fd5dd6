import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiKey, employees, EMPLOYEES_MONITORING, push } from './support/ingest.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

// Validate must not call "valid" a file the push refuses unread for its size: the server's push
// limit (INGEST_MAX_BODY_MB, 1 MB here) is part of the verdict, and the web app reads it from the
// integration's details to judge a file before uploading it.
describe('POST /api/integrations/:id/contexts/:contextKey/validate over the push limit', () => {
  let t: TestApp;
  let admin: Admin;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp({ INGEST_MAX_BODY_MB: '1' });
    admin = await signUpAdmin(t);
    id = (await admin.post('/api/integrations').send({ name: 'HR', monitoringIds: [EMPLOYEES_MONITORING] }).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('tells each context the push limit', async () => {
    const detail = await admin.get(`/api/integrations/${id}`).expect(200);
    expect(detail.body.contexts.map((c: { maxPushBytes: number }) => c.maxPushBytes)).toEqual([1024 * 1024]);
  });

  it('calls a file over the push limit not valid, naming both sizes and what to do, although every record is; the push refuses it', async () => {
    const text = JSON.stringify({ data: employees(6_000) });
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const res = await admin.post(`/api/integrations/${id}/contexts/list_employees/validate`).attach('file', Buffer.from(text), 'records.json').expect(200);
    expect(res.body).toMatchObject({ valid: false, errorCount: 1, errors: [{ index: null, path: '' }] });
    expect(res.body.errors[0].message).toMatch(/^The file is \d(\.\d)? MB, over the push limit of 1 MB: a push of it is refused \(413\)/);
    expect(res.body.errors[0].message).toContain('INGEST_MAX_BODY_MB');
    const { key } = await createApiKey(admin);
    await push(t, key, id, 'list_employees', text).expect(413);
  });

  it('still checks a file within the limit', async () => {
    const text = JSON.stringify({ data: employees(10) });
    const res = await admin.post(`/api/integrations/${id}/contexts/list_employees/validate`).attach('file', Buffer.from(text), 'records.json').expect(200);
    expect(res.body).toEqual({ valid: true, recordCount: 10, errorCount: 0, errors: [] });
  });
});
