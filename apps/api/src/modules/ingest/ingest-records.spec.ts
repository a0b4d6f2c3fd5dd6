import { describe, expect, it } from '@jest/globals';
import { getRecordValidator } from '@gatehouse/schemas';
import { IngestJsonStream } from './ingest-json-stream.js';
import { IngestRecords, RecordBatchBuilder, type RecordBatchSink } from './ingest-records.js';
import { IngestRefusal } from './ingest.errors.js';

/** The records of a batch: the JSON text of an array (json's binary form). */
function recordsOf(batch: Buffer): unknown[] {
  return JSON.parse(batch.toString('utf8')) as unknown[];
}

class Sink implements RecordBatchSink {
  batches: { start: number; records: unknown[] }[] = [];
  discarded = 0;
  resets = 0;
  add(batch: Buffer, start: number, done: () => void) {
    this.batches.push({ start, records: recordsOf(batch) });
    done();
  }
  discard() {
    this.discarded++;
  }
  reset() {
    this.resets++;
    this.batches = [];
  }
}

/** Reads `text` through the JSON stream into IngestRecords (employees, batches of 2). */
function check(text: string) {
  const sink = new Sink();
  const records = new IngestRecords(getRecordValidator('list_employees'), sink, 2);
  const stream = new IngestJsonStream(records);
  stream.write(text);
  return { refusal: records.refusal(stream.end()), sink, records };
}

describe('IngestRecords', () => {
  it('passes the records on in batches, holding a full batch until the next record arrives', () => {
    const { refusal, sink, records } = check('{"data":[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d"},{"id":"e"}]}');
    expect(refusal).toBeNull();
    expect(sink.batches).toEqual([
      { start: 0, records: [{ id: 'a' }, { id: 'b' }] },
      { start: 2, records: [{ id: 'c' }, { id: 'd' }] },
    ]);
    expect(records.rest().start).toBe(4);
    expect(recordsOf(records.rest().batch)).toEqual([{ id: 'e' }]);
    expect(records.recordCount).toBe(5);
  });

  it('stops passing records on at the first problem, and counts every problem to the end', () => {
    const { refusal, sink } = check('{"data":[{"id":"a"},{"id":"b"},{"id":"c"},{"id":1},{"id":"e"},{"id":"a"}]}');
    expect(sink.discarded).toBe(1);
    expect(sink.batches).toEqual([{ start: 0, records: [{ id: 'a' }, { id: 'b' }] }]);
    expect(refusal).toBeInstanceOf(IngestRefusal);
    expect(refusal!.errorCount).toBe(2);
    expect(refusal!.recordCount).toBe(6);
    expect(refusal!.errors.map((e) => [e.index, e.path])).toEqual([
      [3, 'id'],
      [5, 'id'],
    ]);
  });

  it('refuses a record nested too deeply by index, before any other problem', () => {
    const { refusal } = check(`{"data":[{"id":1},{"id":"a","m":"\\u0000"},{"id":"x","extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`);
    expect(refusal!.message).toBe('data[2] is nested more than 32 levels deep; nothing was stored.');
    expect(refusal!.errors).toEqual([{ index: 2, path: '', message: 'is nested more than 32 levels deep' }]);
    expect(refusal!.recordCount).toBe(3);
  });

  it.each([
    ['a NUL in a value', '{"id":"a","name":"x\\u0000y"}', 'name'],
    ['an unpaired surrogate in an array', '{"id":"a","tags":["ok","\\ud800"]}', 'tags[1]'],
    ['a NUL in a key', '{"id":"a","ma\\u0000p":{"k":1}}', 'ma\u0000p'],
  ])('refuses %s (the database cannot store it), naming the record and field', (_what, record, path) => {
    const { refusal } = check(`{"data":[{"id":1},${record}]}`);
    expect(refusal!.errors).toEqual([{ index: 1, path, message: expect.stringMatching(/NUL character/) }]);
  });

  it('accepts paired surrogates and an escaped backslash before u0000', () => {
    const { refusal, records } = check('{"data":[{"id":"\\ud83d\\ude00","manager":"C:\\\\u0000"}]}');
    expect(refusal).toBeNull();
    expect(recordsOf(records.rest().batch)).toEqual([{ id: '😀', manager: 'C:\\u0000' }]);
  });

  it("passes each record on as its text was sent, whitespace inside it included", () => {
    const sent = ['{"id":"a","n":12345678901234567890,"f":1.0}', '{ "z": 1E-7,\n  "id" : "b", "s": "\\u00e9é" }'];
    const { refusal, records } = check(`{"data": [ ${sent[0]} ,\n${sent[1]}]}`);
    expect(refusal).toBeNull();
    expect(records.rest().batch.toString('utf8')).toBe(`[${sent.join(',')}]`);
  });

  it.each([
    ['1e400', '{"id":"a","e":1e400}', 'e', '1e400'],
    ['-1e400 in an array', '{"id":"a","tags":[1,-1E+400]}', 'tags[1]', '-1E+400'],
  ])('refuses a number beyond the range of a double (%s), naming the record and field', (_what, record, path, literal) => {
    const { refusal, sink } = check(`{"data":[{"id":"x"},${record},{"id":5}]}`);
    expect(sink.discarded).toBe(1);
    expect(refusal!.errors).toEqual([{ index: 1, path, message: `the number ${literal} is outside the range a JSON number can be checked in (about ±1.8e308); send it as a string` }]);
    expect(refusal!.message).toBe(`1 problem in 3 records; nothing was stored. First: data[1].${path}: ${refusal!.errors[0]!.message}`);
  });

  it.each([
    ['an exponent', '{"id":"a","t":[true,1e-16384]}', 't[1]'],
    ['a long decimal', `{"id":"a","t":0.${'5'.repeat(16384)}}`, 't'],
    ['an exponent split between two writes', '{"id":"a","t":0e-99999}', 't'],
  ])('refuses a number the database cannot store (%s), though JavaScript reads it as a number', (_what, record, path) => {
    const sink = new Sink();
    const records = new IngestRecords(getRecordValidator('list_employees'), sink, 2);
    const stream = new IngestJsonStream(records);
    const body = `{"data":[${record}]}`;
    // Split just after the digit before the "e", so the scanner sees the "e" at the start of a write.
    const at = body.indexOf('e-') > 0 ? body.indexOf('e-') : body.length;
    stream.write(body.slice(0, at));
    stream.write(body.slice(at));
    const refusal = records.refusal(stream.end());
    expect(sink.discarded).toBe(1);
    expect(refusal!.errors).toEqual([{ index: 0, path, message: expect.stringMatching(/digits after the decimal point once its exponent is applied, more than can be stored; send it as a string$/) }]);
  });

  it('accepts integers beyond 2^53 and tiny exponents: checked as the nearest double, kept as sent', () => {
    const { refusal, records } = check('{"data":[{"id":"a","n":123456789012345678901234567890,"t":1e-400}]}');
    expect(refusal).toBeNull();
    expect(records.rest().batch.toString('utf8')).toBe('[{"id":"a","n":123456789012345678901234567890,"t":1e-400}]');
  });

  it('says where JSON syntax fails, by line and column', () => {
    const { refusal } = check('{\n  "data": [\n    {"id": "a"}\n    {"id": "b"}\n  ]\n}');
    expect(refusal!.message).toMatch(/^Invalid JSON at line 4, column 5: /);
    expect(refusal!.errors[0]).toMatchObject({ index: null, line: 4, column: 5 });
  });

  it('refuses a body without a "data" array, as the whole-body check does', () => {
    expect(check('{"records":[]}').refusal!.message).toMatch(/^The request body has no "data" field \(found "records"\)/);
    expect(check('[{"id":"a"}]').refusal!.message).toMatch(/^The request body is a bare array/);
    expect(check('{"data":[{"id":1}],"data":{"id":"a"}}').refusal!.message).toMatch(/^"data" must be an array of records, even for a single record/);
  });

  it('counts only the last "data" when the key is repeated', () => {
    const { refusal, sink, records } = check('{"data":[{"id":1},{"id":2},{"id":3}],"data":[{"id":"a"}]}');
    expect(refusal).toBeNull();
    expect(sink.resets).toBe(1);
    expect(records.recordCount).toBe(1);
  });
});

