// Evidence ingest benchmark: end-to-end POSTs against the built API, next to the floor of the
// same work done directly (ajv validation alone + a bulk insert with pg), and many small posts
// in parallel, then the same small posts against a bare node:http + pg server doing the least an
// ingest endpoint must (bench/support/bare-ingest-server.mjs). Prints figures and targets; asserts nothing.
//
//   pnpm build && node bench/ingest.mjs
//   PRODUCT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"   (extra node flags for the API process, e.g. to profile it)
//   BENCH_DATABASE_URL=postgres://user@host:5432/db   (default postgres://postgres@127.0.0.1:5432/test)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { send, signUp, startProduct } from './support/product.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// pg belongs to the API package; the validation lib is used from its build, as the API uses it.
const pg = createRequire(join(root, 'apps/api/package.json'))('pg');
const { getContextSchema, getRecordValidator } = await import(pathToFileURL(join(root, 'libs/schemas/dist/index.js')).href);

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const SMALL_POST_RECORDS = 10;
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const BATCH = 5000;
const TARGETS = { floorRatio: 0.5, rssPerBody: 4, p99Ms: 50 };

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (n) => `${Math.round(n)} ms`;
const perSecond = (count, millis) => Math.round((count / millis) * 1000);

function employees(count, start = 0) {
  const out = new Array(count);
  for (let n = 0; n < count; n++) {
    const i = start + n;
    out[n] = {
      id: `emp_${String(i).padStart(7, '0')}`,
      employee_name: `Person ${i} Example`,
      first_name: 'Person',
      last_name: `Example${i}`,
      email: `person${i}@example.com`,
      job_title: i % 2 ? 'Senior Software Engineer' : 'Financial Analyst',
      department: i % 3 ? 'Engineering' : 'Finance',
      manager: 'Grace Hopper',
      hiring_date: '2022-03-15T00:00:00Z',
      termination_date: '2024-12-31T00:00:00Z',
      employment_type: 'Full-time',
      employment_status: i % 10 ? 'Active' : 'Terminated',
      employment_status_normalized: i % 10 ? 'active' : 'terminated',
      lifecycle_status: i % 10 ? 'employed' : 'offboarded',
    };
  }
  return out;
}

// --- database -------------------------------------------------------------------------------

async function createDatabase() {
  const name = `gh_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

// --- the API process ------------------------------------------------------------------------

const startApi = (databaseUrl) => startProduct(root, { DATABASE_URL: databaseUrl, INGEST_RATE_LIMIT_PER_MINUTE: '1000000' });

/** The bare ingest server (bench/support/bare-ingest-server.mjs) on the same database. */
function startBare(databaseUrl) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bench/support/bare-ingest-server.mjs')], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening (\d+)/.exec(out);
      if (match) resolve({ child, baseUrl: `http://127.0.0.1:${match[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}:\n${out}`)));
  });
}

function procStatus(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Resets the kernel's peak-RSS counter (VmHWM); falls back to sampling when not permitted. */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Runs `fn` while sampling the process's RSS every 5 ms; returns the peak seen. */
async function withPeakRss(pid, fn) {
  const reset = resetPeak(pid);
  let peak = procStatus(pid).rss;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, procStatus(pid).rss);
    } catch {
      /* process gone */
    }
  }, 5);
  try {
    const result = await fn();
    const status = procStatus(pid);
    return { result, peakRss: Math.max(peak, status.rss, reset ? status.hwm : 0) };
  } finally {
    clearInterval(timer);
  }
}

// --- set-up ---------------------------------------------------------------------------------

async function setUp(baseUrl) {
  const { admin } = await signUp(baseUrl);
  const key = await send(baseUrl, 'POST', '/api/api-keys', { headers: admin, body: { name: 'Bench', expiresAt: new Date(Date.now() + 86_400_000).toISOString() } });
  if (key.status !== 201) throw new Error(`api key: ${key.status} ${JSON.stringify(key.body)}`);
  const integration = await send(baseUrl, 'POST', '/api/integrations', { headers: admin, body: { name: 'Bench HR', monitoringIds: ['employee_onboarding_offboarding'] } });
  if (integration.status !== 201) throw new Error(`integration: ${integration.status} ${JSON.stringify(integration.body)}`);
  return { apiKey: key.body.key, integrationId: integration.body.id };
}

