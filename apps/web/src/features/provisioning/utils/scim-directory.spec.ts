import { describe, expect, it } from '@jest/globals';
import { directoryQuery, pageCount, pageRange } from './scim-directory';

describe('provisioned users and groups tables', () => {
  it('asks for one page, with the search when there is one', () => {
    expect(directoryQuery({ q: '', page: 1 })).toBe('page=1&pageSize=25');
    expect(directoryQuery({ q: ' ada lovelace ', page: 3, pageSize: 10 })).toBe('q=ada+lovelace&page=3&pageSize=10');
  });

  it('counts pages and says which rows are shown', () => {
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(51, 25)).toBe(3);
    expect(pageRange(2, 25, 25, 120)).toBe('Showing 26–50 of 120');
    expect(pageRange(1, 25, 3, 3)).toBe('Showing 1–3 of 3');
    expect(pageRange(1, 25, 0, 0)).toBe('');
  });
});
