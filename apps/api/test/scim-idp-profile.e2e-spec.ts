import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { IdpProfile } from '@gatehouse/contracts';
import { OutboundSettings } from '../src/modules/http-connector/outbound-settings.js';
import { FakeDirectoryApp } from './support/scim-fake-app.js';
import { GROUP_SCHEMA, USER_SCHEMA, createScimConnector, patchOp, scimClient, scimUser, type ScimClient, type ScimConnector } from './support/scim.js';
import { connectorChangeHeard, signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('SCIM answers by IdP profile (PATCH/PUT /Users and /Groups, PATCH /api/connectors/:id idpProfile)', () => {
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

  async function setup(idpProfile: IdpProfile | null): Promise<{ c: ScimConnector; scim: ScimClient }> {
    const c = await createScimConnector(admin, app, { idpProfile });
    return { c, scim: scimClient(t, c.id, c.token) };
  }

  /** A user and a group with that user as member, made through SCIM. */
  async function userAndGroup(scim: ScimClient, name: string): Promise<{ userId: string; groupId: string }> {
    const user = await scim.post('/Users', scimUser(`${name}@example.com`)).expect(201);
    const group = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: `${name} team`, members: [{ value: user.body.id }] }).expect(201);
    return { userId: user.body.id as string, groupId: group.body.id as string };
  }

  it('a connector created without idpProfile is generic: PATCH answers 200 with the user and with the group', async () => {
    const { c, scim } = await setup(null);
    expect((await admin.get(`/api/connectors/${c.id}`).expect(200)).body.idpProfile).toBe('generic');
    const { userId, groupId } = await userAndGroup(scim, 'default');

    const user = await scim.patch(`/Users/${userId}`, patchOp({ op: 'replace', path: 'displayName', value: 'Renamed' })).expect(200);
    expect(user.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(user.body).toMatchObject({ schemas: [USER_SCHEMA], id: userId, userName: 'default@example.com', displayName: 'Renamed', meta: { resourceType: 'User' } });

    const group = await scim.patch(`/Groups/${groupId}`, patchOp({ op: 'replace', path: 'displayName', value: 'Renamed team' })).expect(200);
    expect(group.body).toMatchObject({ schemas: [GROUP_SCHEMA], id: groupId, displayName: 'Renamed team', members: [{ value: userId }], meta: { resourceType: 'Group' } });
    expect([...app.groups.values()].map((g) => g.name)).toContain('Renamed team');
  });

  describe.each([
    { profile: 'entra' as const, patchStatus: 204 },
    { profile: 'okta' as const, patchStatus: 200 },
    { profile: 'generic' as const, patchStatus: 200 },
  ])('under $profile', ({ profile, patchStatus }) => {
    it(`PATCH /Users answers ${patchStatus}${patchStatus === 200 ? ' with the user' : ' with no body'}, PUT /Users 200 with the user`, async () => {
      const { scim } = await setup(profile);
      const { userId } = await userAndGroup(scim, `${profile}.user`);

      const patched = await scim.patch(`/Users/${userId}`, patchOp({ op: 'replace', path: 'nickName', value: 'Nick' })).expect(patchStatus);
      if (patchStatus === 204) expect(patched.text).toBe('');
      else expect(patched.body).toMatchObject({ id: userId, nickName: 'Nick', userName: `${profile}.user@example.com` });
      expect((await scim.get(`/Users/${userId}`).expect(200)).body.nickName).toBe('Nick');

      const put = await scim.put(`/Users/${userId}`, scimUser(`${profile}.user@example.com`, { displayName: 'Put name' })).expect(200);
      expect(put.body).toMatchObject({ schemas: [USER_SCHEMA], id: userId, displayName: 'Put name' });
    });

    it(`PATCH /Groups answers ${patchStatus}${patchStatus === 200 ? ' with the group' : ' with no body'}, PUT /Groups 200 with the group`, async () => {
      const { scim } = await setup(profile);
      const { userId, groupId } = await userAndGroup(scim, `${profile}.group`);
      const other = await scim.post('/Users', scimUser(`${profile}.other@example.com`)).expect(201);

      const patched = await scim.patch(`/Groups/${groupId}`, patchOp({ op: 'add', path: 'members', value: [{ value: other.body.id }] })).expect(patchStatus);
      if (patchStatus === 204) expect(patched.text).toBe('');
      else expect(patched.body.members.map((m: { value: string }) => m.value).sort()).toEqual([userId, other.body.id].sort());

      const put = await scim.put(`/Groups/${groupId}`, { schemas: [GROUP_SCHEMA], displayName: 'Put team', members: [{ value: userId }] }).expect(200);
      expect(put.body).toMatchObject({ schemas: [GROUP_SCHEMA], id: groupId, displayName: 'Put team', members: [{ value: userId }] });
    });

    it("accepts Entra's \"True\"/\"False\" booleans in PATCH values", async () => {
      const { scim } = await setup(profile);
      const { userId } = await userAndGroup(scim, `${profile}.bool`);
      await scim.patch(`/Users/${userId}`, patchOp({ op: 'Replace', path: 'active', value: 'False' })).expect(patchStatus);
      expect((await scim.get(`/Users/${userId}`).expect(200)).body.active).toBe(false);
      expect([...app.users.values()].find((u) => u.userName === `${profile}.bool@example.com`)?.active).toBe(false);
    });
  });

  it('under entra, a PATCH naming attributes or excludedAttributes still answers 200 with what it asked for', async () => {
    const { scim } = await setup('entra');
    const { groupId } = await userAndGroup(scim, 'entra.projection');
    const res = await scim.patch(`/Groups/${groupId}?excludedAttributes=members`, patchOp({ op: 'replace', path: 'displayName', value: 'Projected' })).expect(200);
    expect(res.body.displayName).toBe('Projected');
    expect(res.body.members).toBeUndefined();
  });

  it('changing the profile on the connector changes the next PATCH answer', async () => {
    const { c, scim } = await setup('entra');
    const { userId } = await userAndGroup(scim, 'switch');
    await scim.patch(`/Users/${userId}`, patchOp({ op: 'replace', path: 'nickName', value: 'A' })).expect(204);

    const heard = connectorChangeHeard(t.app, c.id);
    const updated = await admin.patch(`/api/connectors/${c.id}`).send({ idpProfile: 'okta' }).expect(200);
    expect(updated.body.idpProfile).toBe('okta');
    await heard;
    const res = await scim.patch(`/Users/${userId}`, patchOp({ op: 'replace', path: 'nickName', value: 'B' })).expect(200);
    expect(res.body.nickName).toBe('B');
  });

  it('refuses an unknown profile with the accepted ones named, and keeps the saved one', async () => {
    const { c } = await setup('okta');
    const res = await admin.patch(`/api/connectors/${c.id}`).send({ idpProfile: 'azure' }).expect(400);
    expect(JSON.stringify(res.body)).toContain('idpProfile must be one of entra, okta, generic');
    expect((await admin.get(`/api/connectors/${c.id}`).expect(200)).body.idpProfile).toBe('okta');
  });

  it("another company cannot read or change a connector's profile", async () => {
    const { c } = await setup('entra');
    const other = await signUpAdmin(t);
    await other.patch(`/api/connectors/${c.id}`).send({ idpProfile: 'generic' }).expect(404);
    await other.get(`/api/connectors/${c.id}`).expect(404);
    expect((await admin.get(`/api/connectors/${c.id}`).expect(200)).body.idpProfile).toBe('entra');
  });

  it('a copy keeps the profile', async () => {
    const { c } = await setup('okta');
    const copy = await admin.post(`/api/connectors/${c.id}/copy`).send({ name: `Copy ${Date.now()}` }).expect(201);
    expect(copy.body.idpProfile).toBe('okta');
  });

  describe('core attributes nested under the core schema URN', () => {
    it('POST /Users reads them as top-level attributes: 201, stored and created in the app', async () => {
      const { scim } = await setup(null);
      const res = await scim
        .post('/Users', {
          schemas: [USER_SCHEMA, ENTERPRISE],
          [USER_SCHEMA]: { userName: 'nested@example.com', displayName: 'Nested User', active: true, emails: [{ value: 'nested@example.com', primary: true }] },
          [ENTERPRISE]: { department: 'Ops' },
        })
        .expect(201);
      expect(res.body).toMatchObject({ userName: 'nested@example.com', displayName: 'Nested User', [ENTERPRISE]: { department: 'Ops' } });
      expect(res.body[USER_SCHEMA]).toBeUndefined();
      expect([...app.users.values()].map((u) => u.userName)).toContain('nested@example.com');
      const found = await scim.get(`/Users?filter=${encodeURIComponent('userName eq "nested@example.com"')}`).expect(200);
      expect(found.body.totalResults).toBe(1);
    });

    it('PUT /Users and POST/PUT /Groups read them too', async () => {
      const { scim } = await setup(null);
      const user = await scim.post('/Users', scimUser('nested.put@example.com')).expect(201);
      const put = await scim.put(`/Users/${user.body.id}`, { schemas: [USER_SCHEMA], [USER_SCHEMA]: { userName: 'nested.put@example.com', displayName: 'Replaced' } }).expect(200);
      expect(put.body.displayName).toBe('Replaced');

      const group = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], [GROUP_SCHEMA]: { displayName: 'Nested team', members: [{ value: user.body.id }] } }).expect(201);
      expect(group.body).toMatchObject({ displayName: 'Nested team', members: [{ value: user.body.id }] });
      const replaced = await scim.put(`/Groups/${group.body.id}`, { schemas: [GROUP_SCHEMA], [GROUP_SCHEMA]: { displayName: 'Nested team 2', members: [] } }).expect(200);
      expect(replaced.body.displayName).toBe('Nested team 2');
      expect([...app.groups.values()].map((g) => g.name)).toContain('Nested team 2');
    });

    it('refuses a userName given twice with different values, naming it, and creates nothing', async () => {
      const { scim } = await setup(null);
      const mark = app.mark();
      const res = await scim.post('/Users', { schemas: [USER_SCHEMA], userName: 'one@example.com', [USER_SCHEMA]: { userName: 'two@example.com' } }).expect(400);
      expect(res.body.scimType).toBe('invalidValue');
      expect(res.body.detail).toContain('"userName" is sent both at the top level and under');
      expect(app.since(mark)).toEqual([]);
      expect((await scim.get('/Users').expect(200)).body.totalResults).toBe(0);
    });
  });
});
