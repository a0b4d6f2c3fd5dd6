import { describe, expect, it } from '@jest/globals';
import { MESSAGE_LIST_RESPONSE, ScimError, listResponse, paginate, parsePagination } from './index.js';

describe('parsePagination', () => {
  it('defaults to startIndex 1 and count 100', () => {
    expect(parsePagination({})).toEqual({ startIndex: 1, count: 100 });
    expect(parsePagination(undefined)).toEqual({ startIndex: 1, count: 100 });
  });

  it('reads query-string values', () => {
    expect(parsePagination({ startIndex: '11', count: '5' })).toEqual({ startIndex: 11, count: 5 });
    expect(parsePagination({ StartIndex: 3, COUNT: 7 })).toEqual({ startIndex: 3, count: 7 });
    expect(parsePagination({ startIndex: ['2', '9'] })).toEqual({ startIndex: 2, count: 100 });
  });

  it('treats startIndex below 1 as 1 and negative count as 0 (RFC 7644 §3.4.2.4)', () => {
    expect(parsePagination({ startIndex: '0', count: '-4' })).toEqual({ startIndex: 1, count: 0 });
    expect(parsePagination({ startIndex: '-10' })).toEqual({ startIndex: 1, count: 100 });
  });

  it('caps count at the maximum page size', () => {
    expect(parsePagination({ count: '5000' })).toEqual({ startIndex: 1, count: 1000 });
    expect(parsePagination({ count: '50' }, { maxCount: 20, defaultCount: 10 })).toEqual({ startIndex: 1, count: 20 });
    expect(parsePagination({}, { defaultCount: 10 })).toEqual({ startIndex: 1, count: 10 });
  });

  it('rejects values that are not integers with 400 invalidValue', () => {
    for (const query of [{ count: 'ten' }, { startIndex: '1.5' }, { count: 2.5 }]) {
      expect(() => parsePagination(query)).toThrow(ScimError);
    }
    try {
      parsePagination({ count: 'ten' });
    } catch (err) {
      expect((err as ScimError).scimType).toBe('invalidValue');
      expect((err as ScimError).status).toBe(400);
    }
  });
});

describe('listResponse', () => {
  it('wraps a page with integer counters', () => {
    expect(listResponse([{ id: 'a' }, { id: 'b' }], { startIndex: 3, totalResults: 12 })).toEqual({
      schemas: [MESSAGE_LIST_RESPONSE],
      totalResults: 12,
      startIndex: 3,
      itemsPerPage: 2,
      Resources: [{ id: 'a' }, { id: 'b' }],
    });
  });

  it('always includes Resources, even when empty', () => {
    expect(listResponse([], { totalResults: 0 })).toEqual({
      schemas: [MESSAGE_LIST_RESPONSE],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  it('never returns more than count', () => {
    expect(listResponse([1, 2, 3], { count: 2, totalResults: 3 }).Resources).toEqual([1, 2]);
    expect(listResponse([1, 2, 3], { count: 0, totalResults: 3 })).toMatchObject({ itemsPerPage: 0, totalResults: 3, Resources: [] });
  });
});

describe('paginate', () => {
  it('slices an in-memory result set', () => {
    const all = [1, 2, 3, 4, 5];
    expect(paginate(all, { startIndex: 1, count: 2 })).toMatchObject({ totalResults: 5, startIndex: 1, itemsPerPage: 2, Resources: [1, 2] });
    expect(paginate(all, { startIndex: 4, count: 10 })).toMatchObject({ itemsPerPage: 2, Resources: [4, 5] });
    expect(paginate(all, { startIndex: 9, count: 10 })).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
  });
});
