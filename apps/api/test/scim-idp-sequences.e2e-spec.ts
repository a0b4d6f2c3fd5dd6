import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeDirectoryApp } from './support/scim-fake-app.js';
import { GROUP_SCHEMA, LIST_RESPONSE, USER_SCHEMA, createScimConnector, scimCalls, scimClient, type ScimClient, type ScimConnector } from './support/scim.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

// The request sequences Microsoft Entra ID and Okta publish for their SCIM clients, replayed
// with their own bodies, against a connector whose downstream app records every call.

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('identity provider sequences', () => {
  let t: TestApp;
  let app: FakeDirectoryApp;
  let admin: Admin;

  beforeAll(async () => {
    t = await startTestApp();
    app = await new FakeDirectoryApp().start();
    admin = await signUpAdmin(t);
  });
  afterAll(async () => {
    await app.stop();
    await t.close();
  });

  const appCalls = (from: number) => app.since(from).map((r) => `${r.method} ${r.path.replace(/\/(u|g)\d+/g, '/:id')}`);
  const emptyList = { schemas: [LIST_RESPONSE], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] };

  describe('Microsoft Entra ID', () => {
    let c: ScimConnector;
    let scim: ScimClient;
    beforeAll(async () => {
      c = await createScimConnector(admin, app);
      scim = scimClient(t, c.id, c.token);
    });

    it('Test Connection: a lookup of a random GUID answers 200 with an empty list', async () => {
      const mark = app.mark();
      const users = await scim.get(`/Users?filter=${encodeURIComponent(`userName eq "${randomUUID()}"`)}`).expect(200);
      expect(users.body).toEqual(emptyList);
      const groups = await scim.get(`/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "${randomUUID()}"`)}`).expect(200);
      expect(groups.body).toEqual(emptyList);
      expect(app.since(mark)).toHaveLength(0);
    });

    it('provisions a user: lookups, create, read, updates, disable (default and aadOptscim062020 PATCH forms), delete', async () => {
      const mark = app.mark();
      const userName = 'Test_User_dfeef4c5-5681-4387-b016-bdf221e82081';
      const externalId = '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef';
      await scim.get(`/Users?filter=userName eq "${userName}"`).expect(200);
      // Entra sends externalId unquoted.
      expect((await scim.get(`/Users?filter=externalId eq ${externalId}`).expect(200)).body.totalResults).toBe(0);

      const created = await scim
        .post('/Users', {
          schemas: [USER_SCHEMA, ENTERPRISE],
          externalId,
          userName,
          active: true,
          emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com' }],
          meta: { resourceType: 'User' },
          name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
          roles: [],
        })
        .expect(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({
        schemas: [USER_SCHEMA],
        id,
        externalId,
        userName,
        active: true,
        name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
        emails: [{ value: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com', type: 'work', primary: true }],
        meta: { resourceType: 'User', created: expect.any(String), lastModified: expect.any(String) },
      });
      expect(created.body).not.toHaveProperty('roles');

      expect((await scim.get(`/Users/${id}`).expect(200)).body.id).toBe(id);
      const byQuery = await scim.get(`/Users?filter=userName eq "${userName}"`).expect(200);
      expect(byQuery.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [{ id, userName, externalId }] });
      expect((await scim.get(`/Users?filter=externalId eq ${externalId}`).expect(200)).body.Resources[0].id).toBe(id);

      // PATCH answers 204; the result is read back with a filtered list (answered from the store).
      const stored = async () => (await scim.get(`/Users?filter=id eq "${id}"`).expect(200)).body.Resources[0];
      // Update User [Multi-valued properties]
      await scim
        .patch(`/Users/${id}`, {
          schemas: [PATCH_OP],
          Operations: [
            { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
            { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
          ],
        })
        .expect(204);
      expect(await stored()).toMatchObject({ id, name: { familyName: 'updatedFamilyName', givenName: 'givenName' }, emails: [{ value: 'updatedEmail@microsoft.com', type: 'work', primary: true }] });

      // Update User [Single-valued properties]
      await scim
        .patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' }] })
        .expect(204);
      expect((await stored()).userName).toBe('5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com');

      // aadOptscim062020: add a single-value string, replace several attributes without a path.
      await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'nickName', value: 'Babs' }] }).expect(204);
      await scim
        .patch(`/Users/${id}`, {
          schemas: [PATCH_OP],
          Operations: [
            { op: 'replace', path: 'emails[type eq "work"].value', value: 'TestMhvaes@test.microsoft.com' },
            { op: 'replace', value: { displayName: 'Bjfe', 'name.givenName': 'Kkom', 'name.familyName': 'Unua', [`${ENTERPRISE}:employeeNumber`]: 'Aklq' } },
          ],
        })
        .expect(204);
      const several = await stored();
      expect(several).toMatchObject({
        nickName: 'Babs',
        displayName: 'Bjfe',
        name: { givenName: 'Kkom', familyName: 'Unua' },
        emails: [{ value: 'TestMhvaes@test.microsoft.com', type: 'work' }],
        [ENTERPRISE]: { employeeNumber: 'Aklq' },
      });
      expect(several.schemas).toEqual([USER_SCHEMA, ENTERPRISE]);

      // Disable User: the default job sends "False"; aadOptscim062020 a boolean.
      const appUser = [...app.users.values()].find((u) => u.userName === userName)!;
      await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] }).expect(204);
      expect((await stored()).active).toBe(false);
      expect(appUser.active).toBe(false);
      await scim.patch(`/Users/${id}`, { Operations: [{ op: 'replace', path: 'active', value: true }], schemas: [PATCH_OP] }).expect(204);
      expect(appUser.active).toBe(true);
      await scim.patch(`/Users/${id}`, { Operations: [{ op: 'replace', path: 'active', value: false }], schemas: [PATCH_OP] }).expect(204);
      expect(appUser.active).toBe(false);
      expect(appUser.email).toBe('TestMhvaes@test.microsoft.com');

      await scim.delete(`/Users/${id}`).expect(204);
      await scim.get(`/Users/${id}`).expect(404);
      expect(app.users.has(appUser.id)).toBe(false);

      expect(appCalls(mark)).toEqual([
        'POST /api/users',
        'GET /api/users/:id',
        'PATCH /api/users/:id',
        'PATCH /api/users/:id',
        'PATCH /api/users/:id',
        'PATCH /api/users/:id',
        'PATCH /api/users/:id',
        'PATCH /api/users/:id',
        'PATCH /api/users/:id',
        'DELETE /api/users/:id',
      ]);
    });

    it('provisions a group: lookup, create, read without members, rename, add and remove members (both forms), delete', async () => {
      const member = await scim.post('/Users', { schemas: [USER_SCHEMA], userName: 'entra.member@testuser.com', active: true }).expect(201);
      const other = await scim.post('/Users', { schemas: [USER_SCHEMA], userName: 'entra.other@testuser.com', active: true }).expect(201);
      const memberAppId = [...app.users.values()].find((u) => u.userName === 'entra.member@testuser.com')!.id;
      const otherAppId = [...app.users.values()].find((u) => u.userName === 'entra.other@testuser.com')!.id;
      const mark = app.mark();

      expect((await scim.get('/Groups?excludedAttributes=members&filter=displayName eq "displayName"').expect(200)).body).toEqual(emptyList);
      const created = await scim
        .post('/Groups', {
          schemas: [GROUP_SCHEMA, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
          externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
          displayName: 'displayName',
          meta: { resourceType: 'Group' },
        })
        .expect(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({ schemas: [GROUP_SCHEMA], id, externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159', displayName: 'displayName', members: [] });

      const read = await scim.get(`/Groups/${id}?excludedAttributes=members`).expect(200);
      expect(read.body).toEqual({ schemas: [GROUP_SCHEMA], id, externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159', displayName: 'displayName', meta: expect.objectContaining({ resourceType: 'Group' }) });
      const found = await scim.get('/Groups?excludedAttributes=members&filter=displayName eq "displayName"').expect(200);
      expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id, displayName: 'displayName' }] });

      const renamed = await scim
        .patch(`/Groups/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' }] })
        .expect(204);
      expect(renamed.text).toBe('');
      await scim.patch(`/Groups/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: member.body.id }] }] }).expect(204);
      await scim.patch(`/Groups/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: other.body.id }] }] }).expect(204);
      expect([...app.groups.values()][0]!.members).toEqual([memberAppId, otherAppId]);
      // Default job: remove by value list.
      await scim.patch(`/Groups/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: member.body.id }] }] }).expect(204);
      expect([...app.groups.values()][0]!.members).toEqual([otherAppId]);
      // aadOptscim062020: remove by filter.
      await scim.patch(`/Groups/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${other.body.id}"]` }] }).expect(204);
      expect([...app.groups.values()][0]!.members).toEqual([]);

      await scim.delete(`/Groups/${id}`).expect(204);
      expect(app.groups.size).toBe(0);
      expect(appCalls(mark)).toEqual([
        'POST /api/groups',
        'PATCH /api/groups/:id',
        'PUT /api/groups/:id/members',
        'PUT /api/groups/:id/members',
        'PUT /api/groups/:id/members',
        'PUT /api/groups/:id/members',
        'DELETE /api/groups/:id',
      ]);
      const bodies = app.since(mark).filter((r) => r.path.endsWith('/members')).map((r) => JSON.parse(r.body).userIds);
      expect(bodies).toEqual([[memberAppId], [memberAppId, otherAppId], [otherAppId], []]);
    });
  });

  describe('Okta', () => {
    let c: ScimConnector;
    let scim: ScimClient;
    beforeAll(async () => {
      c = await createScimConnector(admin, app);
      scim = scimClient(t, c.id, c.token);
    });

    it('provisions a user: lookup with startIndex/count, create, import, GET then full PUT, deactivate and reactivate by PATCH', async () => {
      const mark = app.mark();
      const lookup = await scim.get('/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100').expect(200);
      expect(lookup.body).toEqual(emptyList);
      expect(lookup.text).toContain('"totalResults":0,"startIndex":1,"itemsPerPage":0');

      const created = await scim
        .post('/Users', {
          schemas: [USER_SCHEMA],
          userName: 'test.user@okta.local',
          name: { givenName: 'Test', familyName: 'User' },
          emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
          displayName: 'Test User',
          locale: 'en-US',
          externalId: '00ujl29u0le5T6Aj10h7',
          groups: [],
          password: '1mz050nq',
          active: true,
        })
        .expect(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({
        schemas: [USER_SCHEMA],
        id,
        userName: 'test.user@okta.local',
        name: { givenName: 'Test', familyName: 'User' },
        displayName: 'Test User',
        locale: 'en-US',
        externalId: '00ujl29u0le5T6Aj10h7',
        active: true,
        meta: { resourceType: 'User' },
      });
      expect(JSON.stringify(created.body)).not.toContain('1mz050nq');
      expect(JSON.parse(app.requests[mark]!.body)).toEqual({ email: 'test.user@okta.local', name: 'Test User', userName: 'test.user@okta.local', active: true });

      const imported = await scim.get('/Users?startIndex=1&count=100').expect(200);
      expect(imported.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
      expect(typeof imported.body.totalResults).toBe('number');
      expect((await scim.get(`/Users?filter=userName eq "test.user@okta.local"&startIndex=1&count=100`).expect(200)).body.Resources[0].id).toBe(id);

      // Update: Okta reads the user, changes what changed, and PUTs the whole body back.
      const current = (await scim.get(`/Users/${id}`).expect(200)).body;
      const put = await scim.put(`/Users/${id}`, { ...current, name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' }, groups: [] }).expect(200);
      expect(put.body).toMatchObject({ id, userName: 'test.user@okta.local', name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' }, active: true });

      // Okta documents 200 with the user and accepts 204 with no body; Gatehouse answers 204.
      await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] }).expect(204);
      expect((await scim.get(`/Users?filter=userName eq "test.user@okta.local"`).expect(200)).body.Resources[0]).toMatchObject({ schemas: [USER_SCHEMA], id, userName: 'test.user@okta.local', active: false });
      const appUser = [...app.users.values()].find((u) => u.userName === 'test.user@okta.local')!;
      expect(appUser.active).toBe(false);
      await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] }).expect(204);
      expect(appUser.active).toBe(true);

      expect(appCalls(mark)).toEqual(['POST /api/users', 'GET /api/users/:id', 'PATCH /api/users/:id', 'PATCH /api/users/:id', 'PATCH /api/users/:id']);
    });

    it('pushes a group: create, list, read, rename with {id, displayName}, membership changes, full replace (also empty), delete', async () => {
      const users = [];
      for (const name of ['okta.a@okta.local', 'okta.b@okta.local', 'okta.c@okta.local']) {
        const res = await scim.post('/Users', { schemas: [USER_SCHEMA], userName: name, emails: [{ value: name, primary: true }], active: true }).expect(201);
        users.push({ id: res.body.id as string, appId: [...app.users.values()].find((u) => u.userName === name)!.id });
      }
      const mark = app.mark();
      const created = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Test SCIMv2', members: [] }).expect(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({ schemas: [GROUP_SCHEMA], id, displayName: 'Test SCIMv2', members: [], meta: { resourceType: 'Group' } });

      const list = await scim.get('/Groups?startIndex=1&count=100').expect(200);
      expect(list.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [{ id, displayName: 'Test SCIMv2' }] });
      await scim.get(`/Groups/${id}`).expect(200);

      await scim.patch(`/Groups/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { id, displayName: 'Test SCIMv20' } }] }).expect(204);
      expect([...app.groups.values()][0]!.name).toBe('Test SCIMv20');
      // Okta repeats the rename with every membership update; an unchanged name sends nothing.
      const before = app.mark();
      await scim.patch(`/Groups/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { id, displayName: 'Test SCIMv20' } }] }).expect(204);
      expect(app.since(before)).toHaveLength(0);

      await scim
        .patch(`/Groups/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: users[0]!.id, display: 'okta.a@okta.local' }] }] })
        .expect(204);
      await scim
        .patch(`/Groups/${id}`, {
          schemas: [PATCH_OP],
          Operations: [
            { op: 'remove', path: `members[value eq "${users[0]!.id}"]` },
            { op: 'add', path: 'members', value: [{ value: users[1]!.id, display: 'okta.b@okta.local' }] },
          ],
        })
        .expect(204);
      expect([...app.groups.values()][0]!.members).toEqual([users[1]!.appId]);

      await scim
        .patch(`/Groups/${id}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'replace', path: 'members', value: [{ value: users[1]!.id, display: 'okta.b@okta.local' }, { value: users[2]!.id, display: 'okta.c@okta.local' }] }],
        })
        .expect(204);
      expect([...app.groups.values()][0]!.members).toEqual([users[1]!.appId, users[2]!.appId]);
      const read = await scim.get(`/Groups/${id}`).expect(200);
      expect(read.body.members.map((m: { value: string; display: string }) => [m.value, m.display])).toEqual([
        [users[1]!.id, 'okta.b@okta.local'],
        [users[2]!.id, 'okta.c@okta.local'],
      ]);
      await scim.patch(`/Groups/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'members', value: [] }] }).expect(204);
      expect([...app.groups.values()][0]!.members).toEqual([]);

      await scim.delete(`/Groups/${id}`).expect(204);
      expect(appCalls(mark)).toEqual([
        'POST /api/groups',
        'PATCH /api/groups/:id',
        'PUT /api/groups/:id/members',
        'PUT /api/groups/:id/members',
        'PUT /api/groups/:id/members',
        'PUT /api/groups/:id/members',
        'DELETE /api/groups/:id',
      ]);
      expect((await scimCalls(admin, c.id)).every((call) => call.source === 'scim')).toBe(true);
    });
  });
});
