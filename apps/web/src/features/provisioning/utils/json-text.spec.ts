import { describe, expect, it } from '@jest/globals';
import { describeSyntaxError, findJsonSyntaxError, parseJsonObject, parseJsonText, sameJsonValue } from './json-text';

describe('findJsonSyntaxError', () => {
  it('accepts everything JSON.parse accepts', () => {
    for (const text of ['{}', '[]', '0', '-1.5e+3', '"a\\n\\u00e9"', ' {"a": [1, {"b": null}], "c": true, "d": false} ', '[[], {}]']) {
      expect(findJsonSyntaxError(text)).toBeNull();
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it.each([
    ['{"a":}', 5, 'Unexpected "}": a value is expected'],
    ['{"a": 1,}', 8, 'Trailing comma before "}"'],
    ['[1,]', 3, 'Trailing comma before "]"'],
    ['{"a": 1 "b": 2}', 8, 'Expected "," or "}" after a property value, found a string (is a comma missing?)'],
    ["{'a': 1}", 1, `Expected a property name in double quotes, found "'"`],
    ['{"a": POST}', 6, 'Unexpected word POST: strings need double quotes'],
    ['{"a": "x', 6, 'Unterminated string: a closing " is missing'],
    ['{"a": 1', 7, 'Unexpected end of the text: "}" is missing'],
    ['{"a" 1}', 5, 'Expected ":" after the property name, found "1"'],
    ['{} {}', 3, 'Unexpected "{" after the end of the JSON value'],
    ['"a\\x"', 2, 'Invalid escape \\x in a string'],
    ['01', 1, 'Unexpected "1" after the end of the JSON value'],
    ['', 0, 'Unexpected end of the text: a value is expected'],
  ])('%s fails at %i', (text, offset, message) => {
    expect(findJsonSyntaxError(text)).toEqual({ offset, message });
    expect(() => JSON.parse(text)).toThrow();
  });

  it('refuses a raw line break inside a string, as JSON.parse does', () => {
    expect(findJsonSyntaxError('{"a": "x\ny"}')?.offset).toBe(8);
  });
});

describe('parseJsonObject', () => {
  it('gives the value of an object', () => {
    expect(parseJsonObject('{"create_user": true}')).toEqual({ ok: true, value: { create_user: true } });
  });

  it('names the line and column of a syntax error', () => {
    const result = parseJsonObject('{\n  "create_user": true,\n  "get_user": tru\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ line: 3, column: 15 });
    expect(describeSyntaxError(result.error)).toBe('Line 3, column 15: Unexpected word tru: strings need double quotes');
  });

  it('refuses empty text and values that are not objects', () => {
    expect(parseJsonObject('  ')).toMatchObject({ ok: false, error: { message: 'Empty: write a JSON object, e.g. {}' } });
    expect(parseJsonObject(' [1]')).toMatchObject({ ok: false, error: { message: 'Must be a JSON object: { … }', offset: 1 } });
    expect(parseJsonText('[1]')).toEqual({ ok: true, value: [1] });
  });
});

describe('sameJsonValue', () => {
  it('ignores key order and formatting but not values', () => {
    expect(sameJsonValue({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameJsonValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJsonValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });
});
