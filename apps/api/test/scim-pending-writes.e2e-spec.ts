import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { OutboundSettings } from '../src/modules/http-connector/outbound-settings.js';
import { ScimPendingSweep } from '../src/modules/scim/scim-pending-sweep.js';
import { FakeDirectoryApp } from './support/scim-fake-app.js';
import { createScimConnector, scimClient, scimUser, type ConnectorOptions, type ScimClient, type ScimConnector } from './support/scim.js';
import { LogCapture, signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

// How long the slow app takes to answer; the connector's outbound timeout is set well above it.
const SLOW_APP_MS = Number(process.env.SCIM_SLOW_APP_MS ?? 5000);
// What "answers at once" means for the other requests meanwhile (before: seconds, a pool's worth of app waits).
const QUICK_MS = Number(process.env.SCIM_QUICK_ANSWER_MS ?? 200);

describe('SCIM writes and the app: claim, call, finish', () => {
  let t: TestApp;
  let app: FakeDirectoryApp;
  let admin: Admin;
  let settings: OutboundSettings;

  beforeAll(async () => {
    // The sweep runs when a test asks (sweep()), or on its timer in the second process below.
    t = await startTestApp({ SCIM_SWEEP_INTERVAL_MS: '0' });
    app = await new FakeDirectoryApp().start();
    admin = await signUpAdmin(t);
    settings = t.app.get(OutboundSettings);
    settings.sleep = async () => {};
  }, 120_000);
  beforeEach(() => {
    app.reset();
    settings.timeoutMs = 10_000;
  });
  afterAll(async () => {
    await app.stop();
    await t.close();
  });

  async function setup(opts: ConnectorOptions = {}, owner: Admin = admin): Promise<{ c: ScimConnector; scim: ScimClient }> {
    const c = await createScimConnector(owner, app, opts);
    return { c, scim: scimClient(t, c.id, c.token) };
  }
  const timed = async (send: () => Promise<{ status: number }>) => {
    const started = Date.now();
    const res = await send();
    return { status: res.status, ms: Date.now() - started };
  };
  const appCreates = () => app.requests.filter((r) => r.method === 'POST' && r.path === '/api/users');
  const appLookups = () => app.requests.filter((r) => r.method === 'GET' && r.path === '/api/users');
  const byUserName = (scim: ScimClient, userName: string) => scim.get(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`).expect(200);
  const pendingRow = async (userName: string) =>
    (await t.dataSource.query('SELECT id, pending_op, downstream_id, last_error FROM scim_users WHERE user_name_lower = $1', [userName.toLowerCase()]))[0] as
      | { id: string; pending_op: string | null; downstream_id: string | null; last_error: string | null }
      | undefined;

  /** A create the app carries out but answers only after the connector gave up: 503, and the app has the account. */
  async function timedOutCreate(scim: ScimClient, userName: string): Promise<void> {
    settings.timeoutMs = 300;
    app.lateMs = 1000;
    const res = await scim.post('/Users', scimUser(userName)).expect(503);
    expect(res.body.detail).toMatch(/did not answer within/);
    app.lateMs = 0;
    settings.timeoutMs = 10_000;
    expect([...app.users.values()].map((u) => u.userName)).toContain(userName);
  }

  describe('while the app is slow', () => {
    it('keeps answering other requests (health, another company, another connector) during 20 creates waiting on the app', async () => {
      const { scim } = await setup();
      const other = await signUpAdmin(t);
      const theirs = await setup({}, other);
      await theirs.scim.post('/Users', scimUser('their.user')).expect(201);
      const mark = app.mark();
      const slowCreates = () => app.since(mark).filter((r) => r.method === 'POST' && r.path === '/api/users');
      settings.timeoutMs = SLOW_APP_MS + 5000;
      app.delayMs = SLOW_APP_MS;

      const creates = Promise.all(Array.from({ length: 20 }, (_, i) => scim.post('/Users', scimUser(`slow.${i}`))));
      // Measured while the creates wait on the app: all 20 of them once they have reached it (with
      // a connection held per create, only as many as the pool has ever get there).
      const waitUntil = Date.now() + SLOW_APP_MS - 1000;
      while (slowCreates().length < 20 && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 50));
      const arrived = slowCreates().length;

      const health = await timed(() => request(t.http).get('/api/health'));
      const connectors = await timed(() => other.get('/api/connectors'));
      const scimRead = await timed(() => theirs.scim.get('/Users'));
      const done = await creates;

      expect([health, connectors, scimRead].map((r) => r.status)).toEqual([200, 200, 200]);
      expect(health.ms).toBeLessThan(QUICK_MS);
      expect(connectors.ms).toBeLessThan(QUICK_MS);
      expect(scimRead.ms).toBeLessThan(QUICK_MS);
      // Every create was with the app at once (none waited for a database connection).
      expect(arrived).toBe(20);
      expect(done.map((r) => r.status)).toEqual(Array(20).fill(201));
    }, 60_000);
  });

  describe('a create whose answer never arrived', () => {
    it('is linked, on the identity provider\'s retry, to the account the app made (list_users): 201 and one account in the app', async () => {
      const { scim } = await setup({ capabilities: { list_users: true } });
      await timedOutCreate(scim, 'late.answer');
      // Pending: not shown to the identity provider, but tracked.
      expect((await byUserName(scim, 'late.answer')).body.totalResults).toBe(0);
      expect(await pendingRow('late.answer')).toMatchObject({ pending_op: 'create', downstream_id: null, last_error: expect.stringMatching(/did not answer/) });

      const retry = await scim.post('/Users', scimUser('late.answer')).expect(201);
      expect(app.users.size).toBe(1);
      expect(appCreates()).toHaveLength(1);
      expect(appLookups()).toHaveLength(1);
      const appId = [...app.users.keys()][0];
      expect(await pendingRow('late.answer')).toMatchObject({ id: retry.body.id, pending_op: null, downstream_id: appId, last_error: null });
      expect((await byUserName(scim, 'late.answer')).body.Resources.map((r: { id: string }) => r.id)).toEqual([retry.body.id]);
    });

    it('is created on the retry when list_users says the app has no such account', async () => {
      const { scim } = await setup({ capabilities: { list_users: true } });
      app.failNext('POST /api/users', 502, { error: { message: 'bad gateway' } });
      await scim.post('/Users', scimUser('not.there')).expect(502);
      expect(await pendingRow('not.there')).toMatchObject({ pending_op: 'create' });
      await scim.post('/Users', scimUser('not.there')).expect(201);
      expect(appCreates()).toHaveLength(2);
      expect(app.users.size).toBe(1);
    });

    it('is refused with 409 naming the pending user when the app cannot be asked, and nothing is created twice', async () => {
      const { scim } = await setup();
      await timedOutCreate(scim, 'cannot.tell');
      const row = await pendingRow('cannot.tell');
      const retry = await scim.post('/Users', scimUser('cannot.tell')).expect(409);
      expect(retry.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
      expect(retry.body.detail).toContain(`"cannot.tell" is pending creation in the application`);
      expect(retry.body.detail).toContain(row!.id);
      expect(retry.body.detail).toMatch(/enable list_users/);
      expect(appCreates()).toHaveLength(1);
      // The administrator checked the app: deleting the pending user lets the create run again.
      app.users.clear();
      await scim.delete(`/Users/${row!.id}`).expect(204);
      await scim.post('/Users', scimUser('cannot.tell')).expect(201);
      expect(app.users.size).toBe(1);
    });
  });

  describe('a reactivation whose answer never arrived (deactivation deletes in the app)', () => {
    const setActive = (scim: ScimClient, id: string, active: boolean) =>
      scim.patch(`/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: active }] });
    // A PATCH is answered 200 with the resource or 204, as the connector's IdP profile says.
    const applied = (res: { status: number }) => expect([200, 204]).toContain(res.status);

    async function deactivated(opts: ConnectorOptions, userName: string) {
      const { scim } = await setup({ deactivationAsDelete: true, ...opts });
      const created = await scim.post('/Users', scimUser(userName)).expect(201);
      applied(await setActive(scim, created.body.id, false));
      expect(app.users.size).toBe(0);
      // The app makes the account again but answers after the connector gave up.
      settings.timeoutMs = 300;
      app.lateMs = 1000;
      await setActive(scim, created.body.id, true).expect(503);
      app.lateMs = 0;
      settings.timeoutMs = 10_000;
      expect(app.users.size).toBe(1);
      return { scim, id: created.body.id as string };
    }

    it('is linked on the retry to the account the app made (list_users), not created twice', async () => {
      const { scim, id } = await deactivated({ capabilities: { list_users: true } }, 'back.again');
      applied(await setActive(scim, id, true));
      expect((await scim.get(`/Users/${id}`).expect(200)).body.active).toBe(true);
      expect(app.users.size).toBe(1);
      expect(appCreates()).toHaveLength(2);
      const appId = [...app.users.keys()][0];
      expect((await t.dataSource.query('SELECT downstream_id, last_error FROM scim_users WHERE id = $1', [id]))[0]).toEqual({ downstream_id: appId, last_error: null });
    });

    it('is refused with 409 when the app cannot be asked, instead of making a second account', async () => {
      const { scim, id } = await deactivated({}, 'cannot.ask');
      const retry = await setActive(scim, id, true).expect(409);
      expect(retry.body.detail).toMatch(/was not reactivated.*enable list_users/);
      expect(app.users.size).toBe(1);
      expect(appCreates()).toHaveLength(2);
    });
  });

  describe('concurrent creates of one userName', () => {
    it('give exactly one 201 and one account in the app; the others get 409', async () => {
      const { scim } = await setup();
      app.delayMs = 100;
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => scim.post('/Users', scimUser(i % 2 ? 'Same.Name' : 'same.name'))));
      expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
      expect(appCreates()).toHaveLength(1);
      expect(app.users.size).toBe(1);
    });
  });

  describe('the sweep', () => {
    it('links an abandoned create the app has, drops one it has not, and keeps one it cannot tell about', async () => {
      const sweep = t.app.get(ScimPendingSweep);
      const listing = await setup({ capabilities: { list_users: true } });
      await timedOutCreate(listing.scim, 'swept.linked');
      // A process that crashed after its claim: the pending row, nothing in the app.
      const crashed = randomUUID();
      await t.dataSource.query(
        `INSERT INTO scim_users (id, company_id, connector_id, user_name, user_name_lower, active, resource, created_at, updated_at, version, pending_op, pending_since, pending_until)
         SELECT $1, company_id, id, 'swept.dropped', 'swept.dropped', true, $3, now(), now(), 1, 'create', now() - interval '1 hour', now() - interval '59 minutes'
           FROM connectors WHERE id = $2`,
        [crashed, listing.c.id, JSON.stringify(scimUser('swept.dropped'))],
      );
      const blind = await setup();
      await timedOutCreate(blind.scim, 'swept.unknown');

      const report = await sweep.sweep();
      expect(report).toMatchObject({ linked: 1, dropped: 1, kept: 1 });
      expect(await pendingRow('swept.linked')).toMatchObject({ pending_op: null, downstream_id: [...app.users.values()].find((u) => u.userName === 'swept.linked')!.id });
      expect(await pendingRow('swept.dropped')).toBeUndefined();
      expect(await pendingRow('swept.unknown')).toMatchObject({ pending_op: 'create', last_error: expect.stringMatching(/list_users/) });
      expect((await byUserName(listing.scim, 'swept.linked')).body.totalResults).toBe(1);
      // The linked user is an ordinary one now: the identity provider's retry is told it exists.
      await listing.scim.post('/Users', scimUser('swept.linked')).expect(409);
      expect(appCreates()).toHaveLength(2);
    });

    const serverOnly = process.env.TEST_DB === 'postgres' ? it : it.skip;
    // Two API processes need a database both can reach; the embedded engine lives inside one.
    serverOnly('takes each abandoned row once when two processes sweep one database', async () => {
      const { c } = await setup({ capabilities: { list_users: true } });
      const names = Array.from({ length: 20 }, (_, i) => `two.processes.${i}`);
      for (const [i, name] of names.entries()) {
        if (i % 2 === 0) app.users.set(`u${9000 + i}`, { id: `u${9000 + i}`, email: `${name}@example.com`, name, userName: name, active: true });
        await t.dataSource.query(
          `INSERT INTO scim_users (id, company_id, connector_id, user_name, user_name_lower, active, resource, created_at, updated_at, version, pending_op, pending_since, pending_until)
           SELECT $1, company_id, id, $3, $3, true, $4, now(), now(), 1, 'create', now() - interval '1 hour', now() - interval '59 minutes'
             FROM connectors WHERE id = $2`,
          [randomUUID(), c.id, name, JSON.stringify(scimUser(name))],
        );
      }
      // A second process on the same database, sweeping on its own timer.
      const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ALLOW_PRIVATE_NETWORK_TARGETS: 'true', PORT: '0', SCIM_SWEEP_INTERVAL_MS: '20' });
      const second = await createApp({ config, databaseUrl: t.db.url, embeddedDatabase: t.db.embedded, logStream: new LogCapture(), webDist: null });
      await second.init();
      try {
        const sweep = t.app.get(ScimPendingSweep);
        for (let i = 0; i < 50; i++) {
          await sweep.sweep();
          const left = await t.dataSource.query(`SELECT count(*)::int AS n FROM scim_users WHERE connector_id = $1 AND pending_op IS NOT NULL`, [c.id]);
          if (left[0].n === 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
      } finally {
        await second.close();
      }
      // Each row was looked up in the app exactly once, by one process or the other.
      expect(appLookups().map((r) => r.query.get('userName')).sort()).toEqual([...names].sort());
      const rows: Array<{ user_name: string; downstream_id: string | null }> = await t.dataSource.query(
        'SELECT user_name, downstream_id FROM scim_users WHERE connector_id = $1 ORDER BY user_name',
        [c.id],
      );
      expect(rows.map((r) => r.user_name).sort()).toEqual(names.filter((_, i) => i % 2 === 0).sort());
      expect(rows.every((r) => r.downstream_id !== null)).toBe(true);
    }, 60_000);
  });
});
