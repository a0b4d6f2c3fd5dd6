import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApiKey, createIntegration, employees, EMPLOYEES_MONITORING, ingestPath } from '../test/support/ingest.js';
import { FakeDirectoryApp } from '../test/support/scim-fake-app.js';
import { createScimConnector, scimClient, scimUser, type ScimClient } from '../test/support/scim.js';
import { createTestDatabase } from '../test/support/test-database.js';
import { signUpAdmin, type Admin, type TestApp } from '../test/support/test-app.js';
import type { DatabaseHandle } from '../src/database/embedded-postgres.js';
import { startProductProcess, type ProductProcess } from './product-process.js';

// The field's worst moment: the process dies (SIGKILL, no shutdown hook) while the app is
// working on a SCIM create or while an upload is half sent, and a new process starts on the same
// database. What must hold afterwards: no account in the app that Gatehouse does not track, no
// second account on the identity provider's retry, and evidence exactly as it was.

const until = async <T>(what: string, read: () => Promise<T | undefined> | T | undefined, ms = 90_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const ENGINES = [
  ['the embedded engine', 'pglite'],
  ['a PostgreSQL server', 'postgres'],
] as const;

describe.each(ENGINES)('a crash and a restart on %s', (_label, engine) => {
  let dataDir: string;
  let server: DatabaseHandle | null = null;
  let app: FakeDirectoryApp;
  let product: ProductProcess | undefined;

  const start = async (env: Record<string, string> = {}) => {
    product = await startProductProcess({ databaseUrl: server?.url ?? null, dataDir, env });
    return product;
  };
  const as = (p: ProductProcess) => ({ http: p.url }) as unknown as TestApp;
  const appCreates = () => app.requests.filter((r) => r.method === 'POST' && r.path === '/api/users');
  const byUserName = async (scim: ScimClient, userName: string) =>
    (await scim.get(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`).expect(200)).body as { totalResults: number; Resources: Array<{ id: string }> };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-crash-'));
    if (engine === 'postgres') {
      const previous = process.env.TEST_DB;
      process.env.TEST_DB = 'postgres';
      server = await createTestDatabase();
      process.env.TEST_DB = previous;
    }
    app = await new FakeDirectoryApp().start();
  });
  afterAll(async () => {
    await product?.stop();
    await app.stop();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tracks SCIM creates the app carried out before the crash: the retry links to the account and the sweep settles the rest, one account each', async () => {
    const first = await start({ SCIM_SWEEP_INTERVAL_MS: '0' });
    const admin: Admin = await signUpAdmin(as(first));
    const c = await createScimConnector(admin, app, { capabilities: { list_users: true } });
    // The app makes each account and then holds its answer: the crash comes while both creates wait on it.
    app.lateMs = 10 * 60_000;
    const inFlight = ['crash.retried', 'crash.swept'].map((userName) =>
      scimClient(as(first), c.id, c.token)
        .post('/Users', scimUser(userName))
        .then(
          () => undefined,
          () => undefined,
        ),
    );
    await until('the app to hold both accounts', () => (app.users.size === 2 ? true : undefined), 30_000);
    await first.kill();
    await Promise.all(inFlight);
    app.lateMs = 0;

    // Restart without the sweep: the identity provider's retry settles its own create.
    const second = await start({ SCIM_SWEEP_INTERVAL_MS: '0' });
    const scim = scimClient(as(second), c.id, c.token);
    expect((await byUserName(scim, 'crash.retried')).totalResults).toBe(0);
    const retried = await scim.post('/Users', scimUser('crash.retried'));
    expect(retried.status).toBe(201);
    const appAccount = [...app.users.values()].find((u) => u.userName === 'crash.retried')!;
    expect((await byUserName(scim, 'crash.retried')).Resources.map((r) => r.id)).toEqual([retried.body.id]);
    // The retry was linked to the account the app made before the crash, not a second one.
    expect(appCreates().filter((r) => r.body.includes('crash.retried'))).toHaveLength(1);
    await scim.patch(`/Users/${retried.body.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'displayName', value: 'Renamed after the crash' }] });
    expect(app.requests.some((r) => r.method !== 'GET' && r.path === `/api/users/${appAccount.id}`)).toBe(true);
    await second.stop();

    // Nobody retries the other one: a process with the sweep on links it to the app's account.
    const third = await start({ SCIM_SWEEP_INTERVAL_MS: '500' });
    const swept = scimClient(as(third), c.id, c.token);
    const found = await until('the sweep to link crash.swept', async () => {
      const list = await byUserName(swept, 'crash.swept');
      return list.totalResults === 1 ? list.Resources[0] : undefined;
    });
    const directory = await request(third.url).get(`/api/connectors/${c.id}/scim-users`).set('Cookie', admin.cookie).expect(200);
    expect(JSON.stringify(directory.body)).toContain(found.id);
    expect(app.users.size).toBe(2);
    expect(appCreates()).toHaveLength(2);
    await third.stop();
  });

  it('keeps the evidence of the last accepted push when the process dies during the next upload, and takes the push after it', async () => {
    const first = await start();
    const admin = await signUpAdmin(as(first));
    const key = (await createApiKey(admin)).key;
    const integrationId = await createIntegration(admin, [EMPLOYEES_MONITORING]);
    const path = ingestPath(integrationId, 'list_employees');
    const records = async (p: ProductProcess) =>
      (await request(p.url).get(`/api/integrations/${integrationId}/contexts/list_employees/records?pageSize=100`).set('Cookie', admin.cookie).expect(200)).body as {
        submissionId: string;
        total: number;
        items: Array<{ data: unknown }>;
      };
    const accepted = await request(first.url).post(path).set({ 'x-api-key': key, 'content-type': 'application/json' }).send({ data: employees(3) }).expect(200);

    // A large upload, half sent when the process dies.
    const upload = http.request(`${first.url}${path}`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' } });
    upload.on('error', () => undefined);
    upload.write('{"data":[');
    upload.write(
      employees(20_000, 100)
        .map((r) => JSON.stringify(r))
        .join(','),
    );
    await new Promise((r) => setTimeout(r, 1500));
    await first.kill();
    upload.destroy();

    const second = await start();
    const kept = await records(second);
    expect(kept).toMatchObject({ submissionId: accepted.body.submissionId, total: 3 });
    expect(kept.items.map((i) => i.data)).toEqual(employees(3));
    await request(second.url).post(path).set({ 'x-api-key': key, 'content-type': 'application/json' }).send({ data: employees(5, 50) }).expect(200);
    const next = await records(second);
    expect(next.total).toBe(5);
    expect(next.items.map((i) => i.data)).toEqual(employees(5, 50));
    await second.stop();
  });
});
