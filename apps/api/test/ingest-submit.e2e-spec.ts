import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  createApiKey,
  createIntegration,
  EMPLOYEES_MONITORING,
  employees,
  ingestPath,
  push,
  rawPost,
  SEED_EMPLOYEES_BODY,
  SEED_USERS_BODY,
  USER_ACCESS_MONITORING,
} from './support/ingest.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MB = 1024 * 1024;

async function counts(t: TestApp, integrationId: string) {
  const [row] = await t.dataSource.query(
    `SELECT (SELECT count(*)::int FROM ingest_submissions WHERE integration_id = $1 AND status = 'accepted') AS accepted,
            (SELECT count(*)::int FROM ingest_submissions WHERE integration_id = $1 AND status = 'refused') AS refused,
            (SELECT count(*)::int FROM ingest_records WHERE integration_id = $1) AS records`,
    [integrationId],
  );
  return row as { accepted: number; refused: number; records: number };
}

describe('POST /external/v2/integration/:integrationId/context/:contextKey', () => {
  let t: TestApp;
  let a: Admin;
  let b: Admin;
  let key: string;
  let integrationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    a = await signUpAdmin(t, { companyName: 'Alpha Ltd' });
    b = await signUpAdmin(t, { companyName: 'Beta GmbH' });
    key = (await createApiKey(a)).key;
    integrationId = await createIntegration(a, [EMPLOYEES_MONITORING, USER_ACCESS_MONITORING]);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('accepted submissions', () => {
    it('accepts the published Employee records example exactly as documented and stores each record in order', async () => {
      const res = await push(t, key, integrationId, 'list_employees', SEED_EMPLOYEES_BODY).expect(200);
      expect(res.body).toEqual({ submissionId: expect.any(String), integrationId, context: 'list_employees', accepted: 3, receivedAt: expect.stringMatching(ISO) });
      const records = await t.dataSource.query('SELECT idx, record_key, data, company_id FROM ingest_records WHERE submission_id = $1 ORDER BY idx', [res.body.submissionId]);
      expect(records.map((r: { record_key: string }) => r.record_key)).toEqual(['emp_001', 'emp_002', 'emp_003']);
      expect(records.map((r: { data: unknown }) => r.data)).toEqual(JSON.parse(SEED_EMPLOYEES_BODY).data);
      expect(records[0].company_id).toBe(a.me.company.id);
      const [submission] = await t.dataSource.query('SELECT * FROM ingest_submissions WHERE id = $1', [res.body.submissionId]);
      expect(submission).toMatchObject({ status: 'accepted', record_count: 3, error_count: 0, first_errors: null, api_key_name: 'HR sync', context_key: 'list_employees' });
      expect(Number(submission.body_bytes)).toBe(Buffer.byteLength(SEED_EMPLOYEES_BODY));
      expect(submission.received_at.toISOString()).toBe(res.body.receivedAt);
    });

    it('accepts the published User access records example exactly as documented, keyed by identifier', async () => {
      const res = await push(t, key, integrationId, 'list_users', SEED_USERS_BODY).expect(200);
      expect(res.body).toMatchObject({ integrationId, context: 'list_users', accepted: 3 });
      const records = await t.dataSource.query('SELECT record_key FROM ingest_records WHERE submission_id = $1 ORDER BY idx', [res.body.submissionId]);
      expect(records.map((r: { record_key: string }) => r.record_key)).toEqual([
        'arn:aws:iam::123456789012:user/sarah.johnson',
        'arn:aws:iam::123456789012:user/michael.chen',
        'arn:aws:iam::123456789012:user/contractor_001',
      ]);
    });

    it('accepts a gzip-compressed body', async () => {
      const body = JSON.stringify({ data: employees(500) });
      const res = await push(t, key, integrationId, 'list_employees', gzipSync(body), { 'Content-Encoding': 'gzip' }).expect(200);
      expect(res.body.accepted).toBe(500);
      const [row] = await t.dataSource.query('SELECT body_bytes FROM ingest_submissions WHERE id = $1', [res.body.submissionId]);
      expect(Number(row.body_bytes)).toBe(gzipSync(body).length);
    });

    it('accepts application/json with a UTF-8 charset', async () => {
      await push(t, key, integrationId, 'list_employees', SEED_EMPLOYEES_BODY, { 'Content-Type': 'application/json; charset=utf-8' }).expect(200);
    });

    it('accepts an empty array as a submission of zero records', async () => {
      const res = await push(t, key, integrationId, 'list_access_reviews', { data: [] }).expect(200);
      expect(res.body).toMatchObject({ context: 'list_access_reviews', accepted: 0 });
      const [row] = await t.dataSource.query('SELECT status, record_count FROM ingest_submissions WHERE id = $1', [res.body.submissionId]);
      expect(row).toEqual({ status: 'accepted', record_count: 0 });
    });
  });

  describe('properties the schema does not define', () => {
    it('are accepted and stored as sent, and the answer warns about each, naming the likely intended property', async () => {
      const data = employees(3).map((r, i) => {
        if (i !== 1) return r;
        const { employee_name, ...rest } = r;
        return { ...rest, employe_name: employee_name, shoe_size: 42 };
      });
      const res = await push(t, key, integrationId, 'list_employees', { data }).expect(200);
      expect(res.body).toMatchObject({ accepted: 3, warningCount: 2 });
      expect(res.body.warnings).toEqual([
        { index: 1, path: 'employe_name', message: 'is not in the schema; did you mean `employee_name`?' },
        { index: 1, path: 'shoe_size', message: 'is not in the schema, so it is stored but no check or monitoring reads it' },
      ]);
      const stored = await a.get(`/api/integrations/${integrationId}/contexts/list_employees/records`).expect(200);
      expect(stored.body.items[1].data).toEqual(data[1]);
      // Validate says the same of the same body, and still calls it valid.
      const checked = await a.post(`/api/integrations/${integrationId}/contexts/list_employees/validate`).attach('file', Buffer.from(JSON.stringify({ data })), 'employees.json').expect(200);
      expect(checked.body).toEqual({ valid: true, recordCount: 3, errorCount: 0, errors: [], warningCount: 2, warnings: res.body.warnings });
    });

    it('are refused, with the same names and nothing stored, once the integration is set to strict; turning it off accepts them again', async () => {
      const strictId = await createIntegration(a, [EMPLOYEES_MONITORING], 'Strict HR');
      const set = await a.patch(`/api/integrations/${strictId}`).send({ strict: true }).expect(200);
      expect(set.body.strict).toBe(true);
      expect((await a.get('/api/integrations').expect(200)).body.find((i: { id: string }) => i.id === strictId).strict).toBe(true);
      const data = employees(2).map((r, i) => {
        if (i !== 1) return r;
        const { employee_name, ...rest } = r;
        return { ...rest, employe_name: employee_name };
      });
      const refused = await push(t, key, strictId, 'list_employees', { data }).expect(400);
      expect(refused.body.errors).toEqual([
        {
          index: 1,
          path: 'employe_name',
          message: 'is not in the schema; did you mean `employee_name`? The integration is strict: records with properties the schema does not define are refused',
        },
      ]);
      expect(await counts(t, strictId)).toEqual({ accepted: 0, refused: 1, records: 0 });
      // Validate gives the verdict the push gave.
      const checked = await a.post(`/api/integrations/${strictId}/contexts/list_employees/validate`).attach('file', Buffer.from(JSON.stringify({ data })), 'employees.json').expect(200);
      expect(checked.body).toMatchObject({ valid: false, errorCount: 1, errors: refused.body.errors });
      // Another company cannot change the setting.
      await b.patch(`/api/integrations/${strictId}`).send({ strict: false }).expect(404);
      await a.patch(`/api/integrations/${strictId}`).send({ strict: 'yes' }).expect(400);
      await a.patch(`/api/integrations/${strictId}`).send({ strict: false }).expect(200);
      await push(t, key, strictId, 'list_employees', { data }).expect(200);
    });
  });

  describe('refused bodies', () => {
    let target: string;
    beforeAll(async () => {
      target = await createIntegration(a, [EMPLOYEES_MONITORING], 'Refusals');
    });

    it.each([
      ['text/plain', { 'Content-Type': 'text/plain' }, 'Content-Type "text/plain" is not accepted: send the records as JSON with Content-Type: application/json.'],
      ['multipart', { 'Content-Type': 'multipart/form-data; boundary=x' }, /^Content-Type "multipart\/form-data; boundary=x" is not accepted/],
      ['brotli', { 'Content-Encoding': 'br' }, 'Content-Encoding "br" is not accepted: send the body uncompressed or with Content-Encoding: gzip.'],
    ])('refuses %s with 415 and stores nothing', async (_what, headers, message) => {
      const res = await push(t, key, target, 'list_employees', SEED_EMPLOYEES_BODY, headers as Record<string, string>).expect(415);
      expect(res.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type', code: 'UNSUPPORTED_MEDIA_TYPE' });
      if (typeof message === 'string') expect(res.body.message).toBe(message);
      else expect(res.body.message).toMatch(message);
      expect((await counts(t, target)).records).toBe(0);
    });

    it('refuses a body that is not JSON with 400 saying where parsing failed', async () => {
      const broken = '{\n  "data": [\n    {"id": "emp_1"}\n    {"id": "emp_2"}\n  ]\n}';
      const res = await push(t, key, target, 'list_employees', broken).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', errorCount: 1, recordCount: 0 });
      expect(res.body.message).toMatch(/^Invalid JSON at line 4, column 5: expected "," or "]" after an array item/);
      expect(res.body.errors).toEqual([{ index: null, path: '', message: res.body.message, line: 4, column: 5 }]);
    });

    it.each([
      ['data is missing', { records: [] }, /^The request body has no "data" field \(found "records"\)/],
      ['data is an object', { data: { id: 'emp_1' } }, /^"data" must be an array of records, even for a single record/],
      ['data is a string', { data: 'emp_1' }, /^"data" must be an array of records.*\(got string\)/],
      ['the body is a bare array', [{ id: 'emp_1' }], /^The request body is a bare array/],
    ])('refuses a body where %s with 400 saying so', async (_what, body, message) => {
      const res = await push(t, key, target, 'list_employees', body).expect(400);
      expect(res.body.message).toMatch(message);
      expect(res.body.errors).toEqual([{ index: null, path: 'data', message: res.body.message }]);
      expect(res.body.errorCount).toBe(1);
    });

    it('refuses the whole submission when any record is invalid, listing each problem by index and path, and stores none of it', async () => {
      const before = await counts(t, target);
      const data = [
        { id: 'emp_1', email: 'ok@example.com' },
        { id: 'emp_2', email: 'not-an-email' },
        { employee_name: 'No Id' },
        { id: 'emp_4', hiring_date: '15/03/2022', is_manager: true },
        { id: 5 },
      ];
      const res = await push(t, key, target, 'list_employees', { data }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED', errorCount: 4, recordCount: 5 });
      expect(res.body.errors).toEqual([
        { index: 1, path: 'email', message: expect.stringMatching(/^must be a valid email address/) },
        { index: 2, path: 'id', message: expect.stringMatching(/required/) },
        { index: 3, path: 'hiring_date', message: expect.stringMatching(/^must be an ISO 8601 date-time/) },
        { index: 4, path: 'id', message: expect.stringMatching(/string/) },
      ]);
      expect(res.body.details[0]).toEqual({ path: 'data[1].email', message: res.body.errors[0].message });
      expect(res.body.message).toMatch(/^4 problems in 5 records; nothing was stored\. First: data\[1\]\.email: must be a valid email address/);
      const after = await counts(t, target);
      expect(after.accepted).toBe(before.accepted);
      expect(after.records).toBe(before.records);
    });

    it('lists at most 100 problems but counts all of them', async () => {
      const data = Array.from({ length: 150 }, (_, i) => ({ id: `emp_${i}`, email: `bad ${i}` }));
      const res = await push(t, key, target, 'list_employees', { data }).expect(400);
      expect(res.body.errorCount).toBe(150);
      expect(res.body.errors).toHaveLength(100);
      expect(res.body.errors[99].index).toBe(99);
    });

    it('refuses duplicate record keys in one submission, naming both indexes', async () => {
      const res = await push(t, key, target, 'list_employees', { data: [{ id: 'emp_1' }, { id: 'emp_2' }, { id: 'emp_1' }] }).expect(400);
      expect(res.body.errors).toEqual([{ index: 2, path: 'id', message: 'duplicate id "emp_1": also used by record 0' }]);
    });

    it('refuses duplicate identifiers of user access records', async () => {
      const users = JSON.parse(SEED_USERS_BODY).data;
      const usersTarget = await createIntegration(a, [USER_ACCESS_MONITORING], 'Users');
      const res = await push(t, key, usersTarget, 'list_users', { data: [...users, { ...users[1], username: 'again' }] }).expect(400);
      expect(res.body.errors).toEqual([{ index: 3, path: 'identifier', message: `duplicate identifier "${users[1].identifier}": also used by record 1` }]);
    });

    it('refuses deeply nested records with 400 instead of failing', async () => {
      const deep = `{"data":[{"id":"emp_1","extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`;
      const res = await push(t, key, target, 'list_employees', deep).expect(400);
      expect(res.body.errors).toEqual([{ index: 0, path: '', message: 'is nested more than 32 levels deep' }]);
    });

    it('refuses text the database cannot store (NUL) with 400 naming the field', async () => {
      const res = await push(t, key, target, 'list_employees', '{"data":[{"id":"emp_1","manager":"a\\u0000b"}]}').expect(400);
      expect(res.body.errors).toEqual([{ index: 0, path: 'manager', message: expect.stringMatching(/NUL character/) }]);
    });
  });

  describe('who may submit where', () => {
    it('answers 404 for another company’s integration with the same body as for one that does not exist', async () => {
      const keyOfB = (await createApiKey(b)).key;
      const theirs = await push(t, keyOfB, integrationId, 'list_employees', SEED_EMPLOYEES_BODY).expect(404);
      const missing = await push(t, keyOfB, UNKNOWN_UUID, 'list_employees', SEED_EMPLOYEES_BODY).expect(404);
      const malformed = await push(t, keyOfB, 'not-a-uuid', 'list_employees', SEED_EMPLOYEES_BODY).expect(404);
      expect(theirs.body).toEqual(missing.body);
      expect(malformed.body).toEqual(missing.body);
      expect(theirs.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'NOT_FOUND', message: 'Integration not found', details: [] });
      const [row] = await t.dataSource.query('SELECT count(*)::int AS n FROM ingest_submissions WHERE company_id = $1', [b.me.company.id]);
      expect(row.n).toBe(0);
    });

    it('answers 404 naming the accepted contexts for a context the integration does not accept, and records nothing', async () => {
      const employeesOnly = await createIntegration(a, [EMPLOYEES_MONITORING], 'Employees only');
      const res = await push(t, key, employeesOnly, 'list_users', SEED_USERS_BODY).expect(404);
      expect(res.body.message).toBe(
        'This integration does not accept context "list_users". It accepts: list_employees. Add a monitoring that uses it to the integration, or use one of those contexts.',
      );
      expect(res.body.acceptedContexts).toEqual(['list_employees']);
      await push(t, key, employeesOnly, 'no_such_context', SEED_USERS_BODY).expect(404);
      expect(await counts(t, employeesOnly)).toEqual({ accepted: 0, refused: 0, records: 0 });
    });

    it('answers 401 without an API key or with an unknown one, and stores nothing', async () => {
      const before = await counts(t, integrationId);
      const res = await request(t.http).post(ingestPath(integrationId, 'list_employees')).set('Content-Type', 'application/json').send(SEED_EMPLOYEES_BODY).expect(401);
      expect(res.body.code).toBe('API_KEY_MISSING');
      const wrong = await push(t, 'ghk_not-a-key', integrationId, 'list_employees', SEED_EMPLOYEES_BODY).expect(401);
      expect(wrong.body.code).toBe('API_KEY_MALFORMED');
      expect(await counts(t, integrationId)).toEqual(before);
    });

    it('refuses a key revoked between two submissions with 401', async () => {
      const revocable = await createApiKey(a, 'Short-lived');
      await push(t, revocable.key, integrationId, 'list_employees', SEED_EMPLOYEES_BODY).expect(200);
      await a.post(`/api/api-keys/${revocable.id}/revoke`).expect((res) => expect([200, 201]).toContain(res.status));
      const res = await push(t, revocable.key, integrationId, 'list_employees', SEED_EMPLOYEES_BODY).expect(401);
      expect(res.body.code).toBe('API_KEY_REVOKED');
    });
  });

  describe('snapshots', () => {
    it('makes each accepted submission the complete dataset of its context, keeping earlier ones as history', async () => {
      const target = await createIntegration(a, [EMPLOYEES_MONITORING], 'Snapshots');
      const first = await push(t, key, target, 'list_employees', { data: employees(3) }).expect(200);
      const second = await push(t, key, target, 'list_employees', { data: employees(2, 100) }).expect(200);
      const latest = await a.get(`/api/integrations/${target}/contexts/list_employees/records`).expect(200);
      expect(latest.body).toMatchObject({ submissionId: second.body.submissionId, total: 2 });
      expect(latest.body.items.map((i: { data: { id: string } }) => i.data.id)).toEqual(['emp_000100', 'emp_000101']);
      const earlier = await a.get(`/api/integrations/${target}/contexts/list_employees/records?submission=${first.body.submissionId}`).expect(200);
      expect(earlier.body.total).toBe(3);
      await push(t, key, target, 'list_employees', { data: [] }).expect(200);
      const now = await a.get(`/api/integrations/${target}/contexts/list_employees/records`).expect(200);
      expect(now.body).toMatchObject({ total: 0, items: [] });
    });

    // On the embedded engine this also guards its one-connection pool (src/database/pool-size.ts).
    it('accepts many concurrent pushes to one context without deadlocks, then keeps the newest 30 (the default retention)', async () => {
      const target = await createIntegration(a, [EMPLOYEES_MONITORING], 'Concurrent');
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => push(t, key, target, 'list_employees', { data: employees(5, i * 5) })));
      expect(results.map((r) => r.status)).toEqual(Array(40).fill(200));
      // A push does not see the submissions of pushes racing it, so racing pushes (at most the
      // pool's 10 at once) may leave a few extra (never fewer than 30); the next push trims them.
      const [during] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ingest_submissions WHERE integration_id = $1`, [target]);
      expect(during.n).toBeGreaterThanOrEqual(30);
      expect(during.n).toBeLessThan(40);
      const last = await push(t, key, target, 'list_employees', { data: employees(2) }).expect(200);
      const [after] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ingest_submissions WHERE integration_id = $1`, [target]);
      expect(after.n).toBe(30);
      const latest = await a.get(`/api/integrations/${target}/contexts/list_employees/records`).expect(200);
      expect(latest.body).toMatchObject({ submissionId: last.body.submissionId, total: 2 });
    });
  });

  describe('idempotency', () => {
    let target: string;
    beforeAll(async () => {
      target = await createIntegration(a, [EMPLOYEES_MONITORING, USER_ACCESS_MONITORING], 'Idempotency');
    });

    it('answers a retry with the same Idempotency-Key and body with the first response and stores nothing new', async () => {
      const first = await push(t, key, target, 'list_employees', SEED_EMPLOYEES_BODY, { 'Idempotency-Key': 'push-2026-01-01' }).expect(200);
      const before = await counts(t, target);
      const retry = await push(t, key, target, 'list_employees', SEED_EMPLOYEES_BODY, { 'Idempotency-Key': 'push-2026-01-01' }).expect(200);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      // The same JSON gzipped is the same body.
      const gzipped = await push(t, key, target, 'list_employees', gzipSync(SEED_EMPLOYEES_BODY), { 'Idempotency-Key': 'push-2026-01-01', 'Content-Encoding': 'gzip' }).expect(200);
      expect(gzipped.body).toEqual(first.body);
      expect(await counts(t, target)).toEqual(before);
    });

    it('refuses the same key with a different body or for another context with 422 and stores nothing', async () => {
      await push(t, key, target, 'list_employees', { data: employees(1) }, { 'Idempotency-Key': 'k-422' }).expect(200);
      const before = await counts(t, target);
      const res = await push(t, key, target, 'list_employees', { data: employees(2) }, { 'Idempotency-Key': 'k-422' }).expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_MISMATCH' });
      expect(res.body.message).toMatch(/^Idempotency-Key "k-422" was already used in the last 24 hours with a different request body/);
      await push(t, key, target, 'list_users', { data: employees(1) }, { 'Idempotency-Key': 'k-422' }).expect(422);
      expect(await counts(t, target)).toEqual(before);
    });

    it('scopes keys to the API key: another key may use the same Idempotency-Key', async () => {
      const other = await createApiKey(a, 'Other uploader');
      const mine = await push(t, key, target, 'list_employees', { data: employees(1) }, { 'Idempotency-Key': 'shared-name' }).expect(200);
      const theirs = await push(t, other.key, target, 'list_employees', { data: employees(1) }, { 'Idempotency-Key': 'shared-name' }).expect(200);
      expect(theirs.body.submissionId).not.toBe(mine.body.submissionId);
    });

    it('does not keep refusals under the key: the fixed body can be sent with the same key', async () => {
      await push(t, key, target, 'list_employees', { data: [{ id: 1 }] }, { 'Idempotency-Key': 'fix-and-retry' }).expect(400);
      await push(t, key, target, 'list_employees', { data: [{ id: '1' }] }, { 'Idempotency-Key': 'fix-and-retry' }).expect(200);
    });

    it('refuses an unusable Idempotency-Key with 400', async () => {
      const res = await push(t, key, target, 'list_employees', SEED_EMPLOYEES_BODY, { 'Idempotency-Key': 'x'.repeat(256) }).expect(400);
      expect(res.body.details).toEqual([{ path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
    });

    it('lets a key be reused once its 24 hours are over', async () => {
      const first = await push(t, key, target, 'list_employees', { data: employees(1) }, { 'Idempotency-Key': 'yesterday' }).expect(200);
      await t.dataSource.query(`UPDATE ingest_submissions SET received_at = received_at - interval '25 hours' WHERE id = $1`, [first.body.submissionId]);
      const again = await push(t, key, target, 'list_employees', { data: employees(2) }, { 'Idempotency-Key': 'yesterday' }).expect(200);
      expect(again.body.submissionId).not.toBe(first.body.submissionId);
    });
  });

  // A body of more than one batch is parsed, checked and written while it arrives (on a
  // PostgreSQL server; the embedded engine writes it at the end): what was written before a
  // problem shows up must never be kept.
  describe('large bodies', () => {
    let target: string;
    beforeAll(async () => {
      target = await createIntegration(a, [EMPLOYEES_MONITORING], 'Large');
    });

    it('refuses a large body whose last record is invalid, stores none of it and records the refusal', async () => {
      const before = await counts(t, target);
      const data: unknown[] = employees(20_000);
      data.push({ id: 'emp_last', email: 'not-an-email' }, { id: 'emp_000003' });
      const res = await push(t, key, target, 'list_employees', { data }).expect(400);
      expect(res.body).toMatchObject({ errorCount: 2, recordCount: 20_002 });
      expect(res.body.errors).toEqual([
        { index: 20_000, path: 'email', message: expect.stringMatching(/^must be a valid email address/) },
        { index: 20_001, path: 'id', message: 'duplicate id "emp_000003": also used by record 3' },
      ]);
      expect(await counts(t, target)).toEqual({ ...before, refused: before.refused + 1 });
    });

    it('refuses a large body with a syntax error near its end, saying where, and stores none of it', async () => {
      const before = await counts(t, target);
      const text = `${JSON.stringify({ data: employees(20_000) }).slice(0, -2)},
{"id": "emp_x",}]}`;
      const res = await push(t, key, target, 'list_employees', text).expect(400);
      expect(res.body.message).toMatch(/^Invalid JSON at line 2, column 16: a trailing comma before "}" is not allowed in JSON/);
      expect(res.body.errors[0]).toMatchObject({ line: 2, column: 16 });
      expect(await counts(t, target)).toEqual({ ...before, refused: before.refused + 1 });
    });

    it('answers a retry of a large body with the first response, and refuses the key with another body, storing nothing new', async () => {
      const body = JSON.stringify({ data: employees(20_000) });
      const first = await push(t, key, target, 'list_employees', body, { 'Idempotency-Key': 'large-1' }).expect(200);
      expect(first.body.accepted).toBe(20_000);
      const before = await counts(t, target);
      const retry = await push(t, key, target, 'list_employees', gzipSync(body), { 'Idempotency-Key': 'large-1', 'Content-Encoding': 'gzip' }).expect(200);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      await push(t, key, target, 'list_employees', { data: employees(20_000, 1) }, { 'Idempotency-Key': 'large-1' }).expect(422);
      expect(await counts(t, target)).toEqual(before);
      const [row] = await t.dataSource.query('SELECT record_count, body_bytes, body_sha256, response FROM ingest_submissions WHERE id = $1', [first.body.submissionId]);
      expect(row).toMatchObject({ record_count: 20_000, response: first.body });
      expect(Number(row.body_bytes)).toBe(Buffer.byteLength(body));
    });

    it('stores every record of a large body in order, as sent', async () => {
      const data = employees(12_345, 7);
      const res = await push(t, key, target, 'list_employees', { data }).expect(200);
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n, min(idx) AS first, max(idx) AS last, bool_and(record_key = data ->> 'id') AS keyed
           FROM ingest_records WHERE submission_id = $1`,
        [res.body.submissionId],
      );
      expect(row).toEqual({ n: 12_345, first: 0, last: 12_344, keyed: true });
      const sample = await t.dataSource.query('SELECT idx, data FROM ingest_records WHERE submission_id = $1 AND idx IN (0, 6000, 12344) ORDER BY idx', [res.body.submissionId]);
      expect(sample.map((r: { data: unknown }) => r.data)).toEqual([data[0], data[6000], data[12_344]]);
    });
  });

  describe('interrupted requests', () => {
    it('stores nothing when the client goes away halfway through a large body', async () => {
      const target = await createIntegration(a, [EMPLOYEES_MONITORING], 'Interrupted');
      const body = Buffer.from(JSON.stringify({ data: employees(20_000) }));
      const url = new URL(t.baseUrl);
      await new Promise<void>((resolve) => {
        const req = http.request({
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: ingestPath(target, 'list_employees'),
          headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length), 'x-api-key': key },
        });
        req.on('error', () => resolve());
        req.write(body.subarray(0, body.length / 2), () => {
          setTimeout(() => {
            req.destroy();
            resolve();
          }, 100);
        });
      });
      // Let the server notice the closed connection; then the same data can still be sent whole.
      await new Promise((r) => setTimeout(r, 300));
      expect(await counts(t, target)).toEqual({ accepted: 0, refused: 0, records: 0 });
      const res = await push(t, key, target, 'list_employees', body).expect(200);
      expect(res.body.accepted).toBe(20_000);
      expect(await counts(t, target)).toEqual({ accepted: 1, refused: 0, records: 20_000 });
    });

    it('answers 404 when the integration is deleted while its body is still arriving, and stores nothing', async () => {
      const target = await createIntegration(a, [EMPLOYEES_MONITORING], 'Deleted mid-upload');
      const body = Buffer.from(JSON.stringify({ data: employees(2000) }));
      const url = new URL(t.baseUrl);
      const req = http.request({
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: ingestPath(target, 'list_employees'),
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length), 'x-api-key': key },
      });
      const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
        req.on('response', (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
      });
      await new Promise<void>((r) => req.write(body.subarray(0, body.length >> 1), () => r()));
      await new Promise((r) => setTimeout(r, 100));
      await a.delete(`/api/integrations/${target}`).expect(204);
      req.end(body.subarray(body.length >> 1));
      const res = await answer;
      expect(res.status).toBe(404);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'NOT_FOUND', message: 'Integration not found' });
      const [row] = await t.dataSource.query('SELECT count(*)::int AS n FROM ingest_records WHERE integration_id = $1', [target]);
      expect(row.n).toBe(0);
    });
  });
});

describe('POST /external/v2/integration/:integrationId/context/:contextKey with small limits', () => {
  let t: TestApp;
  let a: Admin;
  let integrationId: string;

  beforeAll(async () => {
    t = await startTestApp({ INGEST_MAX_BODY_MB: '1', INGEST_RETENTION: '2', INGEST_RATE_LIMIT_PER_MINUTE: '3' });
    a = await signUpAdmin(t);
    integrationId = await createIntegration(a, [EMPLOYEES_MONITORING]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a body whose Content-Length is over the limit with 413 naming the limit, before reading it', async () => {
    const { key } = await createApiKey(a);
    const res = await rawPost(
      t.baseUrl,
      ingestPath(integrationId, 'list_employees'),
      { 'Content-Type': 'application/json', 'Content-Length': String(2 * MB), 'x-api-key': key },
      ['{"data":['],
    );
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', code: 'PAYLOAD_TOO_LARGE', limitBytes: MB });
    expect(body.message).toBe("The request body is larger than the limit of 1 MB (1048576 bytes). This limit is set by the server's INGEST_MAX_BODY_MB.");
  });

  it('stops reading a body sent without Content-Length as soon as it passes the limit', async () => {
    const { key } = await createApiKey(a);
    let sent = 0;
    function* chunks() {
      yield '{"data":[';
      for (;;) {
        const chunk = `${JSON.stringify(employees(100, sent))},`;
        sent += chunk.length;
        if (sent > 50 * MB) return;
        yield chunk;
      }
    }
    const res = await rawPost(t.baseUrl, ingestPath(integrationId, 'list_employees'), { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'x-api-key': key }, chunks());
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).message).toMatch(/limit of 1 MB \(1048576 bytes\)/);
    expect(sent).toBeLessThan(10 * MB);
  });

  it('applies the limit to the decompressed size of a gzip body (a gzip bomb is refused with 413)', async () => {
    const { key } = await createApiKey(a);
    const bomb = gzipSync(`{"data":[{"id":"x","manager":"${' '.repeat(200 * MB)}"}]}`);
    expect(bomb.length).toBeLessThan(MB);
    const res = await push(t, key, integrationId, 'list_employees', bomb, { 'Content-Encoding': 'gzip' }).expect(413);
    expect(res.body.message).toBe("The request body is larger than the limit of 1 MB (1048576 bytes) once decompressed. This limit is set by the server's INGEST_MAX_BODY_MB.");
  });

  it('limits submissions per API key per minute with 429 and Retry-After', async () => {
    const { key } = await createApiKey(a, 'Busy');
    for (let i = 0; i < 3; i++) await push(t, key, integrationId, 'list_employees', { data: employees(1) }).expect(200);
    const res = await push(t, key, integrationId, 'list_employees', { data: employees(1) }).expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', message: expect.stringMatching(/at most 3 per minute/) });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another key of the same company has its own budget.
    const { key: other } = await createApiKey(a, 'Quiet');
    await push(t, other, integrationId, 'list_employees', { data: employees(1) }).expect(200);
  });

  it('keeps the newest accepted submissions up to the retention, deleting older ones with their records', async () => {
    const target = await createIntegration(a, [EMPLOYEES_MONITORING], 'Retention');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { key } = await createApiKey(a, `Retention ${i}`);
      ids.push((await push(t, key, target, 'list_employees', { data: employees(i + 1) }).expect(200)).body.submissionId);
    }
    const kept = await t.dataSource.query(`SELECT id FROM ingest_submissions WHERE integration_id = $1 ORDER BY received_at`, [target]);
    expect(kept.map((r: { id: string }) => r.id)).toEqual(ids.slice(2));
    const records = await t.dataSource.query(`SELECT submission_id, count(*)::int AS n FROM ingest_records WHERE integration_id = $1 GROUP BY submission_id ORDER BY n`, [target]);
    expect(records).toEqual([
      { submission_id: ids[2], n: 3 },
      { submission_id: ids[3], n: 4 },
    ]);
  });
});
