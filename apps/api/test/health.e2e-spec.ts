import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FakeDirectoryApp } from './support/scim-fake-app.js';
import { createScimConnector, scimCalls, scimClient, scimUser } from './support/scim.js';
import { signUpAdmin, startTestApp, type TestApp } from './support/test-app.js';

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports ok when the database answers, with a request id', async () => {
    const res = await request(t.http).get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok', callLog: 'ok', callLogLastFailureAt: null });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 503 naming the database when it is gone', async () => {
    await t.dataSource.destroy();
    const res = await request(t.http).get('/api/health').expect(503);
    expect(res.body).toMatchObject({ status: 'error', db: 'error' });
    const ready = await request(t.http).get('/api/health/ready').expect(503);
    expect(ready.body).toEqual({ status: 'error', db: 'error' });
    await request(t.http).get('/api/health/live').expect(200);
    await t.dataSource.initialize();
  });

  it('reports the call log degraded, and logs an error, when a connector call cannot be recorded', async () => {
    const fake = await new FakeDirectoryApp().start();
    try {
      const admin = await signUpAdmin(t);
      const c = await createScimConnector(admin, fake);
      await request(t.http).get('/api/health').expect(200, { status: 'ok', db: 'ok', callLog: 'ok', callLogLastFailureAt: null });
      // From now on the call log refuses every new row (as a full disk or a broken table would).
      await t.dataSource.query('ALTER TABLE connector_calls ADD CONSTRAINT calls_refused_in_test CHECK (false) NOT VALID');
      try {
        // The identity provider's request still succeeds: the app created the user.
        await scimClient(t, c.id, c.token).post('/Users', scimUser('unlogged@example.com')).expect(201);
        expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      } finally {
        await t.dataSource.query('ALTER TABLE connector_calls DROP CONSTRAINT calls_refused_in_test');
      }
      const failure = t.logs.lines.map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => l.msg === 'Could not record a connector call');
      expect(failure?.level).toBe(50);
      const health = await request(t.http).get('/api/health').expect(200);
      expect(health.body).toMatchObject({ status: 'degraded', db: 'ok', callLog: 'degraded' });
      expect(Date.parse(health.body.callLogLastFailureAt)).toBeGreaterThan(Date.now() - 60_000);
      // Ready only looks at the database: the instance keeps its traffic.
      await request(t.http).get('/api/health/ready').expect(200);
      expect(await scimCalls(admin, c.id)).toEqual([]);
    } finally {
      await fake.stop();
    }
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(t.http).get('/api/docs-json').expect(200);
    expect(res.body.paths['/api/auth/signup']).toBeDefined();
    expect(res.body.paths['/api/health']).toBeDefined();
  });

  it('answers an unknown API route with 404 in the error shape', async () => {
    const res = await request(t.http).get('/api/nope').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: 'No route for GET /api/nope' });
  });
});
