import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiKey, createIntegration, EMPLOYEES_MONITORING, employees, ingestPath, push } from './support/ingest.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

// Short, so the file stays fast; the mechanism is the production one.
const IDLE_SECONDS = 3;
const IDLE_MS = IDLE_SECONDS * 1000;
/** Pushes one company leaves hanging at once, as in the field: as many as the default pool (10) has stream slots. */
const STALLED = 5;
/** Records in a push large enough to be written while it arrives (2.4 MB, several 512 kB batches). */
const LARGE = 6000;

type Answer = { status: number; body: Record<string, unknown>; at: number };
type Stalled = { sent: Promise<number>; answer: Promise<Answer>; answered: () => boolean; close: () => void };

/**
 * A push that sends the start of a large body (more than one batch, so the server starts
 * writing it) on its own connection, declares the full length, then sends nothing more.
 * `sent` resolves with the time its last byte was handed to the socket.
 */
function stalledPush(t: TestApp, key: string, integrationId: string): Stalled {
  const start = `{"data":[${employees(2000)
    .map((r) => JSON.stringify(r))
    .join(',')},`;
  const req = http.request(`${t.baseUrl}${ingestPath(integrationId, 'list_employees')}`, {
    method: 'POST',
    agent: false,
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(start) * 2), 'x-api-key': key },
  });
  let done = false;
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        done = true;
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown>, at: Date.now() });
      });
    });
    req.on('error', (err) => {
      if (!done) reject(err);
    });
  });
  const sent = new Promise<number>((resolve) => req.write(start, () => resolve(Date.now())));
  // Closed by the test after a failure, a connection has no answer that anyone awaits.
  answer.catch(() => {});
  return { sent, answer, answered: () => done, close: () => req.destroy() };
}

async function stored(t: TestApp, integrationId: string) {
  const [row] = await t.dataSource.query(
    `SELECT (SELECT count(*)::int FROM ingest_submissions WHERE integration_id = $1 AND status = 'accepted') AS accepted,
            (SELECT count(*)::int FROM ingest_submissions WHERE integration_id = $1 AND status = 'refused') AS refused,
            (SELECT count(*)::int FROM ingest_records WHERE integration_id = $1) AS records`,
    [integrationId],
  );
  return row as { accepted: number; refused: number; records: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The answer, or null if there is none within `ms` (a push kept waiting fails the test, not the run). */
function within<T>(ms: number, answer: PromiseLike<T>): Promise<T | null> {
  let timer!: NodeJS.Timeout;
  return Promise.race([Promise.resolve(answer).finally(() => clearTimeout(timer)), new Promise<null>((r) => (timer = setTimeout(() => r(null), ms)))]);
}

describe('POST /external/v2/integration/:integrationId/context/:contextKey with a body that stops arriving', () => {
  let t: TestApp;
  let a: Admin;
  let keyA: string;
  let keyB: string;
  let integrationB: string;
  let largeBody: Buffer;
  const open: Stalled[] = [];

  /** Connections of this database inside a transaction (on a server): pushes holding a stream slot. */
  const inTransaction = async (): Promise<number> => {
    const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`);
    return (row as { n: number }).n;
  };

  beforeAll(async () => {
    t = await startTestApp({ INGEST_IDLE_TIMEOUT_SECONDS: String(IDLE_SECONDS) });
    a = await signUpAdmin(t, { companyName: 'Alpha Ltd' });
    const b = await signUpAdmin(t, { companyName: 'Beta GmbH' });
    keyA = (await createApiKey(a)).key;
    keyB = (await createApiKey(b)).key;
    integrationB = await createIntegration(b, [EMPLOYEES_MONITORING]);
    largeBody = Buffer.from(JSON.stringify({ data: employees(LARGE) }));
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t.close();
  });

  const integrationOfA = (name: string) => createIntegration(a, [EMPLOYEES_MONITORING], name);

  it('answers 408 once nothing has arrived for the idle timeout, and stores nothing', async () => {
    const target = await integrationOfA('Stalls once');
    const stall = stalledPush(t, keyA, target);
    open.push(stall);
    const sentAt = await stall.sent;
    const res = await stall.answer;

    expect(res.status).toBe(408);
    expect(res.body).toMatchObject({
      statusCode: 408,
      error: 'Request Timeout',
      code: 'REQUEST_TIMEOUT',
      message: expect.stringMatching(/^No data arrived for 3 seconds .*the push was not stored\. Send the whole body without pauses \(build it before sending, not while sending\), then retry\./),
      idleTimeoutSeconds: IDLE_SECONDS,
    });
    const waited = res.at - sentAt;
    expect(waited).toBeGreaterThanOrEqual(IDLE_MS - 100);
    expect(waited).toBeLessThan(IDLE_MS + 1500);
    // Rolled back; the refusal is in the history like any other.
    expect(await stored(t, target)).toEqual({ accepted: 0, refused: 1, records: 0 });
    const [refusal] = await t.dataSource.query(`SELECT first_errors FROM ingest_submissions WHERE integration_id = $1`, [target]);
    expect((refusal as { first_errors: { message: string }[] }).first_errors[0]!.message).toMatch(/^No data arrived for 3 seconds/);
    if (!t.db.embedded) expect(await inTransaction()).toBe(0);
  });

  it("keeps another company's large push moving while one company's pushes hang, and frees their slots with the 408", async () => {
    const target = await integrationOfA('Stalls five times');
    const stalls = Array.from({ length: STALLED }, () => stalledPush(t, keyA, target));
    open.push(...stalls);
    const sentAt = await Promise.all(stalls.map((s) => s.sent));
    if (t.db.embedded) {
      // One connection, so no stream slots: each push is kept until its end and holds no
      // connection while it hangs. What applies here is the 408 and that B is not held up.
      await sleep(300);
    } else {
      for (let i = 0; i < 50 && (await inTransaction()) < 2; i++) await sleep(50);
      await sleep(300);
    }

    const res = await within(IDLE_MS, push(t, keyB, integrationB, 'list_employees', largeBody));
    expect(res?.status).toBe(200);
    expect(res?.body.accepted).toBe(LARGE);
    // Not queued behind the hanging pushes: answered before any of them timed out.
    expect(stalls.map((s) => s.answered())).toEqual(Array(STALLED).fill(false));
    // Company A holds at most half of the pool's five stream slots; its other pushes wait.
    if (!t.db.embedded) expect(await inTransaction()).toBe(2);

    // Each hanging push gets its 408 once nothing has arrived for the idle timeout while the
    // server was ready to read (a wait for one of company A's slots does not count).
    const answers = await Promise.all(stalls.map((s) => s.answer));
    expect(answers.map((a) => a.status)).toEqual(Array(STALLED).fill(408));
    for (const [i, answer] of answers.entries()) expect(answer.at - sentAt[i]!).toBeGreaterThanOrEqual(IDLE_MS - 100);
    expect(await stored(t, target)).toMatchObject({ accepted: 0, records: 0 });
    if (!t.db.embedded) expect(await inTransaction()).toBe(0);

    // The slots are free again: company A's own next large push streams at once.
    const next = await within(2 * IDLE_MS, push(t, keyA, target, 'list_employees', largeBody));
    expect(next?.status).toBe(200);
    expect(await stored(t, target)).toMatchObject({ accepted: 1, records: LARGE });
  });
});
