import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { createApiKey, createIntegration, EMPLOYEES_MONITORING, push } from './support/ingest.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

// Evidence is read back exactly as it was pushed: the text of each record, byte for byte,
// whatever JSON.parse or jsonb would make of its numbers, key order, escapes and whitespace.

/** Records as an integration sends them: each string is one record's JSON text, sent verbatim. */
const SENT = [
  '{"id":"e1","big":12345678901234567890,"f":1.0,"g":1.50,"h":1e2,"i":1E-7,"z":-0,"neg":-9007199254740993}',
  '{ "zeta" : {"b":2,"a":1}, "id":"e2",\n    "alpha": [ 1.0 , {"y":null,"x":true} ],\t"tiny":1e-400 }',
  '{"id":"e3","s":"\\u00e9","t":"é","esc":"a\\/b\\"c\\\\d\\ttab","pair":"\\ud83d\\ude00","emoji":"😀"}',
  '{"id":"e4","huge":123456789012345678901234567890.123456789e-5,"dup":1,"dup":2,"nested":{"k":{"j":[[],{}]}}}',
];
/** The body, with whitespace of its own between the records (that is not part of any record). */
const BODY = `{"data": [\n  ${SENT[0]},\n\t${SENT[1]} , ${SENT[2]},${SENT[3]}\n]}`;

type Page = { submissionId: string | null; total: number; items: { index: number; data: unknown; json: string }[] };

describe('POST /external/v2/integration/:id/context/:contextKey, then GET …/records: evidence as sent', () => {
  let t: TestApp;
  let a: Admin;
  let key: string;
  let integrationId: string;
  const records = (query = '') => a.get(`/api/integrations/${integrationId}/contexts/list_employees/records${query}`);
  const recordRows = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM ingest_records`))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    a = await signUpAdmin(t, { companyName: 'Alpha Ltd' });
    key = (await createApiKey(a)).key;
    integrationId = await createIntegration(a, [EMPLOYEES_MONITORING]);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Each record's text in the response, compared as bytes with what was sent. */
  async function expectReadBackAsSent(submissionId: string): Promise<void> {
    const res = await records(`?submission=${submissionId}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const page = JSON.parse(res.text) as Page;
    expect(page.total).toBe(SENT.length);
    expect(page.items.map((i) => i.index)).toEqual([0, 1, 2, 3]);
    page.items.forEach((item, i) => {
      expect(Buffer.from(item.json, 'utf8').equals(Buffer.from(SENT[i]!, 'utf8'))).toBe(true);
      expect(item.json).toBe(SENT[i]);
      // `data` is the same text spliced into the response, not a re-serialisation of it.
      expect(res.text).toContain(`{"index":${i},"data":${SENT[i]},"json":`);
    });
  }

  it('returns each record byte for byte as it was sent: numbers, key order, escapes, whitespace', async () => {
    const pushed = await push(t, key, integrationId, 'list_employees', BODY).expect(200);
    expect(pushed.body.accepted).toBe(4);
    await expectReadBackAsSent(pushed.body.submissionId);
  });

  it('does the same for a gzip-compressed body', async () => {
    const pushed = await push(t, key, integrationId, 'list_employees', gzipSync(Buffer.from(BODY)), { 'Content-Encoding': 'gzip' }).expect(200);
    await expectReadBackAsSent(pushed.body.submissionId);
  });

  it('keeps every record as sent in a submission written in several batches', async () => {
    // Past one batch (5,000 records): written while the body arrives on a server.
    const sent = Array.from({ length: 5003 }, (_, i) => `{"id":"r${i}", "n":${i}.0, "big":1${String(i).padStart(20, '0')}}`);
    const pushed = await push(t, key, integrationId, 'list_employees', `{"data":[${sent.join(',')}]}`).expect(200);
    expect(pushed.body.accepted).toBe(5003);
    for (const page of [1, 26, 51]) {
      const res = await records(`?page=${page}&pageSize=100`).expect(200);
      const items = (JSON.parse(res.text) as Page).items;
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(item.json).toBe(sent[item.index]);
    }
  });

  const outOfRange = (literal: string) => `the number ${literal} is outside the range a JSON number can be checked in (about ±1.8e308); send it as a string`;
  it.each([
    ['1e400', '{"id":"x","e":1e400}', 'e', outOfRange('1e400')],
    ['-1e400, nested', '{"id":"x","m":{"list":[1,-1e400]}}', 'm.list[1]', outOfRange('-1e400')],
    // JavaScript reads it as 0, but the jsonb copy cannot hold it.
    [
      '1e-16384, more decimals than the database stores',
      '{"id":"x","t":1e-16384}',
      't',
      'the number 1e-16384 has more than 16383 digits after the decimal point once its exponent is applied, more than can be stored; send it as a string',
    ],
  ])('refuses a number that cannot be checked or stored (%s), naming the record and path; nothing is stored', async (_what, record, path, message) => {
    const before = await recordRows();
    const latest = (JSON.parse((await records()).text) as Page).submissionId;
    const res = await push(t, key, integrationId, 'list_employees', `{"data":[${SENT[0]},${record}]}`).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toBe(`1 problem in 2 records; nothing was stored. First: data[1].${path}: ${message}`);
    expect(res.body.errors).toEqual([{ index: 1, path, message }]);
    expect(res.body.details).toEqual([{ path: `data[1].${path}`, message }]);
    expect(await recordRows()).toBe(before);
    expect((JSON.parse((await records()).text) as Page).submissionId).toBe(latest);
  });

  it('reads records stored before their text was kept from the stored copy', async () => {
    const pushed = await push(t, key, integrationId, 'list_employees', '{"data":[{"id":"old","f":1.0}]}').expect(200);
    await t.dataSource.query(`UPDATE ingest_records SET raw_json = NULL WHERE submission_id = $1`, [pushed.body.submissionId]);
    const page = JSON.parse((await records(`?submission=${pushed.body.submissionId}`).expect(200)).text) as Page;
    expect(page.items).toEqual([{ index: 0, data: { id: 'old', f: 1.0 }, json: '{"f": 1.0, "id": "old"}' }]);
  });
});
