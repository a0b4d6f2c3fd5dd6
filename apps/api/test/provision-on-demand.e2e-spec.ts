import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { OutboundSettings } from '../src/modules/http-connector/outbound-settings.js';
import { FakeDirectoryApp } from './support/scim-fake-app.js';
import { APP_SECRET, ERROR_SCHEMA, USER_SCHEMA, createScimConnector, scimClient, scimUser, type ScimConnector } from './support/scim.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

type Call = { id: string; operation: string; method: string; status: number | null; scimUserId: string | null; request: { body: string | null } | null };

describe('POST /api/connectors/:id/provision-user (provision on demand)', () => {
  let t: TestApp;
  let app: FakeDirectoryApp;
  let admin: Admin;
  let other: Admin;

  beforeAll(async () => {
    t = await startTestApp();
    app = await new FakeDirectoryApp().start();
    admin = await signUpAdmin(t);
    other = await signUpAdmin(t);
    t.app.get(OutboundSettings).sleep = async () => {};
  });
  beforeEach(() => app.reset());
  afterAll(async () => {
    await app.stop();
    await t.close();
  });

  const provision = (c: ScimConnector, body: unknown, who: Admin = admin) => who.post(`/api/connectors/${c.id}/provision-user`).send(body as object);
  const storedUsers = async (c: ScimConnector) => (await admin.get(`/api/connectors/${c.id}/scim-users`).expect(200)).body.items as Array<{ id: string; userName: string; downstreamId: string | null }>;

  it('creates a new userName as the identity provider would (POST /Users), showing the create_user call and the SCIM 201 answer', async () => {
    const c = await createScimConnector(admin, app);
    const res = await provision(c, { user: scimUser('ondemand.ann@example.com') }).expect(200);
    expect(res.body.action).toBe('create');
    expect(res.body.scim.status).toBe(201);
    expect(res.body.scim.body).toMatchObject({ schemas: [USER_SCHEMA], userName: 'ondemand.ann@example.com', active: true });
    const calls = res.body.calls as Call[];
    expect(calls.map((x) => [x.operation, x.method, x.status])).toEqual([['create_user', 'POST', 201]]);
    expect(JSON.parse(calls[0]!.request!.body!)).toMatchObject({ email: 'ondemand.ann@example.com', userName: 'ondemand.ann@example.com' });
    expect(calls[0]!.scimUserId).toBe(res.body.scim.body.id);
    // It really happened: the app has the account and the store links it, as after an IdP's POST.
    expect([...app.users.values()].map((u) => u.userName)).toEqual(['ondemand.ann@example.com']);
    const [stored] = await storedUsers(c);
    expect(stored).toMatchObject({ id: res.body.scim.body.id, downstreamId: [...app.users.keys()][0] });
    // Nothing hidden: the call log holds the same call, filed under the user.
    const log = (await admin.get(`/api/connectors/${c.id}/calls?scimUserId=${stored!.id}`).expect(200)).body.items as Call[];
    expect(log.map((x) => x.id)).toEqual([calls[0]!.id]);
    expect(JSON.stringify(res.body)).not.toContain(APP_SECRET);
  });

  it('updates a known userName (PUT /Users/{id}) with update_user, and picking a stored user that did not change sends nothing', async () => {
    const c = await createScimConnector(admin, app);
    const scim = scimClient(t, c.id, c.token);
    const created = (await scim.post('/Users', scimUser('ondemand.bob')).expect(201)).body;

    const typed = await provision(c, { user: scimUser('ONDEMAND.BOB', { displayName: 'Robert' }) }).expect(200);
    expect(typed.body).toMatchObject({ action: 'replace', scim: { status: 200, body: { id: created.id, displayName: 'Robert' } } });
    expect((typed.body.calls as Call[]).map((x) => [x.operation, x.method, x.status])).toEqual([['update_user', 'PATCH', 200]]);
    expect([...app.users.values()][0]!.name).toBe('Robert');

    const picked = await provision(c, { scimUserId: created.id }).expect(200);
    expect(picked.body).toMatchObject({ action: 'replace', scim: { status: 200, body: { id: created.id, displayName: 'Robert' } }, calls: [] });
  });

  it('shows the app refusing: the SCIM error the identity provider would get, the failed call, and no user kept', async () => {
    const c = await createScimConnector(admin, app);
    app.failNext('POST /api/users', 422, { error: { message: 'email domain not allowed' } });
    const res = await provision(c, { user: scimUser('ondemand.carol') }).expect(200);
    expect(res.body.action).toBe('create');
    expect(res.body.scim.status).toBeGreaterThanOrEqual(400);
    expect(res.body.scim.body).toMatchObject({ schemas: [ERROR_SCHEMA], detail: expect.stringMatching(/email domain not allowed/) });
    const calls = res.body.calls as Call[];
    expect(calls.map((x) => [x.operation, x.status])).toEqual([['create_user', 422]]);
    expect(await storedUsers(c)).toEqual([]);
  });

  it('answers a disabled connector with the 503 an identity provider gets, calling nothing', async () => {
    const c = await createScimConnector(admin, app, { enabled: false });
    const res = await provision(c, { user: scimUser('ondemand.dan') }).expect(200);
    expect(res.body).toMatchObject({ scim: { status: 503 }, calls: [] });
    expect(app.requests).toEqual([]);
  });

  it('refuses bad input with a message saying what to send, and changes nothing', async () => {
    const c = await createScimConnector(admin, app);
    const noName = await provision(c, { user: { displayName: 'No userName' } }).expect(400);
    expect(noName.body.message).toMatch(/^user: .*userName/);
    const both = await provision(c, { scimUserId: randomUUID(), user: scimUser('x') }).expect(400);
    expect(both.body.message).toMatch(/send either scimUserId .* or user/);
    const unknownField = await provision(c, { user: scimUser('x'), dryRun: true }).expect(400);
    expect(unknownField.body.message).toMatch(/unknown field "dryRun"/);
    const missing = await provision(c, { scimUserId: randomUUID() }).expect(404);
    expect(missing.body.message).toMatch(/not found for this connector/);
    expect(app.requests).toEqual([]);
    expect(await storedUsers(c)).toEqual([]);
  });

  it("answers 404 to another company, for A's connector and for A's user through B's own connector", async () => {
    const c = await createScimConnector(admin, app);
    const scim = scimClient(t, c.id, c.token);
    const created = (await scim.post('/Users', scimUser('ondemand.eve')).expect(201)).body;
    const before = app.mark();
    await provision(c, { scimUserId: created.id }, other).expect(404);
    await provision(c, { user: scimUser('ondemand.eve') }, other).expect(404);
    const theirs = await createScimConnector(other, app);
    await other.post(`/api/connectors/${theirs.id}/provision-user`).send({ scimUserId: created.id }).expect(404);
    expect(app.since(before)).toEqual([]);
  });
});