// --- floor: the same records validated and inserted directly --------------------------------

async function floorFor(databaseUrl, records) {
  const validator = getRecordValidator(getContextSchema('list_employees'));
  let t = performance.now();
  const result = validator.validateRecords(records);
  const validateMs = performance.now() - t;
  if (!result.valid) throw new Error('bench records are invalid');

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`
    CREATE TABLE IF NOT EXISTS bench_scratch_records (
      submission_id uuid NOT NULL, company_id uuid NOT NULL, integration_id uuid NOT NULL, context_key text NOT NULL,
      idx integer NOT NULL, record_key text, data jsonb NOT NULL, raw_json text, PRIMARY KEY (submission_id, idx))`);
  await client.query('TRUNCATE bench_scratch_records');
  const id = '00000000-0000-4000-8000-000000000001';
  t = performance.now();
  await client.query('BEGIN');
  for (let start = 0; start < records.length; start += BATCH) {
    await client.query(
      `INSERT INTO bench_scratch_records SELECT $1, $1, $1, 'list_employees', $2 + e.ord::int - 1, e.data ->> 'id', e.data, e.raw
         FROM (SELECT a.ord, a.value::text AS raw, a.value::jsonb AS data
                 FROM json_array_elements($3::json) WITH ORDINALITY AS a(value, ord) OFFSET 0) e`,
      [id, start, JSON.stringify(records.slice(start, start + BATCH))],
    );
  }
  await client.query('COMMIT');
  const insertMs = performance.now() - t;
  await client.end();
  return { validateMs, insertMs, totalMs: validateMs + insertMs };
}

// --- main -----------------------------------------------------------------------------------

