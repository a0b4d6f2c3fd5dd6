import { findMatchingGroup, findMatchingUser, userMatchKeys, userMatchReason } from './account-match.js';

describe('matching app accounts to SCIM users', () => {
  const alice = userMatchKeys({ userName: 'Alice@Acme.example', emails: [{ value: 'alice.work@acme.example' }] });

  it('matches the userName case-insensitively, before any email match', () => {
    const accounts = [
      { id: 'by-email', email: 'alice@acme.example' },
      { id: 'by-name', userName: 'alice@ACME.example' },
    ];
    expect(findMatchingUser(alice, accounts)?.id).toBe('by-name');
  });

  it('matches an app email against the SCIM userName or any SCIM email', () => {
    expect(userMatchReason(alice, { id: '1', email: 'ALICE.WORK@acme.example' })).toBe('email');
    expect(userMatchReason(alice, { id: '2', email: 'alice@acme.example' })).toBe('email');
    expect(userMatchReason(alice, { id: '3', userName: 'alice.work@acme.example' })).toBe('email');
  });

  it('does not match other people, blank values or a login that only shares a prefix', () => {
    expect(userMatchReason(alice, { id: '1', userName: 'alice', email: 'bob@acme.example' })).toBeUndefined();
    expect(userMatchReason({ userName: '  ' }, { id: '2', userName: ' ', email: '' })).toBeUndefined();
    expect(findMatchingUser(alice, [])).toBeUndefined();
  });

  it('matches groups on name or display name, case-insensitively', () => {
    const groups = [
      { id: 'g1', name: 'eng' },
      { id: 'g2', name: 'engineering-team', displayName: 'Engineering' },
    ];
    expect(findMatchingGroup('engineering', groups)?.id).toBe('g2');
    expect(findMatchingGroup('ENG', groups)?.id).toBe('g1');
    expect(findMatchingGroup('Sales', groups)).toBeUndefined();
  });
});
