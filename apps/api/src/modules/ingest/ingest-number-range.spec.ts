import { describe, expect, it } from '@jest/globals';
import { findOutOfRangeNumber, hasOutOfRangeNumber } from './ingest-number-range.js';

describe('findOutOfRangeNumber', () => {
  it.each([
    ['{"a":1e400}', 'a', '1e400'],
    ['{"a":{"b":[0,{"c":-1e400}]}}', 'a.b[1].c', '-1e400'],
    ['1E+309', '', '1E+309'],
    ['[1, 2 , 1e0400]', '[2]', '1e0400'],
    ['{"a":"1e400","b" : 2e308}', 'b', '2e308'],
    ['{"k\\"e.y":1e400}', 'k"e.y', '1e400'],
  ])('finds the number in %s', (text, path, literal) => {
    expect(hasOutOfRangeNumber(JSON.parse(text))).toBe(true);
    expect(findOutOfRangeNumber(text)).toEqual({ path, literal });
  });

  it('finds a number written with more digits than a double can reach, shortened', () => {
    const digits = '9'.repeat(400);
    const found = findOutOfRangeNumber(`{"n":${digits}}`);
    expect(found).toEqual({ path: 'n', literal: `${'9'.repeat(16)}…${'9'.repeat(16)} (400 characters)` });
  });

  it.each([
    '{"a":1e308,"b":-1.7976931348623157e308,"c":1e-400,"d":12345678901234567890123}',
    '{"s":"1e400 in a string","t":["\\"", 1e10]}',
    `{"n":0.${'0'.repeat(300)}1e300}`,
  ])('finds nothing in %s', (text) => {
    expect(hasOutOfRangeNumber(JSON.parse(text))).toBe(false);
    expect(findOutOfRangeNumber(text)).toBeNull();
  });
});