describe('RecordBatchBuilder', () => {
  it('passes a batch on when the next record has no room, reusing the buffers the sink is done with', () => {
    const seen: { start: number; records: unknown[]; buffer: ArrayBufferLike }[] = [];
    const held: (() => void)[] = [];
    const builder = new RecordBatchBuilder(
      {
        add: (batch, start, done) => {
          seen.push({ start, records: recordsOf(batch), buffer: batch.buffer });
          held.push(done);
        },
        discard: () => {},
        reset: () => {},
      },
      1000,
      undefined,
      200,
    );
    const record = (i: number) => JSON.stringify({ id: `emp_${i}`, note: 'é'.repeat(20) });
    for (let i = 0; i < 10; i++) {
      builder.add(record(i));
      // The sink is done with each batch once the next one arrives.
      if (held.length > 1) held.shift()!();
    }
    const rest = builder.rest();
    const all = [...seen.flatMap((s) => s.records), ...recordsOf(rest.batch)];
    expect(all).toEqual(Array.from({ length: 10 }, (_, i) => JSON.parse(record(i))));
    expect(seen.map((s) => s.start)).toEqual([0, 3, 6]);
    expect(rest.start).toBe(9);
    // Three batches were passed on, but at most two were held at once: two buffers in all.
    expect(new Set([...seen.map((s) => s.buffer), rest.batch.buffer]).size).toBeLessThanOrEqual(3);
  });

  it('makes room for a record larger than a batch', () => {
    const builder = new RecordBatchBuilder({ add: () => {}, discard: () => {}, reset: () => {} }, 1000, undefined, 100);
    const big = JSON.stringify({ id: 'x', note: 'y'.repeat(100_000) });
    builder.add(big);
    expect(recordsOf(builder.rest().batch)).toEqual([JSON.parse(big)]);
  });

  it('grows past a size hint that was too small', () => {
    const builder = new RecordBatchBuilder({ add: () => {}, discard: () => {}, reset: () => {} }, 1000, 5);
    for (let i = 0; i < 100; i++) builder.add(JSON.stringify({ id: `emp_${i}` }));
    expect(recordsOf(builder.rest().batch)).toHaveLength(100);
  });

  it('gives an empty batch when there are no records', () => {
    const builder = new RecordBatchBuilder({ add: () => {}, discard: () => {}, reset: () => {} }, 1000);
    expect(recordsOf(builder.rest().batch)).toEqual([]);
  });
});
