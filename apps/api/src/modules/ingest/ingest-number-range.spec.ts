import { describe, expect, it } from '@jest/globals';
import { findUnusableNumber, hasOutOfRangeNumber, numberProblem } from './ingest-number-range.js';

const RANGE = (literal: string) => `the number ${literal} is outside the range a JSON number can be checked in (about ±1.8e308); send it as a string`;

describe('findUnusableNumber', () => {
  it.each([
    ['{"a":1e400}', 'a', '1e400'],
    ['{"a":{"b":[0,{"c":-1e400}]}}', 'a.b[1].c', '-1e400'],
    ['1E+309', '', '1E+309'],
    ['[1, 2 , 1e0400]', '[2]', '1e0400'],
    ['{"a":"1e400","b" : 2e308}', 'b', '2e308'],
    // A later repetition of the key replaces it when parsed, but the stored text holds it.
    ['{"a":1e999,"a":1}', 'a', '1e999'],
    ['{"k\\"e.y":1e400}', 'k"e.y', '1e400'],
  ])('finds the number beyond the double range in %s', (text, path, literal) => {
    expect(findUnusableNumber(text)).toEqual({ path, message: RANGE(literal) });
  });

  it('finds a number written with more digits than a double can reach, shortened', () => {
    const digits = '9'.repeat(400);
    expect(hasOutOfRangeNumber(JSON.parse(`{"n":${digits}}`))).toBe(true);
    expect(findUnusableNumber(`{"n":${digits}}`)).toEqual({ path: 'n', message: RANGE(`${'9'.repeat(16)}…${'9'.repeat(16)} (400 characters)`) });
  });

  it.each([
    ['1e-16384', 'more than 16383 digits after the decimal point'],
    ['0e-99999', 'more than 16383 digits after the decimal point'],
    ['1.5e-16383', 'more than 16383 digits after the decimal point'],
    [`0.${'1'.repeat(16384)}`, 'more than 16383 digits after the decimal point'],
    ['0e2000000000', 'an exponent too large to be stored'],
  ])('finds a number JavaScript reads but the database cannot store: %s', (literal, why) => {
    const found = findUnusableNumber(`{"id":"a","t":[${literal}]}`);
    expect(found!.path).toBe('t[0]');
    expect(found!.message).toContain(why);
  });

  it.each([
    '{"a":1e308,"b":-1.7976931348623157e308,"c":1e-400,"d":12345678901234567890123,"e":1e-16383,"f":1.5e-16382}',
    '{"s":"1e400 in a string","t":["\\"", 1e10, true, false, null]}',
    `{"n":0.${'0'.repeat(300)}1e300}`,
    `{"n":0.${'1'.repeat(16383)}}`,
  ])('finds nothing in %s', (text) => {
    expect(hasOutOfRangeNumber(JSON.parse(text))).toBe(false);
    expect(findUnusableNumber(text)).toBeNull();
  });
});

describe('numberProblem', () => {
  it('accepts what a double and the database both take, however it is written', () => {
    for (const literal of ['0', '-0', '1.0', '1.50', '1e2', '1E-7', '12345678901234567890', '-9007199254740993', '1e-400']) expect(numberProblem(literal)).toBeNull();
  });
});
