import { describe, expect, it } from '@jest/globals';
import { parseJsonWithLocation } from '@gatehouse/schemas';
import { IngestJsonStream, type IngestJsonResult } from './ingest-json-stream.js';

type Seen = { value: unknown; text: string; depth: number; unicodeEscape: boolean };

/** Reads `text` in pieces of `size` characters; returns the outcome and the records handed over. */
function read(text: string, size: number): { result: IngestJsonResult; records: Seen[]; replaced: number } {
  const records: Seen[] = [];
  let replaced = 0;
  const stream = new IngestJsonStream({
    record: (value, recordText, depth, unicodeEscape) => records.push({ value, text: recordText, depth, unicodeEscape }),
    dataReplaced: () => {
      replaced++;
      records.length = 0;
    },
  });
  for (let i = 0; i < text.length; i += size) stream.write(text.slice(i, i + size));
  return { result: stream.end(), records, replaced };
}

const SIZES = [1, 2, 3, 5, 64, Number.MAX_SAFE_INTEGER];

const VALID = [
  '{"data":[]}',
  '{"data":[{"id":"a"},{"id":"b","tags":["x",{"y":[1,2]}]}]}',
  '\ufeff{"data":[1, -2.5e+3, true, false, null, "s", [], {}]}',
  '{\r\n  "meta": {"v": [1, {"w": "]}\\""}]},\r\n  "data": [\r\n    {"id": "é😀", "n": "\\u00e9"}\r\n  ],\r\n  "tail": [[1], [2]]\r\n}',
  '{"data":[1],"data":[2,3]}',
  '{"data":[1],"data":5}',
  '{"records":[{"id":"a"}],"3":1,"b":2,"1":0,"__proto__":{}}',
  '[{"id":"a"}]',
  ' "text" ',
  '42',
  'null',
  '{}',
];

const INVALID = [
  '',
  '  \n ',
  '{',
  '{"data":[',
  '{"data":[1',
  '{"data":[1,]}',
  '{"data":[,1]}',
  '{"data":[1 2]}',
  '{"data":[{"a":1]}]}',
  '{"data":[{"a":"x}]}',
  '{"data":[{"a":"\\u00zz"}]}',
  '{"data":[True]}',
  '{"data":[1_000]}',
  '{"data":[01]}',
  '{"data":[\'a\']}',
  '{"data":[]} x',
  '{"data" [1]}',
  '{"a":1,}',
  '{"a":1 "b":2}',
  '{"a"}',
  '// comment\n{"data":[]}',
  '{"data":["a\nb"]}',
  '{"data":["a\\',
  '{\n  "data": [\n    {"id": "emp_1"}\n    {"id": "emp_2"}\n  ]\n}',
  '{"x":{"é😀":[1,}]},"data":[]}',
];

describe('IngestJsonStream', () => {
  it.each(VALID)('reads %j as JSON.parse does, however it is split', (text) => {
    const parsed = parseJsonWithLocation(text);
    if (!parsed.ok) throw new Error('test document is not valid');
    const body = parsed.value as { data?: unknown } | null;
    const data = body !== null && typeof body === 'object' && !Array.isArray(body) ? body.data : undefined;
    for (const size of SIZES) {
      const { result, records } = read(text, size);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.dataIsArray).toBe(Array.isArray(data));
      expect(records.map((r) => r.value)).toEqual(Array.isArray(data) ? data : []);
      if (body !== null && typeof body === 'object' && !Array.isArray(body)) expect(Object.keys(result.body as object)).toEqual(Object.keys(body));
      else if (Array.isArray(body)) expect(result.body).toEqual([]);
      else expect(result.body).toEqual(body);
    }
  });

  it.each(INVALID)('locates the syntax error of %j exactly as parseJsonWithLocation does, however it is split', (text) => {
    const parsed = parseJsonWithLocation(text);
    if (parsed.ok) throw new Error('test document is valid');
    for (const size of SIZES) {
      const { result } = read(text, size);
      expect(result).toEqual({ ok: false, problem: { ...parsed.error, offset: expect.any(Number) } });
    }
  });

  it('tells how deeply each record nests and whether it has a \\u escape', () => {
    const { records } = read('{"data":[{"a":[[1]]}, "x", 5, {"s":"\\u0041","t":"\\\\u0000"}, {"u":"\\\\"}]}', 3);
    expect(records.map((r) => [r.depth, r.unicodeEscape])).toEqual([
      [3, false],
      [0, false],
      [0, false],
      [1, true],
      [1, false],
    ]);
    expect(records[3]!.text).toBe('{"s":"\\u0041","t":"\\\\u0000"}');
  });

  it('says when a later "data" replaces an earlier one', () => {
    const { records, replaced } = read('{"data":[1,2],"other":[3],"data":[4]}', 4);
    expect(replaced).toBe(1);
    expect(records.map((r) => r.value)).toEqual([4]);
  });

  it('reads very deep nesting without overflowing', () => {
    const deep = `{"data":[{"id":"x","extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`;
    const { result, records } = read(deep, 65536);
    expect(result.ok).toBe(true);
    expect(records[0]!.depth).toBe(100_001);
  });
});
