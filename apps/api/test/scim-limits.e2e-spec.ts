import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_MEMBERS_PER_REQUEST, MAX_VALUES_PER_ATTRIBUTE } from '@gatehouse/scim';
import { FakeDirectoryApp } from './support/scim-fake-app.js';
import { ERROR_SCHEMA, GROUP_SCHEMA, createScimConnector, patchOp, scimClient, scimUser, type ScimClient } from './support/scim.js';
import { signUpAdmin, startTestApp, type TestApp } from './support/test-app.js';

// What an identity provider hears when one request carries more values than Gatehouse takes,
// and that such a request changes nothing, here or downstream.
describe('SCIM request size limits', () => {
  let t: TestApp;
  let app: FakeDirectoryApp;
  let scim: ScimClient;

  beforeAll(async () => {
    t = await startTestApp();
    app = await new FakeDirectoryApp().start();
    const admin = await signUpAdmin(t);
    const c = await createScimConnector(admin, app);
    scim = scimClient(t, c.id, c.token);
  });
  afterAll(async () => {
    await app.stop();
    await t.close();
  });

  const emails = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ value: `a${from + i}@example.com`, type: 'work' }));
  const members = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
  const tooMany = (detail: string) => ({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'tooMany', detail });

  it('POST /Users with 20,000 emails answers 400 tooMany naming emails and 1000, and stores nothing', async () => {
    const mark = app.mark();
    const res = await scim.post('/Users', scimUser('many@example.com', { emails: emails(20000) })).expect(400);
    expect(res.body).toEqual(tooMany('emails has 20000 values; at most 1000 are accepted per request'));
    expect(MAX_VALUES_PER_ATTRIBUTE).toBe(1000);
    expect(await t.dataSource.query(`SELECT id FROM scim_users WHERE user_name_lower = 'many@example.com'`)).toEqual([]);
    expect(app.since(mark)).toEqual([]);
  });

  it('PATCH /Users adding 1,001 emails answers 400 tooMany and leaves the user as it was', async () => {
    const created = await scim.post('/Users', scimUser('patched@example.com')).expect(201);
    const before = await scim.get(`/Users/${created.body.id}`).expect(200);
    const mark = app.mark();
    const res = await scim
      .patch(`/Users/${created.body.id}`, patchOp({ op: 'add', path: 'emails', value: emails(600) }, { op: 'add', path: 'emails', value: emails(401, 600) }))
      .expect(400);
    expect(res.body).toEqual(tooMany('Operations[1]: emails has 1001 values; at most 1000 are accepted per request'));
    expect(app.since(mark)).toEqual([]);
    expect((await scim.get(`/Users/${created.body.id}`).expect(200)).body).toEqual(before.body);
  });

  it('POST /Groups with 10,001 members answers 400 tooMany naming members and 10000, and stores nothing', async () => {
    const mark = app.mark();
    const res = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Everyone', members: members(10001) }).expect(400);
    expect(res.body).toEqual(tooMany('members has 10001 values; at most 10000 are accepted per request'));
    expect(MAX_MEMBERS_PER_REQUEST).toBe(10000);
    expect(await t.dataSource.query(`SELECT id FROM scim_groups WHERE display_name = 'Everyone'`)).toEqual([]);
    expect(app.since(mark)).toEqual([]);
  });

  it('PATCH /Groups with 10,001 member values across operations answers 400 tooMany and changes no membership', async () => {
    const user = await scim.post('/Users', scimUser('member@example.com')).expect(201);
    const group = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Staff', members: [{ value: user.body.id }] }).expect(201);
    const mark = app.mark();
    const many = members(10000);
    const res = await scim
      .patch(`/Groups/${group.body.id}`, patchOp({ op: 'add', path: 'members', value: many }, { op: 'remove', path: 'members', value: [{ value: user.body.id }] }))
      .expect(400);
    expect(res.body).toEqual(tooMany('Operations[1]: members has 10001 values; at most 10000 are accepted per request'));
    expect(app.since(mark)).toEqual([]);
    const after = await scim.get(`/Groups/${group.body.id}`).expect(200);
    expect(after.body.members.map((m: { value: string }) => m.value)).toEqual([user.body.id]);
    expect(after.body.meta.version).toBe(group.body.meta.version);
  });

  it('PUT /Groups with 10,001 members answers 400 tooMany as well', async () => {
    const group = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Replaced' }).expect(201);
    const res = await scim.put(`/Groups/${group.body.id}`, { schemas: [GROUP_SCHEMA], displayName: 'Replaced', members: members(10001) }).expect(400);
    expect(res.body.detail).toBe('members has 10001 values; at most 10000 are accepted per request');
  });
});
