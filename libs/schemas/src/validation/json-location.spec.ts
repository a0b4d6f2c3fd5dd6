import { describe, expect, it } from '@jest/globals';

import { findJsonSyntaxError, jsonSyntaxProblemAt, parseJsonWithLocation } from '../index.js';

describe('parseJsonWithLocation', () => {
  it('returns the value of valid JSON, ignoring a byte-order mark', () => {
    expect(parseJsonWithLocation('\uFEFF{"data": [1, "two", null, true, -1.5e3]}')).toEqual({
      ok: true,
      value: { data: [1, 'two', null, true, -1500] },
    });
  });

  it.each([
    ['', 1, 1, 'the file is empty'],
    ['  \n ', 1, 1, 'the file contains only whitespace'],
    ['{"data": [ {"id": "a",} ]}', 1, 23, 'a trailing comma before "}" is not allowed in JSON'],
    ['{"data": [1,\n2,\n]}', 3, 1, 'a trailing comma before "]" is not allowed in JSON'],
    ['{\n  "data": [\n    {"id": "a"}\n    {"id": "b"}\n  ]\n}', 4, 5, 'expected "," or "]" after an array item but found "{" (is a comma missing?)'],
    ['{\n  "id": "a"\n  "email": "b"\n}', 3, 3, 'expected "," or "}" after a property value but found "\\"" (is a comma missing?)'],
    ["{'data': []}", 1, 2, `expected a property name in double quotes but found "'" (use double quotes, not single quotes)`],
    ['{"data": [\'a\']}', 1, 11, 'strings must use double quotes, not single quotes'],
    ['{data: []}', 1, 2, 'expected a property name in double quotes but found "d"'],
    ['{"data" []}', 1, 9, 'expected ":" after the property name "data" but found "["'],
    ['{"data": [True]}', 1, 11, '"True" is not a JSON value (use lowercase true, false or null)'],
    ['{"data": [undefined]}', 1, 11, 'unexpected word "undefined" (text values must be in double quotes)'],
    ['{"data": [01]}', 1, 11, '"01" is not a valid JSON number'],
    ['{"data": [1.]}', 1, 11, '"1." is not a valid JSON number'],
    ['{"data": ["a\nb"]}', 1, 13, 'a string is not closed before the end of the line (missing ")'],
    ['{"data": ["a\\qb"]}', 1, 13, 'invalid escape "\\q" in a string (write a backslash as "\\\\")'],
    ['{"data": ["abc', 1, 11, 'this string is never closed (missing ")'],
    ['{"data": [\n  {"id": "a"}\n', 3, 1, 'the file ends before the closing "]"'],
    ['{"data": []', 1, 12, 'the file ends before the closing "}"'],
    ['{"data": []}\n}', 2, 1, 'unexpected "}" after the end of the JSON document'],
    ['{"data": [] // records\n}', 1, 13, 'comments are not allowed in JSON'],
    ['{"data": [,]}', 1, 11, 'expected a value but found ","'],
  ])('%j → line %i, column %i', (text, line, column, reason) => {
    const result = parseJsonWithLocation(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ line, column, reason });
    expect(result.error.message).toBe(`Invalid JSON at line ${line}, column ${column}: ${reason}.`);
  });

  it('counts columns after Windows line endings', () => {
    const result = parseJsonWithLocation('{\r\n  "data": [\r\n    x\r\n  ]\r\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ line: 3, column: 5 });
  });

  it('handles very deep nesting without overflowing the stack', () => {
    const text = '['.repeat(200_000);
    const result = parseJsonWithLocation(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe('the file ends before the closing "]"');
  });
});

describe('findJsonSyntaxError', () => {
  it.each(['{}', '[]', '"x"', '0', '-0.5E+2', 'null', ' {"a": {"b": [1, {"c": "\\u00e9\\n"}]}} ', '{"": ""}'])(
    'agrees with JSON.parse that %j is valid',
    (text) => {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonSyntaxError(text)).toBeNull();
    },
  );
});

describe('findJsonSyntaxError from a position inside a document', () => {
  // Scanning the rest of a document from a known state finds what a scan of the whole finds.
  it.each([
    ['{"data": [1, 2', '{"data": [', { open: ['{', '['] as const, expect: 'valueOrClose' as const }],
    ['{"data": [1, }', '{"data": [1, ', { open: ['{', '['] as const, expect: 'value' as const, afterComma: true }],
    ['{"data": [1] "x": 2}', '{"data": [1]', { open: ['{'] as const, expect: 'afterValue' as const }],
    ['{"a": 1, "b" 2}', '{"a": 1, ', { open: ['{'] as const, expect: 'key' as const }],
    ['{"data": []} x', '{"data": []}', { open: [] as const, expect: 'afterValue' as const }],
  ])('finds the error of %j', (whole, prefix, from) => {
    const expected = findJsonSyntaxError(whole)!;
    expect(findJsonSyntaxError(whole.slice(prefix.length), { ...from, open: [...from.open] })).toEqual({ ...expected, offset: expected.offset - prefix.length });
  });

  it('finds nothing when the rest completes the document', () => {
    expect(findJsonSyntaxError('2, 3]}', { open: ['{', '['], expect: 'value', afterComma: true })).toBeNull();
  });
});

describe('jsonSyntaxProblemAt', () => {
  it('locates a problem in a part of a document by the line and column the part starts at', () => {
    const whole = '{\n  "data": [1,\n  x]}';
    const at = whole.indexOf('x');
    const part = whole.slice(10);
    expect(jsonSyntaxProblemAt(part, at - 10, 'why', { line: 2, column: 9 })).toMatchObject({ line: 3, column: 3, message: 'Invalid JSON at line 3, column 3: why.' });
    expect(jsonSyntaxProblemAt(whole, at, 'why')).toMatchObject({ line: 3, column: 3 });
    expect(jsonSyntaxProblemAt('  x', 2, 'why', { line: 4, column: 7 })).toMatchObject({ line: 4, column: 9 });
  });
});
