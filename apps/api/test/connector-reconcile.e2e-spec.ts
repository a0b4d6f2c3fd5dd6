import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { OutboundSettings } from '../src/modules/http-connector/outbound-settings.js';
import { FakeDirectoryApp, jsonListMappings } from './support/scim-fake-app.js';
import { APP_SECRET, GROUP_SCHEMA, createScimConnector, patchOp, scimCalls, scimClient, scimUser, type ScimClient, type ScimConnector } from './support/scim.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

type Account = { id: string };
type Pair = { scimUser?: { id: string; userName: string }; scimGroup?: { id: string; displayName: string }; account: Account; reason: string; linked: boolean };

describe('POST /api/connectors/{id}/reconcile and /reconcile/link (Import accounts)', () => {
  let t: TestApp;
  let app: FakeDirectoryApp;
  let admin: Admin;
  let other: Admin;
  let c: ScimConnector;
  let scim: ScimClient;
  const held = { ada: '', grace: '', zed: '', engineering: '', finance: '' };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    // Failed calls are not waited on between retries.
    t.app.get(OutboundSettings).sleep = async () => {};
    app = await new FakeDirectoryApp().start();
    admin = await signUpAdmin(t);
    other = await signUpAdmin(t);
    // The app already has its accounts; the identity provider was connected with creates off,
    // so what it provisioned exists in Gatehouse only until someone links it.
    const accounts = app.hold({
      users: [
        { email: 'ada@example.com', userName: 'ada', name: 'Ada Lovelace' },
        { email: 'g.hopper@corp.example', userName: 'Grace@Example.com', name: 'Grace Hopper' },
        { email: 'zed@example.com', userName: 'zed', name: 'Zed Former-Employee' },
      ],
      groups: ['Engineering', 'Finance'],
    });
    [held.ada, held.grace, held.zed] = accounts.users as [string, string, string];
    [held.engineering, held.finance] = accounts.groups as [string, string];
    c = await createScimConnector(admin, app, {
      capabilities: { create_user: false, create_group: false, list_users: true, list_groups: true },
      mappings: jsonListMappings(app.baseUrl),
    });
    scim = scimClient(t, c.id, c.token);
    for (const name of ['ada@example.com', 'grace@example.com', 'linus@example.com']) ids[name] = (await scim.post('/Users', scimUser(name)).expect(201)).body.id;
    for (const name of ['engineering', 'Legal']) ids[name] = (await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: name }).expect(201)).body.id;
  });
  afterAll(async () => {
    await app.stop();
    await t.close();
  });

  const reconcile = (who: Admin = admin, id = c.id) => who.post(`/api/connectors/${id}/reconcile`).send({});
  const link = (body: Record<string, unknown>, who: Admin = admin, id = c.id) => who.post(`/api/connectors/${id}/reconcile/link`).send(body);
  const pairs = (matched: Pair[]) => matched.map((p) => [p.scimUser?.userName ?? p.scimGroup?.displayName, p.account.id, p.reason, p.linked]);

  it("shows the app's accounts matched to the provisioned users and groups, and who is on one side only", async () => {
    const from = app.mark();
    const res = await reconcile().expect(200);
    expect(pairs(res.body.users.matched)).toEqual([
      ['ada@example.com', held.ada, 'email', false],
      ['grace@example.com', held.grace, 'userName', false],
    ]);
    expect(res.body.users.matched[0]).toEqual({
      scimUser: { id: ids['ada@example.com'], userName: 'ada@example.com', displayName: 'Test ada@example.com', emails: ['ada@example.com'], active: true, downstreamId: null },
      account: { id: held.ada, userName: 'ada', email: 'ada@example.com', displayName: 'Ada Lovelace', active: true },
      reason: 'email',
      linked: false,
    });
    expect(res.body.users.onlyInApp).toEqual([{ id: held.zed, userName: 'zed', email: 'zed@example.com', displayName: 'Zed Former-Employee', active: true }]);
    expect(res.body.users.onlyInIdp.map((u: { userName: string }) => u.userName)).toEqual(['linus@example.com']);
    expect(pairs(res.body.groups.matched)).toEqual([['engineering', held.engineering, 'name', false]]);
    expect(res.body.groups.onlyInApp).toEqual([{ id: held.finance, name: 'Finance', member_count: 0 }]);
    expect(res.body.groups.onlyInIdp).toEqual([{ id: ids.Legal, displayName: 'Legal', downstreamId: null }]);
    // One answer per list, and the view says so.
    expect(res.body.notes).toEqual([
      expect.stringContaining('3 users read from one list_users answer. Gatehouse does not follow pages'),
      expect.stringContaining('2 groups read from one list_groups answer. Gatehouse does not follow pages'),
    ]);
    expect(app.since(from).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/users', 'GET /api/groups']);
    const calls = await scimCalls(admin, c.id);
    expect(calls.slice(-2).map((x) => [x.operation, x.status, x.source])).toEqual([
      ['list_users', 200, 'scim'],
      ['list_groups', 200, 'scim'],
    ]);
  });

  it('links a matched user: the next IdP PATCH updates that account in the app', async () => {
    // Before the link, the user exists in Gatehouse only: a deactivation stays here.
    let from = app.mark();
    await scim.patch(`/Users/${ids['ada@example.com']}`, patchOp({ op: 'replace', path: 'displayName', value: 'Ada L.' })).expect(204);
    expect(app.since(from)).toEqual([]);

    const linked = await link({ scimUserId: ids['ada@example.com'], downstreamId: held.ada }).expect(200);
    expect(linked.body).toEqual({ kind: 'user', id: ids['ada@example.com'], downstreamId: held.ada, previousDownstreamId: null });

    from = app.mark();
    await scim.patch(`/Users/${ids['ada@example.com']}`, patchOp({ op: 'replace', path: 'active', value: false })).expect(204);
    expect(app.since(from).map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /api/users/${held.ada}`]);
    expect(app.users.get(held.ada)).toMatchObject({ active: false, name: 'Ada L.' });

    const again = await reconcile().expect(200);
    expect(pairs(again.body.users.matched)).toEqual([
      ['ada@example.com', held.ada, 'email', true],
      ['grace@example.com', held.grace, 'userName', false],
    ]);
    const directory = await admin.get(`/api/connectors/${c.id}/scim-users?q=ada`).expect(200);
    expect(directory.body.items[0].downstreamId).toBe(held.ada);
  });

  it('links a matched group: the next membership change goes to that group', async () => {
    await link({ scimGroupId: ids.engineering, downstreamId: held.engineering }).expect(200);
    const from = app.mark();
    await scim.patch(`/Groups/${ids.engineering}`, patchOp({ op: 'add', path: 'members', value: [{ value: ids['ada@example.com'] }] })).expect(204);
    expect(app.since(from).map((r) => [`${r.method} ${r.path}`, r.body])).toEqual([[`PUT /api/groups/${held.engineering}/members`, JSON.stringify({ userIds: [held.ada] })]]);
    expect(app.groups.get(held.engineering)!.members).toEqual([held.ada]);
  });

  it('refuses an account already linked to another user (409), an account the app does not list, and unclear requests; nothing changes', async () => {
    const taken = await link({ scimUserId: ids['grace@example.com'], downstreamId: held.ada }).expect(409);
    expect(taken.body.message).toBe(
      `The application's user "${held.ada}" is already linked to the provisioned user "ada@example.com" (SCIM id ${ids['ada@example.com']}). One account is linked to one user: check which is the right one in the import view; nothing was changed.`,
    );
    const missing = await link({ scimUserId: ids['grace@example.com'], downstreamId: 'u-nobody' }).expect(400);
    expect(missing.body.message).toBe(`The application's list_users answer has no user with id "u-nobody". Import accounts again and pick an account from the list.`);
    const both = await link({ scimUserId: ids['grace@example.com'], scimGroupId: ids.Legal, downstreamId: held.grace }).expect(400);
    expect(both.body.details).toEqual([{ path: 'scimUserId', message: 'send exactly one of scimUserId (a provisioned user) or scimGroupId (a provisioned group)' }]);
    const extra = await link({ scimUserId: ids['grace@example.com'], downstreamId: held.grace, force: true }).expect(400);
    expect(extra.body.details).toEqual([{ path: '(body)', message: 'unknown field "force": accepted fields are scimUserId or scimGroupId, downstreamId' }]);
    await link({ scimUserId: '00000000-0000-4000-8000-000000000000', downstreamId: held.grace }).expect(404);
    const grace = (await admin.get(`/api/connectors/${c.id}/scim-users?q=grace`).expect(200)).body.items[0];
    expect(grace.downstreamId).toBeNull();
  });

  it("another company cannot review or link this connector's accounts (404), and nothing changes", async () => {
    const from = app.mark();
    await reconcile(other).expect(404);
    await link({ scimUserId: ids['grace@example.com'], downstreamId: held.grace }, other).expect(404);
    // Nor through a connector of its own.
    const mine = await createScimConnector(other, app, { capabilities: { list_users: true, list_groups: true }, mappings: jsonListMappings(app.baseUrl) });
    await link({ scimUserId: ids['grace@example.com'], downstreamId: held.grace }, other, mine.id).expect(404);
    await link({ scimGroupId: ids.Legal, downstreamId: held.finance }, other, mine.id).expect(404);
    expect(app.since(from)).toEqual([]);
    const grace = (await admin.get(`/api/connectors/${c.id}/scim-users?q=grace`).expect(200)).body.items[0];
    expect(grace.downstreamId).toBeNull();
    await request(t.http).post(`/api/connectors/${c.id}/reconcile`).send({}).expect((res) => expect([401, 403]).toContain(res.status));
  });

  it('says which list is off instead of showing it, and refuses a link it cannot check', async () => {
    // Creates off: the app already has a Finance group and would refuse another (409).
    const usersOnly = await createScimConnector(admin, app, {
      capabilities: { create_user: false, create_group: false, list_users: true, list_groups: false },
      mappings: jsonListMappings(app.baseUrl),
    });
    const g = (await scimClient(t, usersOnly.id, usersOnly.token).post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Finance' }).expect(201)).body.id;
    const res = await reconcile(admin, usersOnly.id).expect(200);
    expect(res.body.groups).toBeNull();
    expect(res.body.notes[1]).toBe(
      "list_groups is off for this connector, so the application's groups were not imported. Enable list_groups and map it (Capabilities, Mappings) to review groups here.",
    );
    expect(res.body.users.onlyInApp.map((a: Account) => a.id)).toEqual([held.ada, held.grace, held.zed]);
    const refused = await link({ scimGroupId: g, downstreamId: held.finance }, admin, usersOnly.id).expect(400);
    expect(refused.body.message).toContain('list_groups is off for this connector');
  });

  it('answers an app failure with what to do (502), not a 500', async () => {
    app.failNext('GET /api/users', 401, { error: { message: 'token expired' } });
    const refused = await reconcile().expect(502);
    expect(refused.body.message).toBe(
      "The application refused list_users: HTTP 401: token expired. Nothing was compared. Check the connector's secret and the list_users mapping (Preview & Test runs list_users on its own), then import again.",
    );
    app.failNext('GET /api/groups', 500, { error: { message: 'database down' } }, 10);
    const failed = await reconcile().expect(502);
    expect(failed.body.message).toContain('The application could not complete list_groups: HTTP 500: database down. Nothing was compared.');
    app.failNext('GET /api/groups', 200, { unexpected: true });
    const unreadable = await reconcile().expect(502);
    expect(unreadable.body.message).toContain('list_groups');
    const calls = await scimCalls(admin, c.id);
    expect(calls.at(-1)).toMatchObject({ operation: 'list_groups', status: 200, error: expect.any(String) });
  });

  it("answers settings that keep the call from being made with a 400 naming the mapping, and an app it cannot reach with a 503", async () => {
    const lists = jsonListMappings(app.baseUrl) as Record<string, Record<string, unknown>>;
    const broken = await createScimConnector(admin, app, {
      capabilities: { list_users: true, list_groups: false },
      mappings: { list_users: { ...lists.list_users, url_template: `${app.baseUrl}/api/users/{scim_user_username}` } },
    });
    const misconfigured = await reconcile(admin, broken.id).expect(400);
    expect(misconfigured.body.message).toMatch(/^The connector cannot run list_users as configured in Gatehouse: .*empty URL path segment.*Fix the list_users mapping or the connector's settings, then import again\.$/);
    expect(misconfigured.body.details[0].path).toBe('mappings.list_users');
    const closed = await createScimConnector(admin, app, {
      capabilities: { list_users: true, list_groups: false },
      mappings: { list_users: { ...lists.list_users, url_template: 'http://127.0.0.1:1/api/users' } },
    });
    const unreachable = await reconcile(admin, closed.id).expect(503);
    expect(unreachable.body.message).toMatch(/^The application could not complete list_users: .*Nothing was compared; import again in a moment\.$/);
  });

  it('warns when the list mapping filters on a user it cannot know in an import', async () => {
    // The JSON dialect's own list_users looks one userName up (as a retried create does).
    const filtered = await createScimConnector(admin, app, { capabilities: { list_users: true, list_groups: false } });
    const res = await reconcile(admin, filtered.id).expect(200);
    expect(res.body.notes).toContain(
      'The list_users mapping uses {scim_user_username}, which is empty here (an import looks nobody up): the application may have answered with fewer users than it has.',
    );
    expect(res.body.users.onlyInApp).toEqual([]);
  });

  it("masks the connector's secret in what the app lists", async () => {
    const [leaky] = app.hold({ users: [{ email: 'leaky@example.com', userName: 'leaky', name: `token ${APP_SECRET}` }] }).users;
    try {
      const res = await reconcile().expect(200);
      expect(JSON.stringify(res.body)).not.toContain(APP_SECRET);
      expect(res.body.users.onlyInApp.find((a: Account) => a.id === leaky)).toMatchObject({ displayName: 'token ••••••' });
    } finally {
      app.users.delete(leaky!);
    }
  });

  it('is for Custom HTTP connectors only', async () => {
    const proxy = await admin
      .post('/api/connectors')
      .send({ name: 'Proxy to review', type: 'scim_proxy', scimBaseUrl: `${app.baseUrl}/scim/v2`, allowInsecureHttp: true })
      .expect(201);
    const res = await reconcile(admin, proxy.body.id).expect(400);
    expect(res.body.message).toContain('Import accounts is for Custom HTTP connectors');
  });
});
