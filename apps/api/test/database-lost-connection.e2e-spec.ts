import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { FakeDirectoryApp } from './support/scim-fake-app.js';
import { createScimConnector, scimClient, scimUser, type ScimClient } from './support/scim.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

// Backends are ended and connections refused only on a server: the embedded engine runs inside
// the API process, so it cannot go away while the process lives.
const serverOnly = process.env.TEST_DB === 'postgres' ? describe : describe.skip;

/**
 * Connections the pool holds die under it: the server restarts, an operator or a failover ends
 * the backends. A request that meets such a connection is retried once on a fresh one when that
 * is safe, instead of failing.
 */
describe('a pooled connection that died', () => {
  let t: TestApp;
  let fake: FakeDirectoryApp;
  let admin: Admin;
  let scim: ScimClient;

  beforeAll(async () => {
    t = await startTestApp();
    fake = await new FakeDirectoryApp().start();
    admin = await signUpAdmin(t);
    const c = await createScimConnector(admin, fake, { capabilities: { create_user: false } });
    scim = scimClient(t, c.id, c.token);
    await scim.post('/Users', scimUser('kept@example.com')).expect(201);
  });
  afterAll(async () => {
    await fake.stop();
    await t.close();
  });

  const pool = () => (t.dataSource.driver as unknown as { master: pg.Pool }).master;

  it('is live whatever the database does, and ready while the database answers', async () => {
    const live = await request(t.http).get('/api/health/live').expect(200);
    expect(live.body).toEqual({ status: 'ok' });
    const ready = await request(t.http).get('/api/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', db: 'ok' });
  });

  serverOnly('on a PostgreSQL server', () => {
    /** Ends every backend the app holds (as a restart or an operator would), from another connection. */
    async function terminateAppBackends(): Promise<number> {
      const killer = new pg.Client({ connectionString: t.db.url });
      await killer.connect();
      try {
        const { rowCount } = await killer.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        );
        return rowCount ?? 0;
      } finally {
        await killer.end();
      }
    }

    it('after every backend was ended, health, admin routes and SCIM answer on the next request', async () => {
      await Promise.all([request(t.http).get('/api/health'), admin.get('/api/connectors'), scim.get('/Users')]);
      expect(await terminateAppBackends()).toBeGreaterThan(0);
      await request(t.http).get('/api/health').expect(200);
      await terminateAppBackends();
      await admin.get('/api/connectors').expect(200);
      await terminateAppBackends();
      const list = await scim.get(`/Users?filter=${encodeURIComponent('userName eq "kept@example.com"')}`).expect(200);
      expect(list.body.totalResults).toBe(1);
      await terminateAppBackends();
      await scim.post('/Users', scimUser('after.loss@example.com')).expect(201);
    });

    it('a read in flight when its backend is terminated is retried and answered', async () => {
      const url = t.db.url;
      const locker = new pg.Client({ connectionString: url });
      const killer = new pg.Client({ connectionString: url });
      await locker.connect();
      await killer.connect();
      try {
        // Hold the users table so the SCIM read below waits inside the database.
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE scim_users IN ACCESS EXCLUSIVE MODE');
        const pending = scim.get('/Users').then((r) => r);
        // Wait until the app's read is waiting on the lock, then end the app's backends.
        let waiting = 0;
        for (let i = 0; i < 100 && waiting === 0; i++) {
          await new Promise((r) => setTimeout(r, 50));
          const { rows } = await killer.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          );
          waiting = rows[0].n;
        }
        expect(waiting).toBeGreaterThan(0);
        await killer.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), $1) AND backend_type = 'client backend'`,
          [(locker as unknown as { processID: number }).processID],
        );
        await new Promise((r) => setTimeout(r, 200));
        await locker.query('ROLLBACK');
        const res = await pending;
        expect(res.status).toBe(200);
        expect(res.body.totalResults).toBeGreaterThanOrEqual(1);
      } finally {
        await locker.end().catch(() => {});
        await killer.end().catch(() => {});
      }
      await request(t.http).get('/api/health').expect(200);
    });

    it('ready answers 503 while the database cannot be reached, and live stays 200', async () => {
      const p = pool();
      const options = p.options as { port?: number; connectionString?: string };
      const saved = options.connectionString;
      // Point new connections at a port where nothing listens, and end the ones the pool holds.
      options.connectionString = 'postgres://postgres@127.0.0.1:1/nothing';
      await terminateAppBackends();
      await new Promise((r) => setTimeout(r, 100));
      try {
        const ready = await request(t.http).get('/api/health/ready').expect(503);
        expect(ready.body).toMatchObject({ status: 'error', db: 'error' });
        await request(t.http).get('/api/health/live').expect(200);
        const admin503 = await admin.get('/api/connectors');
        expect(admin503.status).toBe(503);
        expect(admin503.body.code).toBe('DATABASE_UNAVAILABLE');
        expect(admin503.headers['retry-after']).toBe('5');
        expect(admin503.body.message).toMatch(/database is not reachable/);
        const scim503 = await scim.get('/Users');
        expect(scim503.status).toBe(503);
        expect(scim503.body.detail).toMatch(/database is not reachable/);
      } finally {
        options.connectionString = saved;
      }
      await request(t.http).get('/api/health/ready').expect(200);
    });
  });
});
