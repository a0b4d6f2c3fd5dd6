import { describe, expect, it } from '@jest/globals';
import { afterSignIn, safeReturnPath, signInPathFor } from './return-path';

const origin = 'https://gatehouse.example.com';

describe('safeReturnPath', () => {
  it('keeps a path on this site with its query and hash', () => {
    expect(safeReturnPath('/integrations/42/monitoring?x=1#top', origin)).toBe('/integrations/42/monitoring?x=1#top');
  });

  it.each([
    ['another site', 'https://evil.example/integrations'],
    ['a protocol-relative URL', '//evil.example/integrations'],
    ['a backslash read as a slash', '/\\evil.example'],
    ['a relative path', 'integrations'],
    ['a script URL', 'javascript:alert(1)'],
    ['a tab that browsers strip', '/\t/evil.example'],
    ['the sign-in page itself', '/sign-in?next=/integrations'],
    ['nothing', null],
  ])('refuses %s', (_, next) => {
    expect(safeReturnPath(next, origin)).toBeNull();
  });
});

describe('afterSignIn and signInPathFor', () => {
  it('round-trips the page that asked for sign-in', () => {
    const path = signInPathFor({ pathname: '/integrations/42', search: '?a=b', hash: '' });
    expect(path).toBe('/sign-in?next=%2Fintegrations%2F42%3Fa%3Db');
    expect(afterSignIn(path.slice('/sign-in'.length), origin)).toBe('/integrations/42?a=b');
  });

  it('goes home without a safe next', () => {
    expect(signInPathFor({ pathname: '/', search: '', hash: '' })).toBe('/sign-in');
    expect(afterSignIn('', origin)).toBe('/integrations');
    expect(afterSignIn('?next=https%3A%2F%2Fevil.example', origin)).toBe('/integrations');
  });
});
