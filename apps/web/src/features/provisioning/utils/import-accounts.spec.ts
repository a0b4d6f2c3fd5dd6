import { describe, expect, it } from '@jest/globals';
import { accountLabel, linkButtonLabel, linkState, pairReasonLabel } from './import-accounts';

describe('import accounts wording', () => {
  it('names how a pair was made', () => {
    expect(pairReasonLabel('email')).toBe('Email');
    expect(pairReasonLabel('downstreamId')).toBe('Link only');
  });

  it('names an app account by login, email, name, then id', () => {
    expect(accountLabel({ id: 'u1', email: 'ada@example.com', displayName: 'Ada' })).toBe('ada@example.com');
    expect(accountLabel({ id: 'u1', userName: '', displayName: 'Ada' })).toBe('Ada');
    expect(accountLabel({ id: 'u1' })).toBe('u1');
  });

  it('says who a Link button links, and what a provisioned resource is linked to now', () => {
    expect(linkButtonLabel('ada@example.com', 'u1')).toBe('Link ada@example.com to app account u1');
    expect(linkState(null)).toBe('Gatehouse only (not linked)');
    expect(linkState('u9')).toBe("Linked to u9, which the app's list does not hold");
  });
});
