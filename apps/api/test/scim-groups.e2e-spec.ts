import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { OutboundSettings } from '../src/modules/http-connector/outbound-settings.js';
import { FakeDirectoryApp } from './support/scim-fake-app.js';
import {
  ERROR_SCHEMA,
  GROUP_SCHEMA,
  LIST_RESPONSE,
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

describe('SCIM /Groups', () => {
  let t: TestApp;
  let app: FakeDirectoryApp;
  let admin: Admin;

  beforeAll(async () => {
    t = await startTestApp();
    app = await new FakeDirectoryApp().start();
    admin = await signUpAdmin(t);
    t.app.get(OutboundSettings).sleep = async () => {};
  });
  beforeEach(() => app.reset());
  afterAll(async () => {
    await app.stop();
    await t.close();
  });

  type Setup = { c: ScimConnector; scim: ScimClient; users: Array<{ id: string; appId: string | null }> };
  /** A connector and `count` provisioned users (with their ids in the app). */
  async function setup(count: number, opts: ConnectorOptions = {}): Promise<Setup> {
    const c = await createScimConnector(admin, app, opts);
    const scim = scimClient(t, c.id, c.token);
    const users = [];
    for (let i = 0; i < count; i++) {
      const res = await scim.post('/Users', scimUser(`member${i}.${c.id.slice(0, 8)}@example.com`, { displayName: `Member ${i}` })).expect(201);
      const row = (await t.dataSource.query('SELECT downstream_id FROM scim_users WHERE id = $1', [res.body.id]))[0];
      users.push({ id: res.body.id as string, appId: row.downstream_id as string | null });
    }
    return { c, scim, users };
  }
  const appGroup = () => [...app.groups.values()][0]!;
  const memberPushes = (from = 0) => app.since(from).filter((r) => r.method === 'PUT' && /\/members$/.test(r.path));

  describe('POST /Groups', () => {
    it('creates the group downstream (create_group), pushes its members, and answers 201', async () => {
      const { c, scim, users } = await setup(2);
      const mark = app.mark();
      const res = await scim
        .post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineering', externalId: 'grp-1', members: [{ value: users[0]!.id, display: 'Member 0' }, { value: users[1]!.id }] })
        .expect(201);
      const sent = app.since(mark);
      expect(sent.map((r) => [r.method, r.path])).toEqual([
        ['POST', '/api/groups'],
        ['PUT', `/api/groups/${appGroup().id}/members`],
      ]);
      expect(JSON.parse(sent[0]!.body)).toEqual({ name: 'Engineering', description: '' });
      expect(JSON.parse(sent[1]!.body)).toEqual({ userIds: [users[0]!.appId, users[1]!.appId] });
      expect(appGroup()).toMatchObject({ name: 'Engineering', members: [users[0]!.appId, users[1]!.appId] });

      expect(res.headers.location).toBe(`${c.baseUrl}/Groups/${res.body.id}`);
      expect(res.body).toEqual({
        schemas: [GROUP_SCHEMA],
        id: res.body.id,
        displayName: 'Engineering',
        externalId: 'grp-1',
        members: [
          { value: users[0]!.id, display: 'Member 0', $ref: `${c.baseUrl}/Users/${users[0]!.id}`, type: 'User' },
          { value: users[1]!.id, $ref: `${c.baseUrl}/Users/${users[1]!.id}`, type: 'User' },
        ],
        meta: { resourceType: 'Group', created: expect.any(String), lastModified: expect.any(String), version: 'W/"1"', location: `${c.baseUrl}/Groups/${res.body.id}` },
      });
      const row = (await t.dataSource.query('SELECT * FROM scim_groups WHERE id = $1', [res.body.id]))[0];
      expect(row).toMatchObject({ display_name: 'Engineering', external_id: 'grp-1', downstream_id: appGroup().id });
      expect(row.resource).not.toHaveProperty('members');
    });

    it('creates an empty group (Entra ID) without a member push', async () => {
      const { scim } = await setup(0);
      await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Empty', members: [] }).expect(201);
      expect(app.requests.map((r) => r.method)).toEqual(['POST']);
    });

    it('answers 409 uniqueness for a displayName taken in this connector, without calling the app', async () => {
      const { scim } = await setup(0);
      await scim.post('/Groups', { displayName: 'Sales' }).expect(201);
      const mark = app.mark();
      expect((await scim.post('/Groups', { displayName: 'SALES' }).expect(409)).body).toMatchObject({ status: '409', scimType: 'uniqueness' });
      expect((await scim.post('/Groups', { members: [] }).expect(400)).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
      expect(app.since(mark)).toHaveLength(0);
    });

    it('lets only one of two concurrent creates of one displayName reach the app; the other gets 409', async () => {
      const { scim } = await setup(0);
      app.delayMs = 150;
      const results = await Promise.all([scim.post('/Groups', { displayName: 'Support' }), scim.post('/Groups', { displayName: 'SUPPORT' })]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)!.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
      expect(app.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      expect((await scim.get('/Groups').expect(200)).body.totalResults).toBe(1);
    });

    it("leaves out members that are not this connector's users (another connector's user, garbage)", async () => {
      const { scim, users } = await setup(1);
      const other = await setup(1);
      const mark = app.mark();
      const res = await scim
        .post('/Groups', { displayName: 'Partly Ghosts', members: [{ value: other.users[0]!.id }, { value: 'string id 1' }, { value: users[0]!.id }] })
        .expect(201);
      expect(res.body.members.map((m: { value: string }) => m.value)).toEqual([users[0]!.id]);
      expect(memberPushes(mark).map((r) => JSON.parse(r.body))).toEqual([{ userIds: [users[0]!.appId] }]);
      expect((await other.scim.get(`/Users/${other.users[0]!.id}`).expect(200)).body.id).toBe(other.users[0]!.id);
    });

    it('stores the group only, members included, when create_group is off', async () => {
      const { scim, users } = await setup(1, { capabilities: { create_group: false } });
      const mark = app.mark();
      const res = await scim.post('/Groups', { displayName: 'Local', members: [{ value: users[0]!.id }] }).expect(201);
      expect(app.since(mark)).toHaveLength(0);
      await scim.patch(`/Groups/${res.body.id}`, patchOp({ op: 'replace', path: 'displayName', value: 'Local 2' })).expect(204);
      await scim.patch(`/Groups/${res.body.id}`, patchOp({ op: 'remove', path: 'members' })).expect(204);
      await scim.delete(`/Groups/${res.body.id}`).expect(204);
      expect(app.since(mark)).toHaveLength(0);
    });
  });

  describe('GET /Groups and /Groups/{id}', () => {
    it('reads from the store, with or without members, and filters on displayName', async () => {
      const { scim, users } = await setup(1);
      const a = await scim.post('/Groups', { displayName: 'Alpha Team', members: [{ value: users[0]!.id }] }).expect(201);
      const b = await scim.post('/Groups', { displayName: 'Beta Team' }).expect(201);
      const mark = app.mark();

      const one = await scim.get(`/Groups/${a.body.id}`).expect(200);
      expect(one.body.members.map((m: { value: string }) => m.value)).toEqual([users[0]!.id]);
      const slim = await scim.get(`/Groups/${a.body.id}?excludedAttributes=members`).expect(200);
      expect(slim.body).not.toHaveProperty('members');
      expect(slim.body).toMatchObject({ id: a.body.id, displayName: 'Alpha Team' });

      const byName = await scim.get('/Groups?excludedAttributes=members&filter=displayName eq "alpha team"').expect(200);
      expect(byName.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
      expect(byName.body.Resources).toEqual([expect.objectContaining({ id: a.body.id, displayName: 'Alpha Team' })]);
      expect(byName.body.Resources[0]).not.toHaveProperty('members');

      const all = await scim.get('/Groups?startIndex=1&count=100').expect(200);
      expect(all.body.Resources.map((g: { id: string }) => g.id)).toEqual([a.body.id, b.body.id]);
      expect(all.body.Resources[1].members).toEqual([]);
      const second = await scim.get('/Groups?startIndex=2&count=1').expect(200);
      expect(second.body).toMatchObject({ totalResults: 2, startIndex: 2, itemsPerPage: 1 });
      expect(second.body.Resources[0].id).toBe(b.body.id);

      const withMember = await scim.get(`/Groups?filter=${encodeURIComponent(`members[value eq "${users[0]!.id}"]`)}&excludedAttributes=members`).expect(200);
      expect(withMember.body.Resources.map((g: { id: string }) => g.id)).toEqual([a.body.id]);
      expect(withMember.body.Resources[0]).not.toHaveProperty('members');
      const attrs = await scim.get('/Groups?attributes=displayName').expect(200);
      expect(attrs.body.Resources[0]).toEqual({ schemas: [GROUP_SCHEMA], id: a.body.id, displayName: 'Alpha Team' });

      expect(app.since(mark)).toHaveLength(0);
      expect((await scim.get('/Groups/00000000-0000-4000-8000-000000000000').expect(404)).body).toMatchObject({ status: '404', scimType: 'noTarget' });
    });
  });

  describe('PATCH /Groups/{id}', () => {
    it('adds and removes members one at a time and many at once, pushing the complete list each time; answers 204', async () => {
      const { scim, users } = await setup(4);
      const group = await scim.post('/Groups', { displayName: 'Rotating' }).expect(201);
      const path = `/Groups/${group.body.id}`;
      const ids = users.map((u) => u.appId);

      let mark = app.mark();
      const added = await scim.patch(path, patchOp({ op: 'Add', path: 'members', value: [{ $ref: null, value: users[0]!.id }] })).expect(204);
      expect(added.text).toBe('');
      expect(memberPushes(mark).map((r) => JSON.parse(r.body))).toEqual([{ userIds: [ids[0]] }]);

      mark = app.mark();
      await scim.patch(path, patchOp({ op: 'add', path: 'members', value: [{ value: users[1]!.id }, { value: users[2]!.id }, { value: users[3]!.id }] })).expect(204);
      expect(memberPushes(mark).map((r) => JSON.parse(r.body))).toEqual([{ userIds: ids }]);
      expect(appGroup().members).toEqual(ids);

      // Members added together are listed in no particular order among themselves.
      mark = app.mark();
      await scim.patch(path, patchOp({ op: 'Remove', path: 'members', value: [{ value: users[1]!.id }] })).expect(204);
      await scim.patch(path, patchOp({ op: 'remove', path: `members[value eq "${users[3]!.id}"]` })).expect(204);
      expect(memberPushes(mark).map((r) => (JSON.parse(r.body) as { userIds: string[] }).userIds.sort())).toEqual([[ids[0], ids[2], ids[3]].sort(), [ids[0], ids[2]].sort()]);

      mark = app.mark();
      await scim.patch(path, patchOp({ op: 'remove', path: 'members', value: [{ value: users[0]!.id }, { value: users[2]!.id }] })).expect(204);
      expect(memberPushes(mark).map((r) => JSON.parse(r.body))).toEqual([{ userIds: [] }]);
      expect(appGroup().members).toEqual([]);
      expect((await scim.get(path).expect(200)).body.members).toEqual([]);
    });

    it('sends nothing when membership does not change (re-adding a member)', async () => {
      const { scim, users } = await setup(1);
      const group = await scim.post('/Groups', { displayName: 'Stable', members: [{ value: users[0]!.id }] }).expect(201);
      const mark = app.mark();
      await scim.patch(`/Groups/${group.body.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: users[0]!.id }] })).expect(204);
      expect(app.since(mark)).toHaveLength(0);
      expect((await scim.get(`/Groups/${group.body.id}`).expect(200)).body.meta.version).toBe('W/"1"');
    });

    it('renames through update_group_name (group_id, new group_name)', async () => {
      const { c, scim } = await setup(0);
      const group = await scim.post('/Groups', { displayName: 'Old Name' }).expect(201);
      const mark = app.mark();
      await scim.patch(`/Groups/${group.body.id}`, patchOp({ op: 'Replace', path: 'displayName', value: 'New Name' })).expect(204);
      expect(app.since(mark).map((r) => [r.method, r.path, JSON.parse(r.body)])).toEqual([['PATCH', `/api/groups/${appGroup().id}`, { name: 'New Name' }]]);
      expect(appGroup().name).toBe('New Name');
      const read = await scim.get(`/Groups/${group.body.id}`).expect(200);
      expect(read.body).toMatchObject({ displayName: 'New Name', meta: { version: 'W/"2"' } });
      await scim.get('/Groups?filter=displayName eq "New Name"').expect(200);
      expect((await scimCalls(admin, c.id)).map((call) => call.operation)).toEqual(['create_group', 'update_group_name']);
    });

    it('answers 200 with the group when the PATCH asks for attributes', async () => {
      const { scim, users } = await setup(1);
      const group = await scim.post('/Groups', { displayName: 'Verbose' }).expect(201);
      const res = await scim.patch(`/Groups/${group.body.id}?excludedAttributes=members`, patchOp({ op: 'add', path: 'members', value: [{ value: users[0]!.id }] })).expect(200);
      expect(res.body).toMatchObject({ id: group.body.id, displayName: 'Verbose', meta: { version: 'W/"2"' } });
      expect(res.body).not.toHaveProperty('members');
      const full = await scim.patch(`/Groups/${group.body.id}?attributes=members`, patchOp({ op: 'replace', path: 'displayName', value: 'Verbose 2' })).expect(200);
      expect(full.body).toEqual({ schemas: [GROUP_SCHEMA], id: group.body.id, members: [expect.objectContaining({ value: users[0]!.id })] });
    });

    it('ignores unknown members and refuses a taken name (409), without calling the app', async () => {
      const { scim } = await setup(0);
      await scim.post('/Groups', { displayName: 'Taken' }).expect(201);
      const group = await scim.post('/Groups', { displayName: 'Mine' }).expect(201);
      const mark = app.mark();
      // The Microsoft reference collection sends a bare string as the value.
      await scim.patch(`/Groups/${group.body.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'members', value: 'string id 1' }] }).expect(204);
      await scim.patch(`/Groups/${group.body.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: '00000000-0000-4000-8000-000000000000' }] })).expect(204);
      const read = await scim.get(`/Groups/${group.body.id}`).expect(200);
      expect(read.body).toMatchObject({ members: [], meta: { version: 'W/"1"' } });
      expect((await scim.patch(`/Groups/${group.body.id}`, patchOp({ op: 'replace', path: 'displayName', value: 'taken' })).expect(409)).body.scimType).toBe('uniqueness');
      expect(app.since(mark)).toHaveLength(0);
    });

    it("answers the app's refusal as 400 and its failure as 502, leaving membership unchanged", async () => {
      const { scim, users } = await setup(2);
      const group = await scim.post('/Groups', { displayName: 'Careful', members: [{ value: users[0]!.id }] }).expect(201);
      app.failNext('PUT /api/groups/*/members', 422, { error: { message: 'Group is full' } });
      const refused = await scim.patch(`/Groups/${group.body.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: users[1]!.id }] })).expect(400);
      expect(refused.body.detail).toBe('The application refused update_group_members: HTTP 422: Group is full');
      app.failNext('PUT /api/groups/*/members', 500, { error: { message: 'oops' } }, 3);
      await scim.patch(`/Groups/${group.body.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: users[1]!.id }] })).expect(502);
      const after = await scim.get(`/Groups/${group.body.id}`).expect(200);
      expect(after.body.members.map((m: { value: string }) => m.value)).toEqual([users[0]!.id]);
      expect(after.body.meta.version).toBe('W/"1"');
      expect(appGroup().members).toEqual([users[0]!.appId]);
    });

    it('keeps members without a downstream id in the store and pushes only the others', async () => {
      const { c, scim, users } = await setup(1);
      await admin.patch(`/api/connectors/${c.id}`).send({ capabilities: { ...(await admin.get(`/api/connectors/${c.id}`)).body.capabilities, create_user: false } }).expect(200);
      const local = await scim.post('/Users', scimUser('local.member')).expect(201);
      const group = await scim.post('/Groups', { displayName: 'Mixed' }).expect(201);
      const mark = app.mark();
      await scim.patch(`/Groups/${group.body.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: local.body.id }] })).expect(204);
      expect(app.since(mark)).toHaveLength(0);
      await scim.patch(`/Groups/${group.body.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: users[0]!.id }] })).expect(204);
      expect(memberPushes(mark).map((r) => JSON.parse(r.body))).toEqual([{ userIds: [users[0]!.appId] }]);
      expect((await scim.get(`/Groups/${group.body.id}`).expect(200)).body.members.map((m: { value: string }) => m.value)).toEqual([local.body.id, users[0]!.id]);
    });

    it('loses no member when several adds to one group run at once', async () => {
      const { scim, users } = await setup(6);
      const group = await scim.post('/Groups', { displayName: 'Busy' }).expect(201);
      app.delayMs = 30;
      await Promise.all(
        users.map((u) => scim.patch(`/Groups/${group.body.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: u.id }] })).expect(204)),
      );
      app.delayMs = 0;
      const stored = (await scim.get(`/Groups/${group.body.id}`).expect(200)).body.members.map((m: { value: string }) => m.value);
      expect(new Set(stored)).toEqual(new Set(users.map((u) => u.id)));
      expect(new Set(appGroup().members)).toEqual(new Set(users.map((u) => u.appId)));
      // Each push carried the complete list so far: the last one has everybody.
      const pushes = memberPushes().map((r) => (JSON.parse(r.body) as { userIds: string[] }).userIds.length);
      expect(pushes).toEqual([1, 2, 3, 4, 5, 6]);
    });
  });

  describe('PUT /Groups/{id}', () => {
    it('replaces name and members, renaming and pushing the complete list', async () => {
      const { scim, users } = await setup(3);
      const group = await scim.post('/Groups', { displayName: 'Before', members: [{ value: users[0]!.id }] }).expect(201);
      const mark = app.mark();
      const res = await scim
        .put(`/Groups/${group.body.id}`, { schemas: [GROUP_SCHEMA], id: group.body.id, displayName: 'After', members: [{ value: users[1]!.id, display: 'VP' }, { value: users[2]!.id }] })
        .expect(200);
      expect(app.since(mark).map((r) => [r.method, JSON.parse(r.body)])).toEqual([
        ['PATCH', { name: 'After' }],
        ['PUT', { userIds: [users[1]!.appId, users[2]!.appId] }],
      ]);
      expect(res.body).toMatchObject({ displayName: 'After', members: [{ value: users[1]!.id, display: 'VP' }, { value: users[2]!.id }], meta: { version: 'W/"2"' } });
    });
    it('changes nothing for the same members in another order', async () => {
      const { scim, users } = await setup(2);
      const members = [{ value: users[0]!.id }, { value: users[1]!.id }];
      const group = await scim.post('/Groups', { displayName: 'Ordered', members }).expect(201);
      const mark = app.mark();
      const res = await scim.put(`/Groups/${group.body.id}`, { displayName: 'Ordered', members: [...members].reverse() }).expect(200);
      expect(res.body.meta.version).toBe('W/"1"');
      expect(app.since(mark)).toHaveLength(0);
    });
  });

  describe('DELETE /Groups/{id}', () => {
    it('deletes downstream (delete_group), then from the store', async () => {
      const { scim, users } = await setup(1);
      const group = await scim.post('/Groups', { displayName: 'Doomed', members: [{ value: users[0]!.id }] }).expect(201);
      const appId = appGroup().id;
      await scim.delete(`/Groups/${group.body.id}`).expect(204);
      expect(app.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/api/groups/${appId}` });
      expect(app.groups.size).toBe(0);
      await scim.get(`/Groups/${group.body.id}`).expect(404);
      expect(await t.dataSource.query('SELECT 1 FROM scim_group_members WHERE group_id = $1', [group.body.id])).toHaveLength(0);
      // The member user is untouched.
      await scim.get(`/Users/${users[0]!.id}`).expect(200);
    });

    it('drops a deleted user from its groups', async () => {
      const { scim, users } = await setup(2);
      const group = await scim.post('/Groups', { displayName: 'Shrinking', members: [{ value: users[0]!.id }, { value: users[1]!.id }] }).expect(201);
      await scim.delete(`/Users/${users[0]!.id}`).expect(204);
      expect((await scim.get(`/Groups/${group.body.id}`).expect(200)).body.members.map((m: { value: string }) => m.value)).toEqual([users[1]!.id]);
    });
  });

  describe('an XML app', () => {
    it('creates, fills, renames and deletes a group with XML bodies (member_ids_csv)', async () => {
      const { scim, users } = await setup(2, { dialect: 'xml' });
      const mark = app.mark();
      const group = await scim.post('/Groups', { displayName: 'R&D', members: [{ value: users[0]!.id }] }).expect(201);
      const gid = appGroup().id;
      await scim.patch(`/Groups/${group.body.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: users[1]!.id }] })).expect(204);
      await scim.patch(`/Groups/${group.body.id}`, patchOp({ op: 'replace', path: 'displayName', value: 'R&D <EU>' })).expect(204);
      await scim.delete(`/Groups/${group.body.id}`).expect(204);
      expect(app.since(mark).map((r) => [r.method, r.path, r.body])).toEqual([
        ['POST', '/xml/groups', '<group><name>R&amp;D</name><description></description></group>'],
        ['PUT', `/xml/groups/${gid}/members`, `<members><ids>${users[0]!.appId}</ids></members>`],
        ['PUT', `/xml/groups/${gid}/members`, `<members><ids>${users[0]!.appId},${users[1]!.appId}</ids></members>`],
        ['PUT', `/xml/groups/${gid}`, '<group><name>R&amp;D &lt;EU&gt;</name></group>'],
        ['DELETE', `/xml/groups/${gid}`, ''],
      ]);
    });
  });
});