const db = await createDatabase();
let api;
try {
  api = await startApi(db.url);
  const pid = api.child.pid;
  const { apiKey, integrationId } = await setUp(api.baseUrl);
  const path = `/external/v2/integration/${integrationId}/context/list_employees`;
  const ingestHeaders = { 'x-api-key': apiKey };
  console.log(`API pid ${pid} at ${api.baseUrl}; database ${db.url.replace(/\/\/[^@]*@/, '//')}; node ${process.version}; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}`);

  // Warm-up: compile the schema, fill the pools, let the JIT see the paths.
  for (let i = 0; i < 3; i++) await send(api.baseUrl, 'POST', path, { headers: ingestHeaders, body: { data: employees(1000) } });

  console.log('\nEnd to end (one POST, all 14 fields filled) vs floor (ajv validation alone + bulk insert with pg):');
  console.log('records   body      e2e        records/s   floor: ajv + insert = total   floor/e2e   peak RSS (baseline)   RSS/body');
  const rows = [];
  for (const size of SIZES) {
    const records = employees(size);
    const body = Buffer.from(JSON.stringify({ data: records }));
    const baseline = procStatus(pid).rss;
    const { result, peakRss } = await withPeakRss(pid, async () => {
      const t = performance.now();
      const res = await send(api.baseUrl, 'POST', path, { headers: ingestHeaders, body });
      const elapsed = performance.now() - t;
      if (res.status !== 200 || res.body.accepted !== size) throw new Error(`POST of ${size}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      return elapsed;
    });
    const floor = await floorFor(db.url, records);
    const row = { size, bodyBytes: body.length, e2eMs: result, floor, ratio: floor.totalMs / result, peakRss, baseline };
    rows.push(row);
    console.log(
      [
        String(size).padEnd(9),
        mb(body.length).padEnd(9),
        ms(result).padEnd(10),
        String(perSecond(size, result)).padEnd(11),
        `${ms(floor.validateMs)} + ${ms(floor.insertMs)} = ${ms(floor.totalMs)}`.padEnd(30),
        floor.totalMs / result >= 1 ? '≥1'.padEnd(11) : (floor.totalMs / result).toFixed(2).padEnd(11),
        `${mb(peakRss)} (${mb(baseline)})`.padEnd(21),
        (peakRss / body.length).toFixed(1),
      ].join(' '),
    );
  }

  console.log(`\n${CONNECTIONS} concurrent clients posting ${SMALL_POST_RECORDS}-record submissions for ${DURATION_S} s (autocannon):`);
  const small = JSON.stringify({ data: employees(SMALL_POST_RECORDS) });
  const smallPosts = (baseUrl) =>
    autocannon({
      url: `${baseUrl}${path}`,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ingestHeaders },
      body: small,
      connections: CONNECTIONS,
      duration: DURATION_S,
    });
  const cannon = await smallPosts(api.baseUrl);
  const non2xx = cannon.non2xx + cannon.errors + cannon.timeouts;
  if (api.errors.length) console.log(`API errors logged (first ${api.errors.length}):\n${api.errors.join('\n')}`);
  console.log(`requests/s ${Math.round(cannon.requests.average)}; latency p50 ${cannon.latency.p50} ms, p99 ${cannon.latency.p99} ms, max ${cannon.latency.max} ms; ${cannon.requests.total} requests, ${non2xx} not 2xx/errors`);

  // The same load against the least an ingest endpoint can do (bench/support/bare-ingest-server.mjs):
  // what this machine allows any implementation, measured in the same run.
  api.child.kill('SIGTERM');
  await new Promise((r) => api.child.once('exit', r));
  api = null;
  const bare = await startBare(db.url);
  let bareRun;
  try {
    const check = await send(bare.baseUrl, 'POST', path, { headers: ingestHeaders, body: small });
    if (check.status !== 200) throw new Error(`bare server: ${check.status} ${JSON.stringify(check.body)}`);
    bareRun = await smallPosts(bare.baseUrl);
  } finally {
    bare.child.kill('SIGTERM');
    await new Promise((r) => bare.child.once('exit', r));
  }
  const bareBad = bareRun.non2xx + bareRun.errors + bareRun.timeouts;
  console.log(
    `bare node:http + pg, same load (parse, validate, key + integration lookup, one insert; no framework, logging, idempotency or retention):\n` +
      `requests/s ${Math.round(bareRun.requests.average)}; latency p50 ${bareRun.latency.p50} ms, p99 ${bareRun.latency.p99} ms, max ${bareRun.latency.max} ms; ${bareRun.requests.total} requests, ${bareBad} not 2xx/errors`,
  );

  const big = rows[rows.length - 1];
  console.log('\nTargets (reported, not asserted):');
  console.log(`- ${big.size} records end to end at ≥ ${TARGETS.floorRatio} of the floor: ${big.ratio.toFixed(2)} → ${big.ratio >= TARGETS.floorRatio ? 'met' : 'MISSED'}`);
  const rssRatio = big.peakRss / big.bodyBytes;
  console.log(`- peak RSS ≤ ${TARGETS.rssPerBody}× the body (${mb(big.bodyBytes)}): ${mb(big.peakRss)} = ${rssRatio.toFixed(1)}× → ${rssRatio <= TARGETS.rssPerBody ? 'met' : 'MISSED'} (above the idle process: ${mb(big.peakRss - big.baseline)} = ${((big.peakRss - big.baseline) / big.bodyBytes).toFixed(1)}×)`);
  console.log(`- p99 of small posts ≤ ${TARGETS.p99Ms} ms: ${cannon.latency.p99} ms → ${cannon.latency.p99 <= TARGETS.p99Ms ? 'met' : 'MISSED'} (bare server on the same machine: ${bareRun.latency.p99} ms)`);
} finally {
  if (api) {
    api.child.kill('SIGTERM');
    await new Promise((r) => api.child.once('exit', r));
  }
  await db.drop();
}
