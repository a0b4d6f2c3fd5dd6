import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createApiKey, createIntegration, EMPLOYEES_MONITORING, employees, push, SEED_EMPLOYEES_BODY, USER_ACCESS_MONITORING } from './support/ingest.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

type Submission = {
  id: string;
  receivedAt: string;
  status: 'accepted' | 'refused';
  recordCount: number;
  errorCount: number;
  apiKeyName: string;
  bodyBytes: number;
  firstErrors: { index: number | null; path: string; message: string }[];
};

describe('ingest history', () => {
  let t: TestApp;
  let a: Admin;
  let b: Admin;
  let key: string;
  let integrationId: string;
  const history = (admin: Admin, id: string, context = 'list_employees', query = '') => admin.get(`/api/integrations/${id}/contexts/${context}/submissions${query}`);

  beforeAll(async () => {
    t = await startTestApp();
    a = await signUpAdmin(t, { companyName: 'Alpha Ltd' });
    b = await signUpAdmin(t, { companyName: 'Beta GmbH' });
    key = (await createApiKey(a, 'Workday export')).key;
    integrationId = await createIntegration(a, [EMPLOYEES_MONITORING, USER_ACCESS_MONITORING]);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET /api/integrations/:id/contexts/:contextKey/submissions', () => {
    let accepted: { submissionId: string; receivedAt: string };

    beforeAll(async () => {
      accepted = (await push(t, key, integrationId, 'list_employees', SEED_EMPLOYEES_BODY).expect(200)).body;
      // 30 invalid records, one of them carrying a value that must not be kept.
      const invalid = employees(30).map((r) => ({ ...r, email: `broken ${r.id}`, manager: 'SECRET-MANAGER-NAME' }));
      await push(t, key, integrationId, 'list_employees', { data: invalid }).expect(400);
      await push(t, key, integrationId, 'list_employees', '{"data": [', {}).expect(400);
      await push(t, key, integrationId, 'list_employees', SEED_EMPLOYEES_BODY, { 'Content-Type': 'text/csv' }).expect(415);
    });

    it('lists accepted and refused pushes newest first, with the first errors of refusals', async () => {
      const res = await history(a, integrationId).expect(200);
      const list = res.body as Submission[];
      expect(list.map((s) => s.status)).toEqual(['refused', 'refused', 'refused', 'accepted']);
      expect(list.map((s) => s.receivedAt)).toEqual([...list.map((s) => s.receivedAt)].sort().reverse());

      const [unsupported, notJson, invalid, ok] = list;
      expect(ok).toEqual({
        id: accepted.submissionId,
        receivedAt: accepted.receivedAt,
        status: 'accepted',
        recordCount: 3,
        errorCount: 0,
        apiKeyName: 'Workday export',
        bodyBytes: Buffer.byteLength(SEED_EMPLOYEES_BODY),
        firstErrors: [],
      });
      expect(invalid).toMatchObject({ status: 'refused', recordCount: 30, errorCount: 30, apiKeyName: 'Workday export' });
      expect(invalid!.firstErrors).toHaveLength(10);
      expect(invalid!.firstErrors[0]).toEqual({ index: 0, path: 'email', message: expect.stringMatching(/^must be a valid email address/) });
      expect(notJson!.firstErrors).toEqual([{ index: null, path: '', message: expect.stringMatching(/^Invalid JSON at line 1, column 11/), line: 1, column: 11 }]);
      expect(unsupported).toMatchObject({ status: 'refused', errorCount: 1, firstErrors: [{ index: null, path: '', message: expect.stringMatching(/^Content-Type "text\/csv" is not accepted/) }] });
    });

    it('never keeps the body of a refused push', async () => {
      const rows = await t.dataSource.query(`SELECT * FROM ingest_submissions WHERE status = 'refused'`);
      expect(JSON.stringify(rows)).not.toContain('SECRET-MANAGER-NAME');
      const [records] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM ingest_records r JOIN ingest_submissions s ON s.id = r.submission_id WHERE s.status = 'refused'`,
      );
      expect(records.n).toBe(0);
    });

    it('does not record requests refused before the integration is known (401, 404)', async () => {
      const before = (await history(a, integrationId).expect(200)).body.length;
      await push(t, 'ghk_wrong', integrationId, 'list_employees', SEED_EMPLOYEES_BODY).expect(401);
      await push(t, key, integrationId, 'list_vendors', SEED_EMPLOYEES_BODY).expect(404);
      expect((await history(a, integrationId).expect(200)).body).toHaveLength(before);
    });

    it('honours limit and refuses a bad one', async () => {
      const res = await history(a, integrationId, 'list_employees', '?limit=2').expect(200);
      expect(res.body.map((s: Submission) => s.status)).toEqual(['refused', 'refused']);
      for (const bad of ['0', '101', 'ten']) {
        const refused = await history(a, integrationId, 'list_employees', `?limit=${bad}`).expect(400);
        expect(refused.body.details).toEqual([{ path: 'limit', message: 'limit must be a whole number from 1 to 100' }]);
      }
    });

    it('answers 404 naming the accepted contexts for a context the integration does not have', async () => {
      const res = await history(a, integrationId, 'list_vendors').expect(404);
      expect(res.body.acceptedContexts).toEqual(['list_employees', 'list_users', 'list_access_reviews']);
    });

    it('needs an admin session', async () => {
      await request(t.http).get(`/api/integrations/${integrationId}/contexts/list_employees/submissions`).expect(401);
    });

    it('answers 404 to another company, exactly as for an integration that does not exist', async () => {
      const theirs = await history(b, integrationId).expect(404);
      const missing = await history(b, UNKNOWN_UUID).expect(404);
      expect(theirs.body).toEqual(missing.body);
    });
  });

  describe('GET /api/integrations/:id/sync-status', () => {
    it('summarises each context: the last push, the last accepted one and the records held now', async () => {
      const target = await createIntegration(a, [EMPLOYEES_MONITORING, USER_ACCESS_MONITORING], 'Status');
      const first = (await push(t, key, target, 'list_employees', { data: employees(4) }).expect(200)).body;
      await push(t, key, target, 'list_employees', { data: [{ id: 'x', email: 'nope' }, { id: 'x' }] }).expect(400);
      const users = (await push(t, key, target, 'list_users', { data: [] }).expect(200)).body;

      const res = await a.get(`/api/integrations/${target}/sync-status`).expect(200);
      const history = (await a.get(`/api/integrations/${target}/contexts/list_employees/submissions`).expect(200)).body as Submission[];
      expect(res.body).toEqual([
        {
          context: 'list_employees',
          lastPushAt: history[0]!.receivedAt,
          lastStatus: 'refused',
          lastRecordCount: 2,
          lastErrorCount: 2,
          lastAcceptedAt: first.receivedAt,
          recordsNow: 4,
        },
        { context: 'list_users', lastPushAt: users.receivedAt, lastStatus: 'accepted', lastRecordCount: 0, lastErrorCount: 0, lastAcceptedAt: users.receivedAt, recordsNow: 0 },
        { context: 'list_access_reviews', lastPushAt: null, lastStatus: null, lastRecordCount: null, lastErrorCount: null, lastAcceptedAt: null, recordsNow: 0 },
      ]);
    });

    it('answers 404 to another company, exactly as for an integration that does not exist', async () => {
      const theirs = await b.get(`/api/integrations/${integrationId}/sync-status`).expect(404);
      const missing = await b.get(`/api/integrations/${UNKNOWN_UUID}/sync-status`).expect(404);
      expect(theirs.body).toEqual(missing.body);
    });
  });

  describe('GET /api/ingest/last-pushes', () => {
    it("answers each integration's newest push, accepted or refused, to any context; none for an integration never pushed to; only the company's own", async () => {
      const pushed = await createIntegration(a, [EMPLOYEES_MONITORING, USER_ACCESS_MONITORING], 'Last push');
      const quiet = await createIntegration(a, [EMPLOYEES_MONITORING], 'Never pushed');
      await push(t, key, pushed, 'list_employees', { data: employees(3) }).expect(200);
      await push(t, key, pushed, 'list_users', { data: [{ id: 'u1' }] }).expect(400);
      const refused = (await a.get(`/api/integrations/${pushed}/contexts/list_users/submissions`).expect(200)).body as Submission[];

      const mine = (await a.get('/api/ingest/last-pushes').expect(200)).body as Array<{ integrationId: string }>;
      expect(mine.find((p) => p.integrationId === pushed)).toEqual({
        integrationId: pushed,
        context: 'list_users',
        at: refused[0]!.receivedAt,
        status: 'refused',
        recordCount: 1,
        errorCount: refused[0]!.errorCount,
      });
      expect(mine.find((p) => p.integrationId === quiet)).toBeUndefined();

      // Another company sees none of them; without a session there is nothing.
      const theirs = (await b.get('/api/ingest/last-pushes').expect(200)).body as Array<{ integrationId: string }>;
      expect(theirs).toEqual([]);
      await request(t.http).get('/api/ingest/last-pushes').expect(401);
    });
  });
});
