// SCIM benchmark: create-user and filtered get through a Custom HTTP connector (Gatehouse in
// front of a loopback directory app), next to the same calls made straight to that app in the
// same run. Prints latency (p50/p99, sequential requests on one keep-alive connection) and
// throughput (autocannon, 10 connections), and the latency Gatehouse adds. Also the floor: the
// same database statements and app call made directly with pg, with no HTTP server or framework
// around them. Asserts nothing.
//
//   pnpm build && node bench/scim.mjs
//   PRODUCT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"   (extra node flags for the API process, e.g. to profile it)
//   BENCH_DATABASE_URL=postgres://user@host:5432/db   (default postgres://postgres@127.0.0.1:5432/test;
//                                                      BENCH_DATABASE_URL=embedded uses the embedded engine)
//   BENCH_SCIM_REQUESTS=2000 (sequential requests per kind)   BENCH_DURATION_S=10 (per autocannon run)
//   BENCH_PG_SETTINGS='synchronous_commit=off'   (ALTER DATABASE … SET for the bench database, to see what commits cost)
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { STUB_SECRET, setUpScimConnector, startProduct, startStub } from '../scripts/scim-conformance.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pg = createRequire(join(root, 'apps/api/package.json'))('pg');

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const EMBEDDED = ADMIN_URL === 'embedded';
const REQUESTS = Number(process.env.BENCH_SCIM_REQUESTS ?? 2000);
const WARMUP = 200;
const CONNECTIONS = 10;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const TARGET_ADDED_P50_MS = 1;
const PG_SETTINGS = (process.env.BENCH_PG_SETTINGS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .map((s) => {
    const m = /^([a-z_]+)\s*=\s*([\w.]+)$/.exec(s);
    if (!m) throw new Error(`BENCH_PG_SETTINGS: "${s}" is not name=value`);
    return [m[1], m[2]];
  });
const SCIM_JSON = 'application/scim+json';

// --- database -------------------------------------------------------------------------------

async function createDatabase() {
  if (EMBEDDED) return { url: '', label: 'embedded (PGlite, one connection)', drop: async () => {} };
  const name = `gh_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  for (const [setting, value] of PG_SETTINGS) await admin.query(`ALTER DATABASE ${name} SET ${setting} = '${value}'`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    label: `PostgreSQL ${url.toString().replace(/\/\/[^@]*@/, '//')}${PG_SETTINGS.length ? ` (${PG_SETTINGS.map(([k, v]) => `${k}=${v}`).join(', ')})` : ''}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

// --- requests -------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One request on the shared keep-alive connection; resolves with status and milliseconds. */
function timed(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(body);
    const start = process.hrtime.bigint();
    const req = http.request(url, { method, agent, headers: { ...headers, ...(payload ? { 'content-length': String(payload.length) } : {}) } });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - start) / 1e6, text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const summarize = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean: sorted.reduce((s, v) => s + v, 0) / sorted.length };
};
const f2 = (n) => n.toFixed(2);

function scimUser(userName) {
  return JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    externalId: `ext-${userName}`,
    name: { givenName: 'Bench', familyName: 'User' },
    displayName: `Bench ${userName}`,
    emails: [{ primary: true, type: 'work', value: `${userName}@example.com` }],
    active: true,
  });
}
/** What the create_user mapping sends downstream for the same user. */
const appUser = (userName) => JSON.stringify({ userName, email: `${userName}@example.com`, name: `Bench ${userName}`, active: true });

// --- main -----------------------------------------------------------------------------------

