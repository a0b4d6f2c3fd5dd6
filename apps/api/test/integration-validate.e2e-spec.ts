import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validationResultSchema, type ValidationResultResponse } from '@gatehouse/contracts';
import request from 'supertest';
import { createApiKey, push } from './support/ingest.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

// The two request bodies of the user documentation, character for character.
const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'documented');
const EMPLOYEES_TEXT = readFileSync(join(fixtures, 'seed-list-employees.json'), 'utf8');
const USERS_TEXT = readFileSync(join(fixtures, 'seed-list-users.json'), 'utf8');
type Body = { data: Record<string, unknown>[] };
const employees = (): Body => JSON.parse(EMPLOYEES_TEXT);
const users = (): Body => JSON.parse(USERS_TEXT);
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

describe('POST /api/integrations/:id/contexts/:contextKey/validate', () => {
  let t: TestApp;
  let admin: Admin;
  let id: string;
  const url = (context: string, integration = id) => `/api/integrations/${integration}/contexts/${context}/validate`;

  /** The same check through both ways in: a JSON body and an uploaded file. Both must agree. */
  const validateBoth = async (context: string, body: unknown): Promise<ValidationResultResponse> => {
    const asJson = await admin.post(url(context)).send(body as object).expect(200);
    const asFile = await admin.post(url(context)).attach('file', Buffer.from(JSON.stringify(body, null, 2)), { filename: 'records.json', contentType: 'application/json' }).expect(200);
    expect(asFile.body).toEqual(asJson.body);
    return validationResultSchema.parse(asJson.body);
  };
  const upload = async (context: string, content: string | Buffer, filename = 'records.json') => {
    const res = await admin.post(url(context)).attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), filename).expect(200);
    return validationResultSchema.parse(res.body);
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signUpAdmin(t);
    const res = await admin.post('/api/integrations').send({ name: 'HR', monitoringIds: ['employee_onboarding_offboarding', 'user_access_review'] }).expect(201);
    id = res.body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('the documentation’s examples', () => {
    it('accepts Example 1 (employees) as published, uploaded as the file itself', async () => {
      expect(await upload('list_employees', EMPLOYEES_TEXT, 'employees.json')).toEqual({ valid: true, recordCount: 3, errorCount: 0, errors: [] });
    });

    it('accepts Example 2 (user access) as published, uploaded as the file itself', async () => {
      expect(await upload('list_users', USERS_TEXT, 'users.json')).toEqual({ valid: true, recordCount: 3, errorCount: 0, errors: [] });
    });

    it('accepts both examples sent as the JSON request body', async () => {
      for (const [context, text] of [['list_employees', EMPLOYEES_TEXT], ['list_users', USERS_TEXT]] as const) {
        const res = await admin.post(url(context)).set('Content-Type', 'application/json').send(text).expect(200);
        expect(res.body).toEqual({ valid: true, recordCount: 3, errorCount: 0, errors: [] });
      }
    });

    it('judges each example against its own context: the employees file is not user access records', async () => {
      const result = await upload('list_users', EMPLOYEES_TEXT);
      expect(result).toMatchObject({ valid: false, recordCount: 3, errorCount: 9 });
      expect(result.errors.filter((e) => e.index === 0).map((e) => e.path)).toEqual(['account_project_id', 'username', 'identifier']);
    });
  });

  describe('broken variants name the record index and the field path', () => {
    it('a wrong email format', async () => {
      const body = employees();
      body.data[1]!.email = 'michael.chen(at)company.com';
      expect(await validateBoth('list_employees', body)).toEqual({
        valid: false,
        recordCount: 3,
        errorCount: 1,
        errors: [{ index: 1, path: 'email', message: 'must be a valid email address (format "email")' }],
      });
    });

    it('a missing id', async () => {
      const body = employees();
      delete body.data[2]!.id;
      expect((await validateBoth('list_employees', body)).errors).toEqual([{ index: 2, path: 'id', message: 'is required' }]);
    });

    it('the three required user fields missing', async () => {
      const body = users();
      body.data[2] = { email: 'contractor@company.com', role: ['Viewer'] };
      const result = await validateBoth('list_users', body);
      expect(result).toMatchObject({ valid: false, recordCount: 3, errorCount: 3 });
      expect(result.errors).toEqual([
        { index: 2, path: 'account_project_id', message: 'is required' },
        { index: 2, path: 'username', message: 'is required' },
        { index: 2, path: 'identifier', message: 'is required' },
      ]);
    });

    it('role not an array', async () => {
      const body = users();
      body.data[1]!.role = 'Product Owner';
      expect((await validateBoth('list_users', body)).errors).toEqual([{ index: 1, path: 'role', message: 'must be an array of strings (got string "Product Owner")' }]);
    });

    it('is_admin as a string', async () => {
      const body = users();
      body.data[2]!.is_admin = 'false';
      expect((await validateBoth('list_users', body)).errors).toEqual([{ index: 2, path: 'is_admin', message: 'must be a boolean (got string "false")' }]);
    });

    it('duplicate role entries', async () => {
      const body = users();
      body.data[0]!.role = ['Developer', 'Developer'];
      expect((await validateBoth('list_users', body)).errors).toEqual([
        { index: 0, path: 'role', message: 'must not contain duplicate items (items 0 and 1 are both "Developer")' },
      ]);
    });

    it('several problems at once, in record order', async () => {
      const body = users();
      body.data[0]!.is_admin = 'yes';
      body.data[0]!.groups = 'Engineering';
      delete body.data[2]!.username;
      const result = await validateBoth('list_users', body);
      expect(result.errors.map((e) => [e.index, e.path])).toEqual([
        [0, 'groups'],
        [0, 'is_admin'],
        [2, 'username'],
      ]);
    });
  });

  describe('bodies that are not in the request-body shape answer valid: false in plain words', () => {
    it('a file that is not JSON, with the line and column', async () => {
      const result = await upload('list_employees', '{\n  "data": [\n    { "id": "emp_001", }\n  ]\n}');
      expect(result).toMatchObject({ valid: false, recordCount: 0, errorCount: 1 });
      expect(result.errors[0]).toMatchObject({ index: null, line: 3 });
      expect(result.errors[0]!.message).toMatch(/JSON/);
    });

    it('a file that is not text at all', async () => {
      const result = await upload('list_employees', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0xc3]), 'logo.png');
      expect(result).toMatchObject({ valid: false, errorCount: 1 });
      expect(result.errors[0]!.message).toMatch(/not UTF-8 text/);
    });

    it('an empty file', async () => {
      const result = await upload('list_employees', '');
      expect(result.errors[0]!.message).toMatch(/The file is empty/);
    });

    it('no "data" field', async () => {
      const result = await validateBoth('list_employees', { records: [{ id: '1' }] });
      expect(result).toMatchObject({ valid: false, recordCount: 0, errorCount: 1 });
      expect(result.errors[0]).toMatchObject({ index: null, path: 'data' });
      expect(result.errors[0]!.message).toContain('has no "data" field (found "records")');
    });

    it('"data" that is an object or a string rather than an array', async () => {
      const one = await validateBoth('list_employees', { data: { id: 'emp_001' } });
      expect(one.errors[0]!.message).toContain('"data" must be an array of records, even for a single record');
      const text = await validateBoth('list_employees', { data: 'emp_001' });
      expect(text.errors[0]!.message).toContain('"data" must be an array of records');
    });

    it('a bare array of records', async () => {
      const result = await validateBoth('list_employees', employees().data);
      expect(result.errors[0]!.message).toContain('bare array');
    });

    it('an empty data array is valid, with no records', async () => {
      expect(await validateBoth('list_employees', { data: [] })).toEqual({ valid: true, recordCount: 0, errorCount: 0, errors: [] });
    });
  });

  describe('limits', () => {
    it('lists at most 100 errors and counts all of them', async () => {
      const body = { data: Array.from({ length: 250 }, (_, i) => ({ employee_name: `Person ${i}` })) };
      const result = await validateBoth('list_employees', body);
      expect(result).toMatchObject({ valid: false, recordCount: 250, errorCount: 250 });
      expect(result.errors).toHaveLength(100);
      expect(result.errors[99]).toEqual({ index: 99, path: 'id', message: 'is required' });
    });

    it('takes files larger than the 1 MB JSON-body limit as an upload', async () => {
      const data = Array.from({ length: 12_000 }, (_, i) => ({ ...employees().data[0], id: `emp_${i}`, email: `person${i}@company.com` }));
      const text = JSON.stringify({ data });
      expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
      expect(await upload('list_employees', text)).toEqual({ valid: true, recordCount: 12_000, errorCount: 0, errors: [] });
      const asBody = await admin.post(url('list_employees')).set('Content-Type', 'application/json').send(text).expect(413);
      expect(asBody.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    });

    it('refuses an upload above 50 MB with 413 naming the limit', async () => {
      const res = await admin.post(url('list_employees')).attach('file', Buffer.alloc(50 * 1024 * 1024 + 10, 0x20), 'huge.json').expect(413);
      expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
      expect(res.body.message).toContain('50 MB');
    });
  });

  // An admin who sees "valid" expects the push of the same body to be accepted, and the other way
  // round: both read the body with the same parser and the same record checks.
  describe('agrees with the push route', () => {
    const bodies: Array<[string, string]> = [
      ['numbers beyond double precision, 1.0 and exponents', '{"data":[{"id":"e1","big":12345678901234567890,"f":1.0,"x":2.5e3}]}'],
      ['a number beyond the double range', '{"data":[{"id":"e1"},{"id":"e2","e":1e400}]}'],
      ['a number with more decimals than can be stored', '{"data":[{"id":"e1","t":1e-16384}]}'],
      ['a record nested deeper than the limit', `{"data":[{"id":"e1","deep":${'['.repeat(40)}${']'.repeat(40)}}]}`],
      ['a NUL in a string', '{"data":[{"id":"e\\u0000"}]}'],
      ['a repeated data member (the last counts)', '{"data":[{"nope":1}],"data":[{"id":"e1"}]}'],
    ];
    it.each(bodies)('%s: an upload and a JSON body are judged as the push judges them', async (_what, text) => {
      const { key } = await createApiKey(admin, `agree ${Math.random()}`);
      const pushed = await push(t, key, id, 'list_employees', text);
      // Warnings (properties the schema does not define) come with an accepted push; a refusal lists only its errors.
      const warned = (result: Record<string, unknown>) => {
        if (pushed.status === 200) return result;
        const { warningCount: _count, warnings: _list, ...rest } = result;
        return rest;
      };
      const expected =
        pushed.status === 200
          ? { valid: true, recordCount: pushed.body.accepted, errorCount: 0, errors: [], ...(pushed.body.warningCount ? { warningCount: pushed.body.warningCount, warnings: pushed.body.warnings } : {}) }
          : { valid: false, recordCount: pushed.body.recordCount, errorCount: pushed.body.errorCount, errors: pushed.body.errors };
      expect([200, 400]).toContain(pushed.status);
      expect(warned(await upload('list_employees', text))).toEqual(expected);
      const asBody = await admin.post(url('list_employees')).set('Content-Type', 'application/json').send(text);
      // A NUL in a JSON body is refused for every /api route before any check (400 naming the field).
      if (text.includes('\\u0000')) expect(asBody.status).toBe(400);
      else expect(warned(asBody.body)).toEqual(expected);
    });

    it('calls 1e400 invalid, naming the record and path, as the push does', async () => {
      const result = await upload('list_employees', '{"data":[{"id":"e1"},{"id":"e2","e":1e400}]}');
      expect(result).toMatchObject({ valid: false, recordCount: 2, errorCount: 1 });
      expect(result.errors[0]).toMatchObject({ index: 1, path: 'e' });
      expect(result.errors[0]!.message).toContain('outside the range');
    });
  });

  describe('what is validated against what', () => {
    it('answers a context the integration does not accept with 404 naming the ones it does', async () => {
      for (const context of ['list_mfa_status', 'no_such_context']) {
        const res = await admin.post(url(context)).send({ data: [] }).expect(404);
        expect(res.body).toMatchObject({ statusCode: 404, code: 'CONTEXT_NOT_ACCEPTED', acceptedContexts: ['list_employees', 'list_users', 'list_access_reviews'] });
        expect(res.body.message).toContain(`does not accept context "${context}"`);
        expect(res.body.message).toContain('It accepts: list_employees, list_users, list_access_reviews.');
      }
    });

    it('follows the monitoring selection: a context removed from the integration is no longer accepted', async () => {
      const created = await admin.post('/api/integrations').send({ name: 'Moving', monitoringIds: ['mfa_enforcement'] }).expect(201);
      await admin.post(url('list_mfa_status', created.body.id)).send({ data: [] }).expect(200);
      await admin.put(`/api/integrations/${created.body.id}/monitorings`).send({ monitoringIds: ['privileged_access'] }).expect(200);
      await admin.post(url('list_mfa_status', created.body.id)).send({ data: [] }).expect(404);
      await admin.post(url('list_users', created.body.id)).send({ data: [] }).expect(200);
    });

    it('answers a missing, malformed or other company’s integration with 404', async () => {
      const missing = await admin.post(url('list_employees', MISSING_ID)).send({ data: [] }).expect(404);
      expect(missing.body).toMatchObject({ code: 'NOT_FOUND', message: 'Integration not found' });
      await admin.post(url('list_employees', 'not-a-uuid')).send({ data: [] }).expect(404);
      const other = await signUpAdmin(t);
      const res = await other.post(url('list_employees')).send({ data: [] }).expect(404);
      expect(res.body).toEqual(missing.body);
      const file = await other.post(url('list_employees')).attach('file', Buffer.from(EMPLOYEES_TEXT), 'employees.json').expect(404);
      expect(file.body).toEqual(missing.body);
    });

    it('asks for a file or a JSON body when it gets neither', async () => {
      const none = await admin.post(url('list_employees')).expect(400);
      expect(none.body.message).toContain('upload a JSON file as multipart/form-data in a field named "file"');
      const text = await admin.post(url('list_employees')).set('Content-Type', 'text/plain').send('{"data": []}').expect(400);
      expect(text.body.code).toBe('VALIDATION_FAILED');
      const wrongField = await admin.post(url('list_employees')).attach('records', Buffer.from(EMPLOYEES_TEXT), 'employees.json').expect(400);
      expect(wrongField.body.message).toContain('field named "file"');
    });

    it('stores nothing', async () => {
      const tables: { table_name: string }[] = await t.dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
      );
      const snapshot = async () => {
        const counts: Record<string, number> = {};
        for (const { table_name } of tables) {
          const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM "${table_name}"`);
          counts[table_name] = row.n;
        }
        const [integration] = await t.dataSource.query('SELECT updated_at FROM integrations WHERE id = $1', [id]);
        return { counts, updatedAt: integration.updated_at };
      };
      const before = await snapshot();
      await upload('list_employees', EMPLOYEES_TEXT);
      await admin.post(url('list_users')).send(users()).expect(200);
      const broken = users();
      delete broken.data[0]!.username;
      await admin.post(url('list_users')).send(broken).expect(200);
      expect(await snapshot()).toEqual(before);
    });

    it('needs an admin session and its CSRF token', async () => {
      await request(t.http).post(url('list_employees')).send({ data: [] }).expect(401);
      await admin.agent.post(url('list_employees')).send({ data: [] }).expect(403);
    });
  });
});
