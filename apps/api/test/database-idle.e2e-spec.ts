import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Pool } from 'pg';
import request from 'supertest';
import { EMPLOYEES_MONITORING, createApiKey, createIntegration, employees, push } from './support/ingest.js';
import { FakeDirectoryApp } from './support/scim-fake-app.js';
import { createScimConnector, scimCalls, scimClient, scimUser, type ScimClient, type ScimConnector } from './support/scim.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

const IDLE_TIMEOUT_MS = 200;

/**
 * The field's quiet spells: nothing happens for longer than the pool keeps an unused connection,
 * so every request after the pause runs on a connection the pool opened afresh. On the embedded
 * engine every connection shares one backend session, so anything a connection left in that
 * session (a named prepared statement) is still there when the new one arrives.
 */
describe('after the pool has closed every idle connection', () => {
  let t: TestApp;
  let app: FakeDirectoryApp;
  let admin: Admin;
  let c: ScimConnector;
  let scim: ScimClient;
  let pool: Pool;

  const idle = async () => {
    await new Promise((r) => setTimeout(r, IDLE_TIMEOUT_MS * 2.5));
    // The pause really emptied the pool: what follows runs on new connections.
    expect(pool.totalCount).toBe(0);
  };

  beforeAll(async () => {
    t = await startTestApp({ DB_POOL_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS) });
    app = await new FakeDirectoryApp().start();
    admin = await signUpAdmin(t);
    c = await createScimConnector(admin, app);
    scim = scimClient(t, c.id, c.token);
    pool = (t.dataSource.driver as unknown as { master: Pool }).master;
  });
  afterAll(async () => {
    await app.stop();
    await t.close();
  });

  it('SCIM reads and writes, the call log, ingest and admin routes all keep working across several pauses', async () => {
    await scim.get('/Users').expect(200);
    const first = await scim.post('/Users', scimUser('before.idle@example.com')).expect(201);

    for (let round = 0; round < 3; round++) {
      await idle();
      await scim.get('/Users').expect(200);
      await idle();
      await scim.get(`/Users?filter=${encodeURIComponent('userName eq "before.idle@example.com"')}`).expect(200);
      await idle();
      const created = await scim.post('/Users', scimUser(`after.idle.${round}@example.com`)).expect(201);
      await idle();
      await scim.get(`/Users/${created.body.id}`).expect(200);
    }
    await idle();
    await scim.get(`/Users/${first.body.id}`).expect(200);

    // Every create reached the app and every call was recorded.
    await idle();
    const calls = await scimCalls(admin, c.id);
    expect(calls.filter((x) => x.operation === 'create_user' && x.error === null)).toHaveLength(4);
    expect(t.logs.text).not.toContain('already exists');
    expect(t.logs.text).not.toContain('Could not record a connector call');

    await idle();
    await admin.get('/api/connectors').expect(200);
    const key = await createApiKey(admin);
    await idle();
    const integration = await createIntegration(admin, [EMPLOYEES_MONITORING]);
    await idle();
    await push(t, key.key, integration, 'list_employees', { data: employees(3) }).expect(200);
    await idle();
    await push(t, key.key, integration, 'list_employees', { data: employees(2) }).expect(200);
    await idle();
    const health = await request(t.http).get('/api/health').expect(200);
    expect(health.body.status).toBe('ok');
  });
});
