import { reconcileGroups, reconcileUsers } from './account-reconcile.js';

type Stored = { id: string; userName: string; emails: string[]; downstreamId: string | null };
const keys = (u: Stored) => ({ userName: u.userName, emails: u.emails });
const user = (id: string, userName: string, downstreamId: string | null = null, emails: string[] = []): Stored => ({ id, userName, emails, downstreamId });

describe('reconciling app accounts with provisioned users and groups', () => {
  it('pairs by stored link first, then by the match rule, and lists who is on one side only', () => {
    const users = [user('s1', 'ada@acme.example', 'u1'), user('s2', 'grace', null, ['grace@acme.example']), user('s3', 'linus@acme.example'), user('s4', 'ken@acme.example', 'gone')];
    const accounts = [
      { id: 'u1', email: 'ada.lovelace@acme.example' },
      { id: 'u2', email: 'GRACE@acme.example' },
      { id: 'u3', userName: 'zed' },
    ];
    const r = reconcileUsers(users, keys, accounts);
    expect(r.matched.map((p) => [p.scim.id, p.account.id, p.reason, p.linked])).toEqual([
      // The email changed in the app: only the stored link pairs them.
      ['s1', 'u1', 'downstreamId', true],
      ['s2', 'u2', 'email', false],
    ]);
    expect(r.onlyInApp.map((a) => a.id)).toEqual(['u3']);
    // s4's stored account is not in the list: shown as missing from the app.
    expect(r.onlyInIdp.map((u) => u.id)).toEqual(['s3', 's4']);
  });

  it('gives the rule reason for a linked pair it also matches, and pairs each account once', () => {
    const users = [user('s1', 'ada@acme.example', 'u1'), user('s2', 'ADA@acme.example')];
    const r = reconcileUsers(users, keys, [{ id: 'u1', userName: 'ada@acme.example' }, { id: 'u1', userName: 'duplicate' }]);
    expect(r.matched.map((p) => [p.scim.id, p.account.id, p.reason, p.linked])).toEqual([['s1', 'u1', 'userName', true]]);
    expect(r.onlyInIdp.map((u) => u.id)).toEqual(['s2']);
    expect(r.onlyInApp).toEqual([]);
  });

  it('offers a relink when the stored id is not the account the rule finds', () => {
    const r = reconcileUsers([user('s1', 'ada@acme.example', 'old-id')], keys, [{ id: 'u9', email: 'ada@acme.example' }]);
    expect(r.matched.map((p) => [p.account.id, p.reason, p.linked])).toEqual([['u9', 'email', false]]);
  });

  it('pairs groups by link, then by name or display name', () => {
    const groups = [
      { id: 'g1', displayName: 'Engineering', downstreamId: null },
      { id: 'g2', displayName: 'Sales', downstreamId: 'a2' },
      { id: 'g3', displayName: 'Legal', downstreamId: null },
    ];
    const r = reconcileGroups(groups, (g) => g.displayName, [
      { id: 'a1', name: 'eng', displayName: 'ENGINEERING' },
      { id: 'a2', name: 'sales-team' },
      { id: 'a3', name: 'Support' },
    ]);
    expect(r.matched.map((p) => [p.scim.id, p.account.id, p.reason, p.linked])).toEqual([
      ['g1', 'a1', 'name', false],
      ['g2', 'a2', 'downstreamId', true],
    ]);
    expect(r.onlyInApp.map((a) => a.id)).toEqual(['a3']);
    expect(r.onlyInIdp.map((g) => g.id)).toEqual(['g3']);
  });
});