const db = await createDatabase();
const stub = await startStub();
let product;
let floorDb;
try {
  product = await startProduct({
    databaseUrl: db.url,
    // NODE_ENV=test only because production never calls plain-http apps (the stub); nothing else differs.
    env: { NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', SECRETS_KEY: randomBytes(32).toString('base64') },
  });
  const { scimPath, token } = await setUpScimConnector(product.url, stub.baseUrl);
  const scimBase = `${product.url}${scimPath}`;
  const scimHeaders = { authorization: `Bearer ${token}`, accept: SCIM_JSON };
  const scimPost = { ...scimHeaders, 'content-type': SCIM_JSON };
  const appHeaders = { authorization: `Bearer ${STUB_SECRET}`, accept: 'application/json' };
  const appPost = { ...appHeaders, 'content-type': 'application/json' };
  console.log(`Gatehouse pid ${product.child.pid} at ${product.url}; database ${db.label}; stub at ${stub.baseUrl}`);
  console.log(`node ${process.version}; ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load ${os.loadavg()[0].toFixed(2)}; NODE_ENV=test, LOG_LEVEL=${process.env.LOG_LEVEL ?? 'info'}`);

  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  let seq = 0;
  const nextName = (side) => `${side}.${run}.${++seq}`;
  const check = (what, res, status) => {
    if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${res.text.slice(0, 300)}`);
    return res;
  };

  // The floor: what any implementation of these requirements pays on this machine, done directly
  // with pg on the same database, without a framework. The token and connector are held between
  // requests on a database server (Gatehouse hears of every change to them), so neither side reads
  // them. A create is the transaction that claims the userName, calls the app (the stub, same
  // body, same keep-alive socket kind), links the app's id and commits, then the call-log row; a
  // filtered get is the one SELECT. Named (prepared) statements, as Gatehouse sends them.
  floorDb = new pg.Client({ connectionString: db.url || undefined });
  if (!EMBEDDED) await floorDb.connect();
  const [{ connector_id: connectorId, company_id: companyId }] = EMBEDDED ? [{}] : (await floorDb.query('SELECT connector_id, company_id FROM scim_tokens')).rows;
  const statementNames = new Map();
  const named = (text, values) => {
    if (!statementNames.has(text)) statementNames.set(text, `floor_${statementNames.size}`);
    return { name: statementNames.get(text), text, values };
  };
  const floorCreate = async () => {
    const userName = nextName('floor');
    const start = process.hrtime.bigint();
    await floorDb.query('BEGIN');
    const claimed = await floorDb.query(named(
      `INSERT INTO scim_users (id, company_id, connector_id, user_name, user_name_lower, external_id, active, resource, downstream_id, created_at, updated_at, version)
       VALUES (gen_random_uuid(), $1, $2, $3, lower($3), $4, true, $5, NULL, now(), now(), 1)
       ON CONFLICT (connector_id, user_name_lower) DO NOTHING RETURNING id`,
      [companyId, connectorId, userName, `ext-${userName}`, scimUser(userName)],
    ));
    const app = check('floor POST /users', await timed(`${stub.baseUrl}/users`, { method: 'POST', headers: appPost, body: appUser(userName) }), 201);
    await floorDb.query(named('UPDATE scim_users SET downstream_id = $2 WHERE id = $1', [claimed.rows[0].id, JSON.parse(app.text).id]));
    await floorDb.query('COMMIT');
    await floorDb.query(named(
      `INSERT INTO connector_calls (company_id, connector_id, operation, method, url, status, duration_ms, attempts, error, source)
       VALUES ($1, $2, 'create_user', 'POST', $3, 201, 1, 1, NULL, 'scim')`,
      [companyId, connectorId, `${stub.baseUrl}/users`],
    ));
    return { ms: Number(process.hrtime.bigint() - start) / 1e6 };
  };
  const floorGet = async (userName) => {
    const start = process.hrtime.bigint();
    await floorDb.query(named('SELECT * FROM scim_users WHERE connector_id = $1 AND user_name_lower = $2', [connectorId, userName.toLowerCase()]));
    return { ms: Number(process.hrtime.bigint() - start) / 1e6 };
  };

  const kinds = {
    'create via Gatehouse': async () => check('POST /Users', await timed(`${scimBase}/Users`, { method: 'POST', headers: scimPost, body: scimUser(nextName('gh')) }), 201),
    'create direct': async () => check('POST /users', await timed(`${stub.baseUrl}/users`, { method: 'POST', headers: appPost, body: appUser(nextName('app')) }), 201),
    'filtered get via Gatehouse': async (userName) =>
      check('GET /Users?filter', await timed(`${scimBase}/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`, { headers: scimHeaders }), 200),
    'filtered get direct': async (userName) => check('GET /users?userName', await timed(`${stub.baseUrl}/users?userName=${encodeURIComponent(userName)}`, { headers: appHeaders }), 200),
    'ServiceProviderConfig via Gatehouse': async () => check('GET /ServiceProviderConfig', await timed(`${scimBase}/ServiceProviderConfig`, { headers: scimHeaders }), 200),
    ...(EMBEDDED ? {} : { 'create floor (pg + app, no framework)': floorCreate, 'filtered get floor (pg, no framework)': floorGet }),
  };

  // Warm-up: JIT, pools, prepared paths.
  for (let i = 0; i < WARMUP; i++) {
    await kinds['create via Gatehouse']();
    await kinds['create direct']();
    if (!EMBEDDED) await floorCreate();
  }
  const lookupGh = `gh.${run}.1`;
  const lookupApp = `app.${run}.2`;
  for (let i = 0; i < WARMUP; i++) {
    await kinds['filtered get via Gatehouse'](lookupGh);
    await kinds['filtered get direct'](lookupApp);
    await kinds['ServiceProviderConfig via Gatehouse']();
    if (!EMBEDDED) await floorGet(lookupGh);
  }

  // Sequential, interleaved (Gatehouse, direct, Gatehouse, …) so both see the same machine state.
  const samples = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  for (let i = 0; i < REQUESTS; i++) {
    samples['create via Gatehouse'].push((await kinds['create via Gatehouse']()).ms);
    samples['create direct'].push((await kinds['create direct']()).ms);
    if (!EMBEDDED) samples['create floor (pg + app, no framework)'].push((await floorCreate()).ms);
  }
  for (let i = 0; i < REQUESTS; i++) {
    samples['filtered get via Gatehouse'].push((await kinds['filtered get via Gatehouse'](lookupGh)).ms);
    samples['filtered get direct'].push((await kinds['filtered get direct'](lookupApp)).ms);
    samples['ServiceProviderConfig via Gatehouse'].push((await kinds['ServiceProviderConfig via Gatehouse']()).ms);
    if (!EMBEDDED) samples['filtered get floor (pg, no framework)'].push((await floorGet(lookupGh)).ms);
  }
  const lat = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)]));
  console.log(`\nLatency, ${REQUESTS} sequential requests each on one keep-alive connection (ms); users in the store at the end: ${seq}`);
  console.log('kind                                    p50      p99      mean');
  for (const [k, s] of Object.entries(lat)) console.log(`${k.padEnd(38)} ${f2(s.p50).padStart(6)}   ${f2(s.p99).padStart(6)}   ${f2(s.mean).padStart(6)}`);

  // Throughput: autocannon, 10 connections; creates get a unique userName per request.
  const cannon = (title, url, { method = 'GET', headers, body }) =>
    new Promise((resolve, reject) => {
      const opts = { url, connections: CONNECTIONS, duration: DURATION_S, method, headers };
      if (body) opts.requests = [{ method, headers, setupRequest: (req) => ({ ...req, body: body() }) }];
      autocannon(opts, (err, result) => (err ? reject(err) : resolve({ title, result })));
    });
  const runs = [
    await cannon('create via Gatehouse', `${scimBase}/Users`, { method: 'POST', headers: scimPost, body: () => scimUser(nextName('ghc')) }),
    await cannon('create direct', `${stub.baseUrl}/users`, { method: 'POST', headers: appPost, body: () => appUser(nextName('appc')) }),
    await cannon('filtered get via Gatehouse', `${scimBase}/Users?filter=${encodeURIComponent(`userName eq "${lookupGh}"`)}`, { headers: scimHeaders }),
    await cannon('filtered get direct', `${stub.baseUrl}/users?userName=${encodeURIComponent(lookupApp)}`, { headers: appHeaders }),
  ];
  console.log(`\nThroughput, autocannon ${CONNECTIONS} connections × ${DURATION_S} s`);
  console.log('kind                                    req/s    p50 ms   p99 ms   not 2xx/errors');
  const rps = {};
  for (const { title, result } of runs) {
    rps[title] = result.requests.average;
    const bad = result.non2xx + result.errors + result.timeouts;
    console.log(`${title.padEnd(38)} ${String(Math.round(result.requests.average)).padStart(6)}   ${String(result.latency.p50).padStart(6)}   ${String(result.latency.p99).padStart(6)}   ${bad}`);
  }

  console.log('\nAdded by Gatehouse (via Gatehouse − direct, sequential):');
  for (const op of ['create', 'filtered get']) {
    const gh = lat[`${op} via Gatehouse`];
    const direct = lat[`${op} direct`];
    const addedP50 = gh.p50 - direct.p50;
    console.log(
      `- ${op.padEnd(13)} p50 +${f2(addedP50)} ms, p99 +${f2(gh.p99 - direct.p99)} ms; req/s ${Math.round(rps[`${op} via Gatehouse`])} vs ${Math.round(rps[`${op} direct`])} direct` +
        ` → target added p50 ≤ ${TARGET_ADDED_P50_MS} ms: ${addedP50 <= TARGET_ADDED_P50_MS ? 'met' : 'MISSED'}`,
    );
  }
  console.log(`  (inside Gatehouse, GET /ServiceProviderConfig, token check against the held token + framework only: p50 ${f2(lat['ServiceProviderConfig via Gatehouse'].p50)} ms)`);
  if (!EMBEDDED) {
    console.log('Floor on this machine (the same database work and app call done directly with pg, no framework) − direct:');
    for (const op of ['create', 'filtered get']) {
      const floor = lat[Object.keys(lat).find((k) => k.startsWith(`${op} floor`))];
      const addedP50 = floor.p50 - lat[`${op} direct`].p50;
      console.log(`- ${op.padEnd(13)} p50 +${f2(addedP50)} ms for the database work (and app call) alone${addedP50 > TARGET_ADDED_P50_MS ? `: above the ${TARGET_ADDED_P50_MS} ms target before any HTTP, framework or mapping work` : ''}`);
    }
  }
  const errors = product
    .output()
    .split('\n')
    .filter((l) => /"level":(50|60)/.test(l));
  if (errors.length) console.log(`\nGatehouse logged ${errors.length} error(s), first: ${errors[0].slice(0, 400)}`);
} finally {
  agent.destroy();
  await floorDb?.end().catch(() => {});
  if (product) await product.stop();
  await stub.stop();
  await db.drop();
}
