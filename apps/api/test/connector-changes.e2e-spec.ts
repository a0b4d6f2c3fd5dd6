import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { ConnectorChanges } from '../src/modules/http-connector/connector-changes.js';
import { FakeDirectoryApp } from './support/scim-fake-app.js';
import { ERROR_SCHEMA, createScimConnector, scimClient } from './support/scim.js';
import { LogCapture, connectorChangeHeard, signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

/**
 * SCIM requests are authenticated against the connector's token and settings, which a process
 * may hold between requests only while it hears of every change to them. These tests change a
 * connector through one process (or straight in the database) and check that another process
 * answers accordingly. On the embedded database there is one process and nothing is held, so
 * the same requests must give the same answers there.
 */
describe('connector changes reach every API process', () => {
  let t: TestApp;
  let second: { app: NestExpressApplication; http: Server; logs: LogCapture };
  let fake: FakeDirectoryApp;
  let admin: Admin;
  const onServer = process.env.TEST_DB === 'postgres';

  beforeAll(async () => {
    t = await startTestApp();
    // A second app on the same database stands in for another API process.
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ALLOW_PRIVATE_NETWORK_TARGETS: 'true', PORT: '0' });
    const logs = new LogCapture();
    const app = await createApp({ config, databaseUrl: t.db.url, embeddedDatabase: t.db.embedded, logStream: logs, webDist: null });
    await app.listen(0, '127.0.0.1');
    second = { app, http: app.getHttpServer() as Server, logs };
    fake = await new FakeDirectoryApp().start();
    admin = await signUpAdmin(t);
  });
  afterAll(async () => {
    await second.app.close();
    await fake.stop();
    await t.close();
  });

  const viaSecond = (connectorId: string, token: string) => scimClient({ ...t, http: second.http }, connectorId, token);
  const changes = (app: NestExpressApplication) => app.get(ConnectorChanges);

  it('listens for changes on a database server, and holds nothing on the embedded one', () => {
    expect(changes(t.app).watching).toBe(onServer);
    expect(changes(second.app).watching).toBe(onServer);
  });

  it('a token rotated through one process is refused by the other, and the new one accepted', async () => {
    const c = await createScimConnector(admin, fake);
    await viaSecond(c.id, c.token).get('/Users').expect(200);
    const heard = connectorChangeHeard(second.app, c.id);
    const rotated = (await admin.post(`/api/connectors/${c.id}/scim-token`).expect(201)).body.token as string;
    await heard;
    const old = await viaSecond(c.id, c.token).get('/Users').expect(401);
    expect(old.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '401' });
    await viaSecond(c.id, rotated).get('/Users').expect(200);
  });

  it('a connector disabled, re-enabled or deleted through one process is answered so by the other', async () => {
    const c = await createScimConnector(admin, fake);
    await viaSecond(c.id, c.token).get('/Users').expect(200);

    let heard = connectorChangeHeard(second.app, c.id);
    await admin.patch(`/api/connectors/${c.id}`).send({ enabled: false }).expect(200);
    await heard;
    const paused = await viaSecond(c.id, c.token).get('/Users').expect(503);
    expect(paused.body.detail).toMatch(/disabled/);

    heard = connectorChangeHeard(second.app, c.id);
    await admin.patch(`/api/connectors/${c.id}`).send({ enabled: true }).expect(200);
    await heard;
    await viaSecond(c.id, c.token).get('/Users').expect(200);

    heard = connectorChangeHeard(second.app, c.id);
    await admin.delete(`/api/connectors/${c.id}`).expect(204);
    await heard;
    await viaSecond(c.id, c.token).get('/Users').expect(401);
  });

  it('hears changes written straight to the database (settings, token, deletion), not the bookkeeping of each call', async () => {
    const quiet = await createScimConnector(admin, fake);
    const fence = await createScimConnector(admin, fake);
    // Notifications arrive in commit order: once a change of `fence` is heard, every earlier one was.
    const settled = connectorChangeHeard(second.app, fence.id);
    await t.dataSource.query(`UPDATE connectors SET name = name || ' (renamed)' WHERE id = $1`, [fence.id]);
    await settled;
    const seen: Array<string | null> = [];
    const off = changes(second.app).subscribe((id) => seen.push(id));
    try {
      // Written on every outbound call: not a change of the connector.
      await t.dataSource.query(`UPDATE connectors SET last_call_at = now(), last_error = 'timeout', calls_since_trim = 7 WHERE id = $1`, [quiet.id]);
      let heard = connectorChangeHeard(second.app, fence.id);
      await t.dataSource.query(`UPDATE connectors SET deactivation_as_delete = true WHERE id = $1`, [fence.id]);
      await heard;
      expect(seen).not.toContain(quiet.id);
      if (onServer) expect(seen).toContain(fence.id);

      heard = connectorChangeHeard(second.app, quiet.id);
      await t.dataSource.query(`UPDATE scim_tokens SET token_hash = md5(token_hash) WHERE connector_id = $1`, [quiet.id]);
      await heard;
      await viaSecond(quiet.id, quiet.token).get('/Users').expect(401);

      heard = connectorChangeHeard(second.app, fence.id);
      await t.dataSource.query(`DELETE FROM connectors WHERE id = $1`, [fence.id]);
      await heard;
      await viaSecond(fence.id, fence.token).get('/ServiceProviderConfig').expect(401);
    } finally {
      off();
    }
  });

  (onServer ? it : it.skip)('reads every request from the database while the listener is lost, and listens again', async () => {
    // Server only: the embedded database has no listener to lose.
    const c = await createScimConnector(admin, fake);
    const feed = changes(second.app);
    await viaSecond(c.id, c.token).get('/Users').expect(200);
    await t.dataSource.query('SELECT pg_terminate_backend($1)', [feed.listenerPid]);
    await waitFor(() => !feed.watching);
    // Both apps run in this one test process, where Nest's service loggers write to one stream.
    await waitFor(() => `${t.logs.text}${second.logs.text}`.includes('Stopped hearing of connector changes'));

    // Nobody hears this change; the token must still stop working at once.
    await t.dataSource.query(`UPDATE scim_tokens SET token_hash = md5(token_hash) WHERE connector_id = $1`, [c.id]);
    await viaSecond(c.id, c.token).get('/Users').expect(401);

    await waitFor(() => feed.watching);
    const rotated = (await admin.post(`/api/connectors/${c.id}/scim-token`).expect(201)).body.token as string;
    await viaSecond(c.id, rotated).get('/Users').expect(200);
    const heard = connectorChangeHeard(second.app, c.id);
    await t.dataSource.query(`UPDATE connectors SET enabled = false WHERE id = $1`, [c.id]);
    await heard;
    await viaSecond(c.id, rotated).get('/Users').expect(503);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
