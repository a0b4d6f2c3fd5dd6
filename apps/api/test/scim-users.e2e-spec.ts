import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { OutboundSettings } from '../src/modules/http-connector/outbound-settings.js';
import { FakeDirectoryApp } from './support/scim-fake-app.js';
import {
  APP_SECRET,
  ERROR_SCHEMA,
  LIST_RESPONSE,
  USER_SCHEMA,
  createScimConnector,
  patchOp,
  scimCalls,
  scimClient,
  scimUser,
  type ConnectorOptions,
  type ScimClient,
  type ScimConnector,
} from './support/scim.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('SCIM /Users', () => {
  let t: TestApp;
  let app: FakeDirectoryApp;
  let admin: Admin;
  let settings: OutboundSettings;

  beforeAll(async () => {
    t = await startTestApp();
    app = await new FakeDirectoryApp().start();
    admin = await signUpAdmin(t);
    settings = t.app.get(OutboundSettings);
    settings.sleep = async () => {};
  });
  beforeEach(() => app.reset());
  afterAll(async () => {
    await app.stop();
    await t.close();
  });

  async function setup(opts: ConnectorOptions = {}): Promise<{ c: ScimConnector; scim: ScimClient }> {
    const c = await createScimConnector(admin, app, opts);
    return { c, scim: scimClient(t, c.id, c.token) };
  }
  const storedUser = async (id: string) => (await t.dataSource.query('SELECT * FROM scim_users WHERE id = $1', [id]))[0];
  const appBody = (i: number) => JSON.parse(app.requests[i]!.body) as Record<string, unknown>;

  describe('POST /Users', () => {
    it('reuses connections to the app: sequential creates open fewer connections than they send requests', async () => {
      const { scim } = await setup();
      const before = app.connections;
      for (let i = 0; i < 6; i++) await scim.post('/Users', scimUser(`pooled.${i}`)).expect(201);
      expect(app.requests.filter((r) => r.method === 'POST' && r.path === '/api/users')).toHaveLength(6);
      expect(app.connections - before).toBeLessThan(6);
      expect(app.connections - before).toBeLessThanOrEqual(1);
    });

    it('creates the user downstream first (create_user), keeps its id, and answers 201 with the SCIM user', async () => {
      const { c, scim } = await setup();
      const res = await scim
        .post('/Users', { ...scimUser('ada@example.com', { externalId: 'ext-ada', displayName: 'Ada Lovelace' }), password: 'secret-pw-1' })
        .expect(201);

      expect(app.requests).toHaveLength(1);
      expect(app.requests[0]).toMatchObject({ method: 'POST', path: '/api/users' });
      expect(app.requests[0]!.headers.authorization).toBe(`Bearer ${APP_SECRET}`);
      expect(app.requests[0]!.headers['content-type']).toBe('application/json');
      expect(appBody(0)).toEqual({ email: 'ada@example.com', name: 'Ada Lovelace', userName: 'ada@example.com', active: true });

      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(res.body.id).toMatch(UUID_RE);
      expect(res.headers.location).toBe(`${c.baseUrl}/Users/${res.body.id}`);
      expect(res.body).toEqual({
        schemas: [USER_SCHEMA],
        id: res.body.id,
        userName: 'ada@example.com',
        name: { givenName: 'Test', familyName: 'User' },
        displayName: 'Ada Lovelace',
        emails: [{ primary: true, type: 'work', value: 'ada@example.com' }],
        active: true,
        externalId: 'ext-ada',
        meta: { resourceType: 'User', created: expect.any(String), lastModified: expect.any(String), version: 'W/"1"', location: `${c.baseUrl}/Users/${res.body.id}` },
      });

      const row = await storedUser(res.body.id);
      const appUser = [...app.users.values()][0]!;
      expect(row).toMatchObject({ connector_id: c.id, user_name: 'ada@example.com', user_name_lower: 'ada@example.com', external_id: 'ext-ada', active: true, downstream_id: appUser.id, version: 1 });
      expect(JSON.stringify(row.resource)).not.toContain('secret-pw-1');
      expect((await scimCalls(admin, c.id)).map((call) => [call.operation, call.method, call.status, call.source])).toEqual([['create_user', 'POST', 201, 'scim']]);
    });

    it('answers 409 uniqueness for a userName taken in this connector, in any case, without calling the app', async () => {
      const { scim } = await setup();
      await scim.post('/Users', scimUser('Grace')).expect(201);
      const mark = app.mark();
      const res = await scim.post('/Users', scimUser('gRACE')).expect(409);
      expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '409', scimType: 'uniqueness' });
      expect(app.since(mark)).toHaveLength(0);
      // Another connector has its own users.
      const other = await setup();
      await other.scim.post('/Users', scimUser('grace')).expect(201);
    });

    it('lets only one of several concurrent creates of one userName reach the app; the others get 409', async () => {
      const { scim } = await setup();
      app.delayMs = 150;
      const results = await Promise.all(['Race', 'race', 'RACE'].map((userName) => scim.post('/Users', scimUser(userName))));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
      expect(app.requests.filter((r) => r.method === 'POST' && r.path === '/api/users')).toHaveLength(1);
      expect((await scim.get('/Users').expect(200)).body.totalResults).toBe(1);
    });

    it('frees the userName of a create the app refused for a create waiting on it', async () => {
      const { scim } = await setup();
      app.delayMs = 150;
      app.failNext('POST /api/users', 400, { error: { message: 'quota reached' } });
      const [first, second] = await Promise.all([scim.post('/Users', scimUser('retry.me')), scim.post('/Users', scimUser('Retry.Me'))]);
      // Whichever went first was refused by the app; the other then found the name free.
      expect([first.status, second.status].sort()).toEqual([201, 400]);
      expect(app.requests.filter((r) => r.method === 'POST' && r.path === '/api/users')).toHaveLength(2);
      const list = (await scim.get('/Users').expect(200)).body;
      expect(list.totalResults).toBe(1);
    });

    it('lets a create and a rename to the same userName not both happen', async () => {
      const { scim } = await setup();
      const other = await scim.post('/Users', scimUser('before.rename')).expect(201);
      app.delayMs = 150;
      const mark = app.mark();
      const [created, renamed] = await Promise.all([
        scim.post('/Users', scimUser('contested')),
        scim.patch(`/Users/${other.body.id}`, patchOp({ op: 'replace', path: 'userName', value: 'CONTESTED' })),
      ]);
      // Exactly one of them won (the other is a 409), and only the winner reached the app.
      expect([`${created.status}/${renamed.status}`]).toEqual([expect.stringMatching(/^(201\/409|409\/204)$/)]);
      expect(app.since(mark)).toHaveLength(1);
      const holders = (await scim.get(`/Users?filter=${encodeURIComponent('userName eq "contested"')}`).expect(200)).body;
      expect(holders.totalResults).toBe(1);
    });

    it('refuses a body without userName (400 invalidValue) before anything is sent', async () => {
      const { scim } = await setup();
      const res = await scim.post('/Users', { schemas: [USER_SCHEMA], displayName: 'No login' }).expect(400);
      expect(res.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
      expect(app.requests).toHaveLength(0);
    });

    it('answers the app\'s 4xx as 400 with its message (error_message_path) and stores nothing', async () => {
      const { c, scim } = await setup();
      app.failNext('POST /api/users', 422, { error: { message: 'Email domain not allowed' } });
      const res = await scim.post('/Users', scimUser('eve@blocked.example')).expect(400);
      expect(res.body).toEqual({ schemas: [ERROR_SCHEMA], status: '400', detail: 'The application refused create_user: HTTP 422: Email domain not allowed' });
      expect((await scim.get('/Users').expect(200)).body.totalResults).toBe(0);
      const calls = await scimCalls(admin, c.id);
      expect(calls.at(-1)).toMatchObject({ operation: 'create_user', status: 422, source: 'scim', error: expect.stringContaining('Email domain not allowed') });
    });

    it("answers the app's 5xx as 502 and a timeout as 503, keeping the create pending (hidden) since the app may have made the account", async () => {
      const { scim } = await setup();
      app.failNext('POST /api/users', 500, { error: { message: 'database is down' } });
      const res = await scim.post('/Users', scimUser('five.hundred')).expect(502);
      expect(res.body.detail).toBe('The application could not complete create_user: HTTP 500: database is down');
      // This connector cannot look users up in the app (no list_users): the retry says so.
      const retry = await scim.post('/Users', scimUser('five.hundred')).expect(409);
      expect(retry.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
      expect(retry.body.detail).toMatch(/"five\.hundred" is pending creation in the application.*enable list_users/);

      const previous = settings.timeoutMs;
      settings.timeoutMs = 200;
      app.delayMs = 600;
      try {
        const slow = await scim.post('/Users', scimUser('too.slow')).expect(503);
        expect(slow.body.detail).toMatch(/did not answer within/);
      } finally {
        settings.timeoutMs = previous;
        app.delayMs = 0;
      }
      // Pending creates are not shown to the identity provider.
      expect((await scim.get('/Users').expect(200)).body.totalResults).toBe(0);
      expect((await scim.get(`/Users?filter=${encodeURIComponent('userName eq "too.slow"')}`).expect(200)).body.totalResults).toBe(0);
      // Once the app is back a new user is created as usual.
      await scim.post('/Users', scimUser('after.outage')).expect(201);
    });

    it('keeps the user in Gatehouse only when create_user is off', async () => {
      const { scim } = await setup({ capabilities: { create_user: false } });
      const res = await scim.post('/Users', scimUser('local.only')).expect(201);
      expect(app.requests).toHaveLength(0);
      expect((await storedUser(res.body.id)).downstream_id).toBeNull();
      // Nothing downstream to read or update: the store answers.
      await scim.get(`/Users/${res.body.id}`).expect(200);
      await scim.patch(`/Users/${res.body.id}`, patchOp({ op: 'replace', path: 'displayName', value: 'Renamed' })).expect(204);
      expect((await scim.get(`/Users/${res.body.id}`).expect(200)).body.displayName).toBe('Renamed');
      await scim.delete(`/Users/${res.body.id}`).expect(204);
      expect(app.requests).toHaveLength(0);
    });
  });

  describe('GET /Users/{id}', () => {
    it('reads the user through get_user and lays the app\'s fields over the stored ones', async () => {
      const { scim } = await setup();
      const created = await scim.post('/Users', scimUser('reader', { displayName: 'Reader One' })).expect(201);
      const appUser = [...app.users.values()][0]!;
      appUser.name = 'Reader Renamed In App';
      const mark = app.mark();
      const res = await scim.get(`/Users/${created.body.id}`).expect(200);
      expect(app.since(mark)).toEqual([expect.objectContaining({ method: 'GET', path: `/api/users/${appUser.id}` })]);
      expect(res.body).toMatchObject({ id: created.body.id, userName: 'reader', displayName: 'Reader Renamed In App', active: true, meta: { version: 'W/"1"' } });
    });

    it('reads from the store when get_user is off', async () => {
      const { scim } = await setup({ capabilities: { get_user: false } });
      const created = await scim.post('/Users', scimUser('store.reader')).expect(201);
      const mark = app.mark();
      const res = await scim.get(`/Users/${created.body.id}?attributes=userName`).expect(200);
      expect(app.since(mark)).toHaveLength(0);
      expect(res.body).toEqual({ schemas: [USER_SCHEMA], id: created.body.id, userName: 'store.reader' });
    });

    it('answers 404 noTarget for an unknown, malformed or deleted id', async () => {
      const { scim } = await setup();
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '5171a35d82074e068ce2']) {
        const res = await scim.get(`/Users/${id}`).expect(404);
        expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404', scimType: 'noTarget' });
      }
    });
  });

  describe('GET /Users', () => {
    let scim: ScimClient;
    const ids: string[] = [];

    beforeAll(async () => {
      ({ scim } = await setup({ capabilities: { create_user: false } }));
      const people = [
        scimUser('alice@example.com', { externalId: 'e-1', name: { givenName: 'Alice', familyName: 'Employee' } }),
        scimUser('bob@example.org', { externalId: 'e-2', name: { givenName: 'Bob', familyName: 'Employee' }, active: false }),
        scimUser('carol', { externalId: 'E-1', emails: [{ value: 'Carol@Example.com', type: 'work' }] }),
        scimUser('dave', { externalId: 'e-4' }),
        scimUser('Olga', { externalId: 'e-5' }),
      ];
      for (const p of people) ids.push((await scim.post('/Users', p).expect(201)).body.id);
    });
    const found = (res: { body: { Resources: Array<{ id: string }> } }) => res.body.Resources.map((r) => ids.indexOf(r.id));

    it('lists every user in creation order with integer paging fields', async () => {
      const res = await scim.get('/Users').expect(200);
      expect(res.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 5, startIndex: 1, itemsPerPage: 5 });
      expect(found(res)).toEqual([0, 1, 2, 3, 4]);
    });

    it('pages with startIndex and count in a stable order', async () => {
      const pages = [];
      for (const start of [1, 3, 5]) pages.push(found(await scim.get(`/Users?startIndex=${start}&count=2`).expect(200)));
      expect(pages).toEqual([[0, 1], [2, 3], [4]]);
      const past = await scim.get('/Users?startIndex=9&count=2').expect(200);
      expect(past.body).toMatchObject({ totalResults: 5, startIndex: 9, itemsPerPage: 0, Resources: [] });
      const zero = await scim.get('/Users?count=0').expect(200);
      expect(zero.body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
      await scim.get('/Users?count=abc').expect(400);
    });

    it('filters on userName case-insensitively and on externalId case-sensitively', async () => {
      expect(found(await scim.get('/Users?filter=userName eq "ALICE@example.com"').expect(200))).toEqual([0]);
      expect(found(await scim.get(`/Users?filter=${encodeURIComponent('externalId eq "e-1"')}`).expect(200))).toEqual([0]);
      expect(found(await scim.get('/Users?filter=externalId eq E-1').expect(200))).toEqual([2]);
      expect((await scim.get('/Users?filter=userName eq "nobody"').expect(200)).body).toEqual({
        schemas: [LIST_RESPONSE],
        totalResults: 0,
        startIndex: 1,
        itemsPerPage: 0,
        Resources: [],
      });
    });

    it('filters on emails, ids, other attributes and combinations', async () => {
      expect(found(await scim.get('/Users?filter=emails[value eq "carol@example.com"]').expect(200))).toEqual([2]);
      expect(found(await scim.get('/Users?filter=emails.value eq "carol@example.com"').expect(200))).toEqual([2]);
      expect(found(await scim.get('/Users?filter=emails[type eq "work"].value eq "dave@example.com"').expect(200))).toEqual([3]);
      expect(found(await scim.get(`/Users?filter=id eq "${ids[3]}"`).expect(200))).toEqual([3]);
      expect(found(await scim.get('/Users?filter=active eq false').expect(200))).toEqual([1]);
      expect(found(await scim.get('/Users?filter=userName sw "O"').expect(200))).toEqual([4]);
      expect(
        found(await scim.get('/Users?filter=name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)').expect(200)),
      ).toEqual([0, 1]);
      expect(found(await scim.get('/Users?filter=meta.Created gt 2015-10-10T14:38:21.8617979-07:00&count=2').expect(200))).toEqual([0, 1]);
      const page = await scim.get('/Users?filter=externalId pr&startIndex=2&count=2').expect(200);
      expect(page.body).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
      expect(found(page)).toEqual([1, 2]);
    });

    it('honours attributes and excludedAttributes', async () => {
      const only = await scim.get('/Users?attributes=userName,emails&filter=userName eq "dave"').expect(200);
      expect(only.body.Resources).toEqual([{ schemas: [USER_SCHEMA], id: ids[3], userName: 'dave', emails: [expect.objectContaining({ value: 'dave@example.com' })] }]);
      const without = await scim.get('/Users?excludedAttributes=emails,meta&filter=userName eq "dave"').expect(200);
      expect(without.body.Resources[0]).not.toHaveProperty('emails');
      expect(without.body.Resources[0]).not.toHaveProperty('meta');
      expect(without.body.Resources[0]).toHaveProperty('userName', 'dave');
    });
  });

  describe('PUT and PATCH /Users/{id}', () => {
    it('replaces a user through update_user (context: the new user, the stored downstream id)', async () => {
      const { c, scim } = await setup();
      const created = await scim.post('/Users', scimUser('put.me', { externalId: 'x-1' })).expect(201);
      const appId = [...app.users.keys()][0]!;
      const mark = app.mark();
      const res = await scim
        .put(`/Users/${created.body.id}`, { ...scimUser('put.me', { displayName: 'Put Me Again', emails: [{ value: 'new@example.com', primary: true }] }), id: created.body.id })
        .expect(200);
      expect(app.since(mark).map((r) => [r.method, r.path])).toEqual([['PATCH', `/api/users/${appId}`]]);
      expect(JSON.parse(app.since(mark)[0]!.body)).toEqual({ email: 'new@example.com', name: 'Put Me Again', active: true });
      expect(res.body).toMatchObject({ id: created.body.id, displayName: 'Put Me Again', meta: { version: 'W/"2"', location: `${c.baseUrl}/Users/${created.body.id}` } });
      // PUT replaces: externalId was not sent again, so it is gone.
      expect(res.body).not.toHaveProperty('externalId');
      expect(await storedUser(created.body.id)).toMatchObject({ external_id: null, version: 2, downstream_id: appId });
    });

    it('patches a user through update_user with the PatchOp as scim_patch and answers 200 with the user', async () => {
      const { scim } = await setup();
      const created = await scim.post('/Users', scimUser('patch.me')).expect(201);
      const mark = app.mark();
      const res = await scim
        .patch(`/Users/${created.body.id}?attributes=name,emails,meta`, patchOp({ op: 'Replace', path: 'name.familyName', value: 'Updated' }, { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updated@example.com' }))
        .expect(200);
      expect(res.body).toMatchObject({ name: { givenName: 'Test', familyName: 'Updated' }, emails: [{ primary: true, type: 'work', value: 'updated@example.com' }], meta: { version: 'W/"2"' } });
      expect(app.since(mark)).toHaveLength(1);
      expect(JSON.parse(app.since(mark)[0]!.body)).toMatchObject({ email: 'updated@example.com' });
    });

    it('hands the mapping the PatchOp (scim_patch_json) and the new user with its SCIM id (scim_user_json)', async () => {
      const { c, scim } = await setup();
      const connector = (await admin.get(`/api/connectors/${c.id}`).expect(200)).body;
      const mappings = {
        ...connector.mappings,
        update_user: { ...connector.mappings.update_user, body_template: '{"active":{scim_user_active},"patch":{scim_patch_json},"user":{scim_user_json}}' },
      };
      await admin.patch(`/api/connectors/${c.id}`).send({ mappings }).expect(200);
      const created = await scim.post('/Users', scimUser('context.check')).expect(201);
      const body = patchOp({ op: 'replace', path: 'nickName', value: 'Checky' });
      const mark = app.mark();
      await scim.patch(`/Users/${created.body.id}`, body).expect(204);
      const sent = JSON.parse(app.since(mark)[0]!.body);
      expect(sent.patch).toEqual(body);
      expect(sent.user).toMatchObject({ id: created.body.id, userName: 'context.check', nickName: 'Checky' });
      expect(sent.user).not.toHaveProperty('meta');
      // PUT has no PatchOp: scim_patch is an empty object.
      await scim.put(`/Users/${created.body.id}`, scimUser('context.check', { nickName: 'Put' })).expect(200);
      expect(JSON.parse(app.requests.at(-1)!.body).patch).toEqual({});
    });

    it('sends nothing for a PATCH that changes nothing', async () => {
      const { scim } = await setup();
      const created = await scim.post('/Users', scimUser('same.same')).expect(201);
      const mark = app.mark();
      const res = await scim.patch(`/Users/${created.body.id}?attributes=meta`, patchOp({ op: 'replace', path: 'userName', value: 'same.same' })).expect(200);
      expect(res.body.meta.version).toBe('W/"1"');
      expect(app.since(mark)).toHaveLength(0);
      await scim.put(`/Users/${created.body.id}`, { ...created.body }).expect(200);
      expect(app.since(mark)).toHaveLength(0);
    });

    it('answers 409 when a PATCH or PUT takes another user\'s userName', async () => {
      const { scim } = await setup();
      await scim.post('/Users', scimUser('taken')).expect(201);
      const other = await scim.post('/Users', scimUser('other')).expect(201);
      const mark = app.mark();
      const res = await scim.patch(`/Users/${other.body.id}`, patchOp({ op: 'replace', path: 'userName', value: 'TAKEN' })).expect(409);
      expect(res.body.scimType).toBe('uniqueness');
      await scim.put(`/Users/${other.body.id}`, scimUser('Taken')).expect(409);
      expect(app.since(mark)).toHaveLength(0);
      // A change of case of one's own userName is fine.
      await scim.patch(`/Users/${other.body.id}`, patchOp({ op: 'replace', path: 'userName', value: 'OTHER' })).expect(204);
    });

    it('answers bad PATCH documents with 400 and the right scimType', async () => {
      const { scim } = await setup();
      const created = await scim.post('/Users', scimUser('bad.patch')).expect(201);
      expect((await scim.patch(`/Users/${created.body.id}`, { schemas: [] }).expect(400)).body.scimType).toBe('invalidSyntax');
      expect((await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'jump', path: 'userName', value: 'x' })).expect(400)).body.scimType).toBe('invalidSyntax');
      expect((await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'remove', path: 'userName' })).expect(400)).body.scimType).toBe('invalidValue');
      expect((await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'meta.created', value: 'x' })).expect(400)).body.scimType).toBe('mutability');
      await scim.patch('/Users/00000000-0000-4000-8000-000000000000', patchOp({ op: 'replace', path: 'displayName', value: 'x' })).expect(404);
    });

    it("answers the app's 4xx as 400 and 5xx as 502/503, leaving the stored user as it was", async () => {
      const { scim } = await setup();
      const created = await scim.post('/Users', scimUser('fragile')).expect(201);
      app.failNext('PATCH /api/users/*', 400, { error: { message: 'name is too long' } });
      const refused = await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'displayName', value: 'x'.repeat(50) })).expect(400);
      expect(refused.body.detail).toBe('The application refused update_user: HTTP 400: name is too long');
      app.failNext('PATCH /api/users/*', 500, { error: { message: 'boom' } });
      await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'displayName', value: 'Other' })).expect(502);
      app.failNext('PATCH /api/users/*', 503, 'busy');
      const busy = await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', active: false, path: 'active', value: false })).expect(503);
      expect(busy.body.detail).toBe('The application could not complete update_user: HTTP 503: busy');
      const after = await scim.get(`/Users/${created.body.id}?attributes=displayName,active`).expect(200);
      expect(after.body).toMatchObject({ displayName: 'Test fragile', active: true });
      expect((await storedUser(created.body.id)).version).toBe(1);
    });

    it('answers 501 naming update_user when it is off and the user exists downstream', async () => {
      const { scim } = await setup({ capabilities: { update_user: false } });
      const created = await scim.post('/Users', scimUser('frozen')).expect(201);
      const mark = app.mark();
      const res = await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'active', value: false })).expect(501);
      expect(res.body).toEqual({
        schemas: [ERROR_SCHEMA],
        status: '501',
        detail: 'This connector does not support updating users (enable the update_user capability and its mapping in Gatehouse).',
      });
      expect(app.since(mark)).toHaveLength(0);
      expect((await storedUser(created.body.id)).active).toBe(true);
    });
  });

  describe('deactivation and reactivation', () => {
    it('deactivates and reactivates through update_user by default', async () => {
      const { scim } = await setup();
      const created = await scim.post('/Users', scimUser('toggle')).expect(201);
      const appUser = [...app.users.values()][0]!;
      const off = await scim.patch(`/Users/${created.body.id}?attributes=active`, patchOp({ op: 'Replace', path: 'active', value: 'False' })).expect(200);
      expect(off.body.active).toBe(false);
      expect(appUser.active).toBe(false);
      expect(JSON.parse(app.requests.at(-1)!.body)).toMatchObject({ active: false });
      await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', value: { active: true } })).expect(204);
      expect(appUser.active).toBe(true);
      expect(app.requests.map((r) => r.method)).toEqual(['POST', 'PATCH', 'PATCH']);
    });

    it('with deactivationAsDelete: deactivation is delete_user, reactivation is create_user again', async () => {
      const { c, scim } = await setup({ deactivationAsDelete: true });
      const created = await scim.post('/Users', scimUser('leaver@example.com')).expect(201);
      const firstId = [...app.users.keys()][0]!;

      await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'active', value: false })).expect(204);
      expect(app.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/api/users/${firstId}` });
      expect(app.users.size).toBe(0);
      expect(await storedUser(created.body.id)).toMatchObject({ active: false, downstream_id: null });

      // While deactivated nothing exists downstream: changes stay in the store, reads too.
      const mark = app.mark();
      await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'displayName', value: 'Gone For Now' })).expect(204);
      await scim.get(`/Users/${created.body.id}`).expect(200);
      expect(app.since(mark)).toHaveLength(0);

      const on = await scim.patch(`/Users/${created.body.id}?attributes=active,displayName`, patchOp({ op: 'replace', path: 'active', value: true })).expect(200);
      expect(on.body).toMatchObject({ active: true, displayName: 'Gone For Now' });
      expect(app.since(mark)).toEqual([expect.objectContaining({ method: 'POST', path: '/api/users' })]);
      expect(JSON.parse(app.since(mark)[0]!.body)).toEqual({ email: 'leaver@example.com', name: 'Gone For Now', userName: 'leaver@example.com', active: true });
      const secondId = [...app.users.keys()][0]!;
      expect(secondId).not.toBe(firstId);
      expect((await storedUser(created.body.id)).downstream_id).toBe(secondId);
      expect((await scimCalls(admin, c.id)).map((call) => call.operation)).toEqual(['create_user', 'delete_user', 'create_user']);
    });
  });

  describe('DELETE /Users/{id}', () => {
    it('deletes downstream (delete_user) and then from the store; 204, then 404', async () => {
      const { scim } = await setup();
      const created = await scim.post('/Users', scimUser('bye')).expect(201);
      const appId = [...app.users.keys()][0]!;
      const res = await scim.delete(`/Users/${created.body.id}`).expect(204);
      expect(res.text).toBe('');
      expect(app.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/api/users/${appId}` });
      expect(app.users.size).toBe(0);
      await scim.get(`/Users/${created.body.id}`).expect(404);
      await scim.delete(`/Users/${created.body.id}`).expect(404);
    });

    it('keeps the user when the app refuses the delete', async () => {
      const { scim } = await setup();
      const created = await scim.post('/Users', scimUser('sticky')).expect(201);
      app.failNext('DELETE /api/users/*', 409, { error: { message: 'User owns projects' } });
      const res = await scim.delete(`/Users/${created.body.id}`).expect(400);
      expect(res.body.detail).toBe('The application refused delete_user: HTTP 409: User owns projects');
      await scim.get(`/Users/${created.body.id}`).expect(200);
    });

    it('without delete_user: refuses to delete an active user (501), forgets a deactivated one', async () => {
      const { scim } = await setup({ capabilities: { delete_user: false } });
      const created = await scim.post('/Users', scimUser('no.delete')).expect(201);
      const res = await scim.delete(`/Users/${created.body.id}`).expect(501);
      expect(res.body.detail).toMatch(/does not support deleting users \(enable the delete_user capability/);
      await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'active', value: false })).expect(204);
      const mark = app.mark();
      await scim.delete(`/Users/${created.body.id}`).expect(204);
      expect(app.since(mark)).toHaveLength(0);
      expect([...app.users.values()][0]).toMatchObject({ active: false });
      await scim.get(`/Users/${created.body.id}`).expect(404);
    });
  });

  describe('an XML app', () => {
    it('creates, updates, deactivates and deletes with XML bodies, and reads XML error messages', async () => {
      const { scim } = await setup({ dialect: 'xml' });
      const created = await scim.post('/Users', scimUser('x@example.com', { displayName: 'X & <Y>' })).expect(201);
      expect(app.requests[0]).toMatchObject({ method: 'POST', path: '/xml/users' });
      expect(app.requests[0]!.headers['content-type']).toBe('text/xml');
      expect(app.requests[0]!.body).toBe('<user><email>x@example.com</email><name>X &amp; &lt;Y&gt;</name><login>x@example.com</login><active>true</active></user>');
      const appId = [...app.users.keys()][0]!;
      expect(app.users.get(appId)).toMatchObject({ name: 'X & <Y>' });
      expect((await storedUser(created.body.id)).downstream_id).toBe(appId);

      await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'active', value: false })).expect(204);
      expect(app.requests[1]).toMatchObject({ method: 'PUT', path: `/xml/users/${appId}` });
      expect(app.requests[1]!.body).toBe('<user><email>x@example.com</email><name>X &amp; &lt;Y&gt;</name><active>false</active></user>');
      expect(app.users.get(appId)!.active).toBe(false);

      app.failNext('PUT /xml/users/*', 422, '<error><message>Locked account</message></error>');
      const refused = await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'active', value: true })).expect(400);
      expect(refused.body.detail).toBe('The application refused update_user: HTTP 422: Locked account');

      await scim.delete(`/Users/${created.body.id}`).expect(204);
      expect(app.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/xml/users/${appId}` });
    });
  });
});
