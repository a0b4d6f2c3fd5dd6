import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FakeDirectoryApp } from './support/scim-fake-app.js';
import { GROUP_SCHEMA, createScimConnector, scimClient, scimUser, type ScimClient, type ScimConnector } from './support/scim.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

describe('GET /api/connectors/{id}/scim-users and /scim-groups (what the IdP provisioned)', () => {
  let t: TestApp;
  let app: FakeDirectoryApp;
  let admin: Admin;
  let other: Admin;
  let c: ScimConnector;
  let scim: ScimClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    app = await new FakeDirectoryApp().start();
    admin = await signUpAdmin(t);
    other = await signUpAdmin(t);
    c = await createScimConnector(admin, app, { capabilities: { create_group: true, update_group_members: true } });
    scim = scimClient(t, c.id, c.token);
    for (const [name, extra] of [
      ['ada@example.com', { externalId: 'ext-ada', displayName: 'Ada Lovelace' }],
      ['grace@example.com', { displayName: 'Grace Hopper' }],
      ['linus_100%@example.com', { displayName: 'Literal wildcards' }],
    ] as const) {
      ids[name] = (await scim.post('/Users', scimUser(name, extra)).expect(201)).body.id;
    }
    await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineering', externalId: 'grp-eng', members: [{ value: ids['ada@example.com'] }, { value: ids['grace@example.com'] }] }).expect(201);
    await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Empty' }).expect(201);
  });
  afterAll(async () => {
    await app.stop();
    await t.close();
  });

  it('lists the users newest first with their SCIM and downstream ids', async () => {
    const res = await admin.get(`/api/connectors/${c.id}/scim-users`).expect(200);
    expect(res.body).toMatchObject({ total: 3, page: 1, pageSize: 25 });
    expect(res.body.items.map((u: { userName: string }) => u.userName)).toEqual(['linus_100%@example.com', 'grace@example.com', 'ada@example.com']);
    const ada = res.body.items[2];
    const appUser = [...app.users.values()].find((u) => u.userName === 'ada@example.com')!;
    expect(ada).toEqual({
      id: ids['ada@example.com'],
      userName: 'ada@example.com',
      displayName: 'Ada Lovelace',
      externalId: 'ext-ada',
      active: true,
      downstreamId: appUser.id,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('searches userName, displayName, externalId and downstream id, ignoring case, wildcards taken literally', async () => {
    const names = async (q: string) =>
      (await admin.get(`/api/connectors/${c.id}/scim-users?q=${encodeURIComponent(q)}`).expect(200)).body.items.map((u: { userName: string }) => u.userName);
    expect(await names('GRACE')).toEqual(['grace@example.com']);
    expect(await names('lovelace')).toEqual(['ada@example.com']);
    expect(await names('EXT-ADA')).toEqual(['ada@example.com']);
    const downstream = [...app.users.values()].find((u) => u.userName === 'grace@example.com')!.id;
    expect(await names(downstream)).toEqual(['grace@example.com']);
    expect(await names('100%')).toEqual(['linus_100%@example.com']);
    expect(await names('%')).toEqual(['linus_100%@example.com']);
    expect(await names('nobody')).toEqual([]);
  });

  it('pages with page and pageSize, and says how many there are', async () => {
    const second = await admin.get(`/api/connectors/${c.id}/scim-users?page=2&pageSize=2`).expect(200);
    expect(second.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(second.body.items.map((u: { userName: string }) => u.userName)).toEqual(['ada@example.com']);
    const beyond = await admin.get(`/api/connectors/${c.id}/scim-users?page=9&pageSize=2`).expect(200);
    expect(beyond.body).toMatchObject({ items: [], total: 3 });
    const bad = await admin.get(`/api/connectors/${c.id}/scim-users?pageSize=500`).expect(400);
    expect(bad.body.details).toEqual([{ path: 'pageSize', message: 'pageSize must be at most 100' }]);
  });

  it('lists the groups with member counts and downstream ids, searchable', async () => {
    const res = await admin.get(`/api/connectors/${c.id}/scim-groups`).expect(200);
    expect(res.body).toMatchObject({ total: 2, page: 1, pageSize: 25 });
    const appGroup = [...app.groups.values()].find((g) => g.name === 'Engineering')!;
    expect(res.body.items).toEqual([
      expect.objectContaining({ displayName: 'Empty', externalId: null, memberCount: 0 }),
      { id: expect.any(String), displayName: 'Engineering', externalId: 'grp-eng', downstreamId: appGroup.id, memberCount: 2, createdAt: expect.any(String), updatedAt: expect.any(String) },
    ]);
    const found = await admin.get(`/api/connectors/${c.id}/scim-groups?q=eng`).expect(200);
    expect(found.body.items.map((g: { displayName: string }) => g.displayName)).toEqual(['Engineering']);
  });

  it("another company's connector is a 404, like a missing one; without a session it is a 401", async () => {
    await other.get(`/api/connectors/${c.id}/scim-users`).expect(404);
    await other.get(`/api/connectors/${c.id}/scim-groups`).expect(404);
    await admin.get('/api/connectors/00000000-0000-4000-8000-000000000000/scim-users').expect(404);
    await admin.get('/api/connectors/not-a-uuid/scim-groups').expect(404);
    await request(t.http).get(`/api/connectors/${c.id}/scim-users`).expect(401);
  });
});
