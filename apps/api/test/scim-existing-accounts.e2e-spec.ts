import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboundSettings } from '../src/modules/http-connector/outbound-settings.js';
import { FakeDirectoryApp, jsonListMappings } from './support/scim-fake-app.js';
import { ERROR_SCHEMA, GROUP_SCHEMA, USER_SCHEMA, createScimConnector, patchOp, scimClient, scimUser, type ScimClient, type ScimConnector } from './support/scim.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

type Call = { operation: string; status: number | null; note: string | null; scimUserId: string | null; scimGroupId: string | null };

/**
 * An app that already holds accounts when an identity provider is connected to it: the IdP's
 * lookups find them (imported, linked to the app's id) and a create the app refuses with 409
 * links to the account, or is answered 409 uniqueness with the app's words.
 */
describe('SCIM against an app with existing accounts', () => {
  let t: TestApp;
  let app: FakeDirectoryApp;
  let admin: Admin;
  let lists: ScimConnector;
  let scim: ScimClient;
  let bare: ScimConnector;
  let bareScim: ScimClient;
  const held: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(OutboundSettings).sleep = async () => {};
    app = await new FakeDirectoryApp().start();
    admin = await signUpAdmin(t);
    const accounts = app.hold({
      users: [
        { email: 'alice@acme.example', userName: 'alice', name: 'Alice Existing' },
        { email: 'bob@acme.example', userName: 'bob', name: 'Bob Existing', active: false },
        { email: 'carol@acme.example', userName: 'carol', name: 'Carol Existing' },
        { email: 'dave@acme.example', userName: 'dave', name: 'Dave Existing' },
      ],
      groups: ['Engineering', 'Finance'],
    });
    [held.alice, held.bob, held.carol, held.dave] = accounts.users as [string, string, string, string];
    [held.engineering, held.finance] = accounts.groups as [string, string];
    // Every capability, the lists reading the whole directory.
    lists = await createScimConnector(admin, app, {
      capabilities: { list_users: true, list_groups: true },
      mappings: jsonListMappings(app.baseUrl),
    });
    scim = scimClient(t, lists.id, lists.token);
    // Lists off, and get_user needs the app's id: the app cannot be asked who it has.
    bare = await createScimConnector(admin, app);
    bareScim = scimClient(t, bare.id, bare.token);
  });
  afterAll(async () => {
    await app.stop();
    await t.close();
  });

  const calls = async (connectorId: string): Promise<Call[]> =>
    ((await admin.get(`/api/connectors/${connectorId}/calls?limit=200`).expect(200)).body.items as Call[]).reverse();
  const appUsersWith = (email: string) => [...app.users.values()].filter((u) => u.email === email);
  const filter = (expr: string) => `/Users?filter=${encodeURIComponent(expr)}`;

  it("finds an account the app already has when the IdP looks the userName up, and the IdP's update goes to that account", async () => {
    const from = app.mark();
    const found = await scim.get(filter('userName eq "alice@acme.example"')).expect(200);
    expect(found.body.totalResults).toBe(1);
    const user = found.body.Resources[0];
    expect(user).toMatchObject({
      schemas: [USER_SCHEMA],
      userName: 'alice@acme.example',
      emails: [{ value: 'alice@acme.example', type: 'work', primary: true }],
      active: true,
    });
    expect(app.since(from).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/users']);
    const directory = await admin.get(`/api/connectors/${lists.id}/scim-users?q=alice`).expect(200);
    expect(directory.body.items.map((u: { userName: string; downstreamId: string }) => [u.userName, u.downstreamId])).toEqual([['alice@acme.example', held.alice]]);
    // The call log says why the app was asked.
    const lookup = (await calls(lists.id)).at(-1)!;
    expect(lookup).toMatchObject({ operation: 'list_users', status: 200 });
    expect(lookup.note).toBe(
      'The identity provider looked up a user by userName "alice@acme.example", which Gatehouse has not provisioned: asking the application whether it already has the user, to import it linked to the application\'s id',
    );

    // Entra then updates the match instead of creating a second account.
    const next = app.mark();
    await scim.patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'displayName', value: 'Alice Updated' })).expect(204);
    expect(app.since(next).map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /api/users/${held.alice}`]);
    expect(app.users.get(held.alice)!.name).toBe('Alice Updated');
    expect(appUsersWith('alice@acme.example')).toHaveLength(1);

    // The store answers the next lookup without asking the app.
    const again = app.mark();
    expect((await scim.get(filter('userName eq "ALICE@acme.example"')).expect(200)).body.totalResults).toBe(1);
    expect(app.since(again)).toEqual([]);
  });

  it('asks a list_users filtered by userName for just the looked-up account', async () => {
    // jsonMappings' list_users sends ?userName={scim_user_username}.
    const filtered = await createScimConnector(admin, app, { capabilities: { list_users: true } });
    const from = app.mark();
    const found = await scimClient(t, filtered.id, filtered.token).get(filter('userName eq "Dave"')).expect(200);
    expect(found.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(['Dave']);
    expect(app.since(from).map((r) => `${r.method} ${r.path}?${r.query.toString()}`)).toEqual(['GET /api/users?userName=Dave']);
    const directory = await admin.get(`/api/connectors/${filtered.id}/scim-users`).expect(200);
    expect(directory.body.items.map((u: { downstreamId: string }) => u.downstreamId)).toEqual([held.dave]);
  });

  it('finds an account by emails, keeping its state in the app (deactivated stays deactivated)', async () => {
    const found = await scim.get(filter('emails.value eq "bob@acme.example"')).expect(200);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0]).toMatchObject({ userName: 'bob', emails: [{ value: 'bob@acme.example' }], active: false });
    const directory = await admin.get(`/api/connectors/${lists.id}/scim-users?q=bob`).expect(200);
    expect(directory.body.items[0].downstreamId).toBe(held.bob);
  });

  it('answers an empty list for an account the app does not have either; the create that follows makes it in the app', async () => {
    const none = await scim.get(filter('userName eq "erin@acme.example"')).expect(200);
    expect(none.body.totalResults).toBe(0);
    const created = await scim.post('/Users', scimUser('erin@acme.example')).expect(201);
    expect(appUsersWith('erin@acme.example')).toHaveLength(1);
    const directory = await admin.get(`/api/connectors/${lists.id}/scim-users?q=erin`).expect(200);
    expect(directory.body.items[0]).toMatchObject({ id: created.body.id, downstreamId: appUsersWith('erin@acme.example')[0]!.id });
  });

  it('links a create the app refuses with 409 to the account it has (201, one account), and the call log says so', async () => {
    const from = app.mark();
    const created = await scim.post('/Users', scimUser('carol@acme.example')).expect(201);
    expect(app.since(from).map((r) => [`${r.method} ${r.path}`])).toEqual([['POST /api/users'], ['GET /api/users']]);
    expect(appUsersWith('carol@acme.example')).toHaveLength(1);
    const directory = await admin.get(`/api/connectors/${lists.id}/scim-users?q=carol`).expect(200);
    expect(directory.body.items[0]).toMatchObject({ id: created.body.id, downstreamId: held.carol });
    const [create, lookup] = (await calls(lists.id)).slice(-2);
    expect(create).toMatchObject({ operation: 'create_user', status: 409, scimUserId: created.body.id });
    expect(lookup).toMatchObject({ operation: 'list_users', status: 200, scimUserId: created.body.id });
    expect(lookup!.note).toBe(
      'create_user answered HTTP 409 (the application already has this user): looking it up to link user "carol@acme.example" to it instead of creating a second one',
    );
    // Later changes reach that account.
    await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'active', value: false })).expect(204);
    expect(app.users.get(held.carol)!.active).toBe(false);
  });

  it('answers 409 uniqueness with the app\'s message when the account cannot be looked up; nothing is kept, and a retry after the fix succeeds', async () => {
    const refused = await bareScim.post('/Users', scimUser('dave@acme.example')).expect(409);
    expect(refused.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '409', scimType: 'uniqueness' });
    expect(refused.body.detail).toBe(
      'The application already has this user: it answered create_user with HTTP 409: A user with email dave@acme.example already exists. ' +
        'Enable list_users (or a get_user that finds users by name) on this connector so Gatehouse links the existing user instead, or remove the user from the application and retry.',
    );
    // Lists off: lookups stay in the store, and the refused create left nothing behind.
    const from = app.mark();
    expect((await bareScim.get(filter('userName eq "dave@acme.example"')).expect(200)).body.totalResults).toBe(0);
    expect(app.since(from)).toEqual([]);
    app.users.delete(held.dave);
    await bareScim.post('/Users', scimUser('dave@acme.example')).expect(201);
    expect(appUsersWith('dave@acme.example')).toHaveLength(1);
  });

  it('refuses (409) to link a second user to an account already linked to another, naming it', async () => {
    const alice = (await admin.get(`/api/connectors/${lists.id}/scim-users?q=alice`).expect(200)).body.items[0];
    const res = await scim.post('/Users', scimUser('alice.two', { emails: [{ value: 'alice@acme.example', primary: true }] })).expect(409);
    expect(res.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    expect(res.body.detail).toBe(
      `The application already has this user: it answered create_user with HTTP 409: A user with email alice@acme.example already exists. ` +
        `Its user in the application (id "${held.alice}") is already linked to Gatehouse user "alice@acme.example" (${alice.id}). An administrator can review the links under Import accounts on the connector.`,
    );
    expect((await scim.get(filter('userName eq "alice.two"')).expect(200)).body.totalResults).toBe(0);
  });

  it('finds a group the app already has by displayName and sends membership changes to it', async () => {
    const found = await scim.get(`/Groups?filter=${encodeURIComponent('displayName eq "engineering"')}`).expect(200);
    expect(found.body.totalResults).toBe(1);
    const group = found.body.Resources[0];
    expect(group).toMatchObject({ schemas: [GROUP_SCHEMA], displayName: 'engineering', members: [] });
    const alice = (await admin.get(`/api/connectors/${lists.id}/scim-users?q=alice`).expect(200)).body.items[0];
    const from = app.mark();
    await scim.patch(`/Groups/${group.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: alice.id }] })).expect(204);
    expect(app.since(from).map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /api/groups/${held.engineering}/members`]);
    expect(app.groups.get(held.engineering)!.members).toEqual([held.alice]);
  });

  it('links a group create the app refuses with 409 to its group; without a way to look it up, answers 409 uniqueness', async () => {
    const created = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Finance' }).expect(201);
    expect([...app.groups.values()].filter((g) => g.name === 'Finance')).toHaveLength(1);
    const [create, lookup] = (await calls(lists.id)).slice(-2);
    expect(create).toMatchObject({ operation: 'create_group', status: 409, scimGroupId: created.body.id });
    expect(lookup).toMatchObject({ operation: 'list_groups', status: 200, scimGroupId: created.body.id });
    const from = app.mark();
    await scim.patch(`/Groups/${created.body.id}`, patchOp({ op: 'replace', path: 'displayName', value: 'Finance Team' })).expect(204);
    expect(app.since(from).map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /api/groups/${held.finance}`]);

    const refused = await bareScim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineering' }).expect(409);
    expect(refused.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    expect(refused.body.detail).toContain('The application already has this group: it answered create_group with HTTP 409: A group named Engineering already exists.');
    expect((await bareScim.get(`/Groups?filter=${encodeURIComponent('displayName eq "Engineering"')}`).expect(200)).body.totalResults).toBe(0);
  });

  describe('in the field', () => {
    it('answers a lookup whose app fails (5xx) or hangs with an empty list, importing nothing; the create that follows is refused with 409 until the app recovers, then linked', async () => {
      const settings = t.app.get(OutboundSettings);
      const [held5xx, heldHang] = app.hold({ users: [{ email: 'frank@acme.example', userName: 'frank' }, { email: 'hank@acme.example', userName: 'hank' }] }).users as [string, string];

      app.failNext('GET /api/users', 503, { error: { message: 'maintenance' } }, 100);
      const failed = await scim.get(filter('userName eq "frank@acme.example"')).expect(200);
      expect(failed.body.totalResults).toBe(0);
      expect((await calls(lists.id)).at(-1)).toMatchObject({ operation: 'list_users', status: 503 });
      const refused = await scim.post('/Users', scimUser('frank@acme.example')).expect(409);
      expect(refused.body.scimType).toBe('uniqueness');
      expect(refused.body.detail).toContain('Gatehouse could not look it up to link to it');
      expect((await admin.get(`/api/connectors/${lists.id}/scim-users?q=frank`).expect(200)).body.items).toEqual([]);

      // An app that hangs: the lookup gives up at the call timeout and the list answers empty.
      app.recover();
      settings.timeoutMs = 300;
      app.delayMs = 2000;
      const started = Date.now();
      try {
        expect((await scim.get(filter('userName eq "hank@acme.example"')).expect(200)).body.totalResults).toBe(0);
      } finally {
        app.delayMs = 0;
        settings.timeoutMs = 10_000;
      }
      expect(Date.now() - started).toBeLessThan(10_000);

      // Recovered: the IdP's retry links each to the account the app has; no second account.
      const frank = await scim.post('/Users', scimUser('frank@acme.example')).expect(201);
      expect((await admin.get(`/api/connectors/${lists.id}/scim-users?q=frank`).expect(200)).body.items[0]).toMatchObject({ id: frank.body.id, downstreamId: held5xx });
      const hank = await scim.get(filter('userName eq "hank@acme.example"')).expect(200);
      expect(hank.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(['hank@acme.example']);
      expect((await admin.get(`/api/connectors/${lists.id}/scim-users?q=hank`).expect(200)).body.items[0].downstreamId).toBe(heldHang);
      expect(appUsersWith('frank@acme.example')).toHaveLength(1);
      expect(appUsersWith('hank@acme.example')).toHaveLength(1);
    }, 60_000);

    it('answers a burst of identical lookups each with the one imported user', async () => {
      const [held] = app.hold({ users: [{ email: 'ivy@acme.example', userName: 'ivy' }] }).users as [string];
      const answers = await Promise.all(Array.from({ length: 8 }, () => scim.get(filter('userName eq "ivy@acme.example"'))));
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
      const ids = new Set(answers.map((a) => (a.body.Resources as Array<{ id: string }>).map((u) => u.id).join(',')));
      expect(ids.size).toBe(1);
      expect([...ids][0]).not.toBe('');
      const stored = (await admin.get(`/api/connectors/${lists.id}/scim-users?q=ivy`).expect(200)).body.items;
      expect(stored.map((u: { downstreamId: string }) => u.downstreamId)).toEqual([held]);
    });
  });
});
