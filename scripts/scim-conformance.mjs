// Runs Microsoft's SCIM reference Postman collection (../shared/conformance/, see its README)
// with newman against the built product: a Custom HTTP connector pointing at a small directory
// app on 127.0.0.1 is provisioned through its SCIM base URL. Everything in the collection runs
// except its "Get Token" folder and its `/serviceConfiguration` request, which belong to the
// reference server itself. Exits non-zero if any assertion fails.
//
//   pnpm --filter @gatehouse/api build && node scripts/scim-conformance.mjs [--json-output file]
//   SCIM_CONFORMANCE_COLLECTION=/path/to/collection.json   (default ../shared/conformance/… beside the repository,
//                                                           or beside the local repository it was cloned from)
//
// The stub, the product start-up and the connector set-up are exported for bench/scim.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const COLLECTION_IN_SHARED = '../shared/conformance/microsoft-scim-reference.postman_collection.json';

/**
 * ../shared/ beside the repository; for a clone of a local repository made elsewhere (a CI
 * checkout in a temporary folder), ../shared/ beside the repository it was cloned from.
 */
function findCollection() {
  const besideRepo = resolve(repoRoot, COLLECTION_IN_SHARED);
  if (existsSync(besideRepo)) return besideRepo;
  const origin = spawnSync('git', ['-C', repoRoot, 'remote', 'get-url', 'origin'], { encoding: 'utf8' }).stdout?.trim();
  if (origin && !/^[a-z][a-z0-9+.-]*:\/\/|^[^/]+@[^:]+:/i.test(origin)) {
    const besideOrigin = resolve(repoRoot, origin, COLLECTION_IN_SHARED);
    if (existsSync(besideOrigin)) return besideOrigin;
  }
  return besideRepo;
}

export const COLLECTION_PATH = process.env.SCIM_CONFORMANCE_COLLECTION || findCollection();
export const STUB_SECRET = 'stub-app-token-4b1d9e';
const EXCLUDED_FOLDERS = ['Get Token'];
const EXCLUDED_REQUEST = /\/serviceConfiguration$/i;

// --- the downstream app ---------------------------------------------------------------------

/**
 * A small user/group directory on 127.0.0.1 with its own ids, answering JSON:
 *   POST /users, GET /users?userName=…, GET|PATCH|DELETE /users/{id},
 *   POST|GET /groups, GET|PATCH|DELETE /groups/{id}, PUT /groups/{id}/members.
 * Every request needs `Authorization: Bearer <STUB_SECRET>`.
 */
export async function startStub() {
  const users = new Map();
  const byUserName = new Map(); // lower-cased userName → user, for the filtered lookup
  const groups = new Map();
  let seq = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const reply = (status, payload) => {
        const body = payload === undefined ? '' : JSON.stringify(payload);
        res.writeHead(status, body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}).end(body);
      };
      if (req.headers.authorization !== `Bearer ${STUB_SECRET}`) return reply(401, { error: { message: 'Bad credentials' } });
      let body = {};
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        if (text) body = JSON.parse(text);
      } catch {
        return reply(400, { error: { message: 'Body is not JSON' } });
      }
      const url = new URL(req.url ?? '/', 'http://stub');
      const [, kind, id, sub] = url.pathname.split('/');
      const notFound = () => reply(404, { error: { message: 'Not found' } });
      if (kind === 'users') {
        if (!id && req.method === 'POST') {
          if (typeof body.userName !== 'string' || body.userName === '') return reply(422, { error: { message: 'userName is required' } });
          const user = { id: `u${++seq}`, userName: body.userName, email: String(body.email ?? ''), name: String(body.name ?? ''), active: body.active !== false };
          users.set(user.id, user);
          byUserName.set(user.userName.toLowerCase(), user);
          return reply(201, user);
        }
        if (!id && req.method === 'GET') {
          const userName = url.searchParams.get('userName');
          const found = userName === null ? undefined : byUserName.get(userName.toLowerCase());
          const items = userName === null ? [...users.values()] : found ? [found] : [];
          return reply(200, { items, total: items.length });
        }
        const user = users.get(id);
        if (!user) return notFound();
        if (req.method === 'GET') return reply(200, user);
        if (req.method === 'PATCH') {
          if (typeof body.userName === 'string' && body.userName !== user.userName) {
            if (byUserName.get(user.userName.toLowerCase()) === user) byUserName.delete(user.userName.toLowerCase());
            user.userName = body.userName;
            byUserName.set(user.userName.toLowerCase(), user);
          }
          for (const key of ['email', 'name']) if (typeof body[key] === 'string') user[key] = body[key];
          if (typeof body.active === 'boolean') user.active = body.active;
          return reply(200, user);
        }
        if (req.method === 'DELETE') {
          users.delete(id);
          if (byUserName.get(user.userName.toLowerCase()) === user) byUserName.delete(user.userName.toLowerCase());
          for (const g of groups.values()) g.members = g.members.filter((m) => m !== id);
          return reply(204);
        }
      }
      if (kind === 'groups') {
        if (!id && req.method === 'POST') {
          const group = { id: `g${++seq}`, name: String(body.name ?? ''), members: [] };
          groups.set(group.id, group);
          return reply(201, group);
        }
        if (!id && req.method === 'GET') return reply(200, { items: [...groups.values()] });
        const group = groups.get(id);
        if (!group) return notFound();
        if (!sub && req.method === 'GET') return reply(200, group);
        if (sub === 'members' && req.method === 'PUT') {
          if (!Array.isArray(body.userIds)) return reply(400, { error: { message: 'userIds must be an array' } });
          const unknown = body.userIds.find((u) => !users.has(String(u)));
          if (unknown !== undefined) return reply(422, { error: { message: `Unknown user ${unknown}` } });
          group.members = body.userIds.map(String);
          return reply(204);
        }
        if (!sub && req.method === 'PATCH') {
          if (typeof body.name === 'string') group.name = body.name;
          return reply(200, group);
        }
        if (!sub && req.method === 'DELETE') {
          groups.delete(id);
          return reply(204);
        }
      }
      reply(405, { error: { message: `${req.method} ${url.pathname} is not supported` } });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}`,
    users,
    groups,
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Mappings for every user and group capability of the stub. */
export function stubMappings(base) {
  const error_message_path = 'error.message';
  return {
    create_user: {
      http_method: 'POST',
      url_template: `${base}/users`,
      body_kind: 'json',
      body_template: '{"userName":"{scim_user_username}","email":"{scim_user_email}","name":"{scim_user_display_name}","active":{scim_user_active}}',
      success_status: [201],
      response_fields: { id: 'id', userName: 'userName', email: 'email', displayName: 'name', active: 'active' },
      error_message_path,
    },
    get_user: {
      http_method: 'GET',
      url_template: `${base}/users/{integration_user_id}`,
      success_status: [200],
      response_fields: { id: 'id', userName: 'userName', email: 'email', displayName: 'name', active: 'active' },
      error_message_path,
    },
    list_users: {
      http_method: 'GET',
      url_template: `${base}/users`,
      success_status: [200],
      response_fields: { items: 'items', id: 'id', userName: 'userName', email: 'email' },
      error_message_path,
    },
    update_user: {
      http_method: 'PATCH',
      url_template: `${base}/users/{integration_user_id}`,
      body_kind: 'json',
      body_template: '{"userName":"{scim_user_username}","email":"{scim_user_email}","name":"{scim_user_display_name}","active":{scim_user_active}}',
      success_status: [200],
      response_fields: { id: 'id' },
      error_message_path,
    },
    delete_user: { http_method: 'DELETE', url_template: `${base}/users/{integration_user_id}`, success_status: [204, 404], error_message_path },
    create_group: {
      http_method: 'POST',
      url_template: `${base}/groups`,
      body_kind: 'json',
      body_template: '{"name":"{group_name}","description":"{group_description}"}',
      success_status: [201],
      response_fields: { id: 'id', name: 'name' },
      error_message_path,
    },
    get_group: {
      http_method: 'GET',
      url_template: `${base}/groups/{group_id}`,
      success_status: [200],
      response_fields: { id: 'id', name: 'name' },
      error_message_path,
    },
    update_group_members: {
      http_method: 'PUT',
      url_template: `${base}/groups/{group_id}/members`,
      body_kind: 'json',
      body_template: '{"userIds":{member_ids_json}}',
      success_status: [204],
      error_message_path,
    },
    update_group_name: {
      http_method: 'PATCH',
      url_template: `${base}/groups/{group_id}`,
      body_kind: 'json',
      body_template: '{"name":"{group_name}"}',
      success_status: [200],
      response_fields: { id: 'id', name: 'name' },
      error_message_path,
    },
    delete_group: { http_method: 'DELETE', url_template: `${base}/groups/{group_id}`, success_status: [204, 404], error_message_path },
    list_groups: {
      http_method: 'GET',
      url_template: `${base}/groups`,
      success_status: [200],
      response_fields: { items: 'items', id: 'id', name: 'name' },
      error_message_path,
    },
  };
}

// --- the product ----------------------------------------------------------------------------

/**
 * Starts the built product (`apps/api/dist/main.js`) on a free loopback port. Without
 * `databaseUrl` it uses the embedded database in a new temporary DATA_DIR.
 */
export async function startProduct({ databaseUrl = '', env = {} } = {}) {
  const mainJs = join(repoRoot, 'apps/api/dist/main.js');
  if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: build the API first (pnpm --filter @gatehouse/api build)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-scim-'));
  const child = spawn(process.execPath, [...(process.env.PRODUCT_NODE_ARGS ?? "").split(" ").filter(Boolean), mainJs], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'warn', ALLOW_PRIVATE_NETWORK_TARGETS: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d) => {
    out += d;
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the product did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolveUrl(m[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the product exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function call(baseUrl, method, path, { body, headers = {} } = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, body: json };
}

function expectStatus(what, res, status) {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
}

/**
 * Signs up an admin, creates an enabled Custom HTTP connector with every user and group
 * capability mapped to the stub, sets its secret and issues a SCIM token. Its IdP profile is
 * `entra`: Microsoft's collection expects a PATCH answered 204 No Content.
 */
export async function setUpScimConnector(productUrl, stubUrl) {
  const signup = await call(productUrl, 'POST', '/api/auth/signup', {
    body: { companyName: 'Conformance Ltd', name: 'Conformance Admin', email: `scim.${randomUUID()}@example.com`, password: 'correct horse battery staple' },
  });
  expectStatus('sign-up', signup, 201);
  const cookies = signup.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = cookies.find((c) => c.startsWith('gh_csrf='))?.slice('gh_csrf='.length) ?? '';
  const admin = { cookie: cookies.join('; '), 'x-csrf-token': csrf };
  const capabilities = Object.fromEntries(Object.keys(stubMappings(stubUrl)).map((k) => [k, true]));
  const connector = expectStatus(
    'create connector',
    await call(productUrl, 'POST', '/api/connectors', {
      headers: admin,
      body: { name: 'SCIM stub directory', enabled: true, auth: { type: 'bearer' }, capabilities, mappings: stubMappings(stubUrl), deactivationAsDelete: false, allowInsecureHttp: true, idpProfile: 'entra' },
    }),
    201,
  );
  expectStatus('set secret', await call(productUrl, 'PUT', `/api/connectors/${connector.id}/secret`, { headers: admin, body: { api_token: STUB_SECRET } }), 200);
  const issued = expectStatus('issue SCIM token', await call(productUrl, 'POST', `/api/connectors/${connector.id}/scim-token`, { headers: admin }), 201);
  return { connectorId: connector.id, token: issued.token, scimPath: `/scim/v2/${connector.id}` };
}

// --- the collection -------------------------------------------------------------------------

/** The collection without the reference server's own token folder and /serviceConfiguration. */
export function loadCollection() {
  if (!existsSync(COLLECTION_PATH)) {
    throw new Error(`SCIM conformance collection not found at ${COLLECTION_PATH}. It lives in ../shared/conformance/ beside the repository (see that folder's README); SCIM_CONFORMANCE_COLLECTION can point elsewhere.`);
  }
  const collection = JSON.parse(readFileSync(COLLECTION_PATH, 'utf8'));
  const excluded = [];
  const filter = (items, folder) =>
    items
      .filter((item) => {
        if (item.item && EXCLUDED_FOLDERS.includes(item.name)) {
          excluded.push(`folder "${item.name}"`);
          return false;
        }
        const raw = item.request ? (typeof item.request.url === 'string' ? item.request.url : item.request.url?.raw ?? '') : '';
        if (EXCLUDED_REQUEST.test(raw.split('?')[0])) {
          excluded.push(`request "${item.name}" (${folder ?? 'top level'}: ${raw.split('}}').pop()})`);
          return false;
        }
        return true;
      })
      .map((item) => (item.item ? { ...item, item: filter(item.item, item.name) } : item));
  return { collection: { ...collection, item: filter(collection.item) }, excluded };
}

function runNewman(newman, options) {
  return new Promise((resolveRun, reject) => newman.run(options, (err, summary) => (err ? reject(err) : resolveRun(summary))));
}

/** Assertions passed/failed per folder (top-level requests under "(top level)"), in run order. */
function perFolder(summary) {
  const rows = new Map();
  for (const execution of summary.run.executions) {
    const parent = execution.item.parent?.();
    const folder = parent && parent.name && parent !== summary.collection ? parent.name : '(top level)';
    const row = rows.get(folder) ?? { requests: 0, passed: 0, failed: 0 };
    row.requests += 1;
    for (const a of execution.assertions ?? []) {
      if (a.skipped) continue;
      if (a.error) row.failed += 1;
      else row.passed += 1;
    }
    rows.set(folder, row);
  }
  return rows;
}

async function main() {
  const jsonArg = process.argv.indexOf('--json-output');
  const jsonOutput = jsonArg > 0 ? process.argv[jsonArg + 1] : undefined;
  const writeResult = (passed, failed, runtimeError = 0) => {
    if (!jsonOutput) return;
    writeFileSync(jsonOutput, JSON.stringify({ numPassedTests: passed, numFailedTests: failed, numPendingTests: 0, numTodoTests: 0, numRuntimeErrorTestSuites: runtimeError }));
  };

  let stub;
  let product;
  try {
    const { collection, excluded } = loadCollection();
    const { default: newman } = await import('newman');
    stub = await startStub();
    product = await startProduct();
    const { connectorId, token } = await setUpScimConnector(product.url, stub.baseUrl);
    const port = new URL(product.url).port;
    console.log(`product at ${product.url}; stub at ${stub.baseUrl}; connector ${connectorId}`);
    console.log(`excluded: ${excluded.join(', ')}`);

    const summary = await runNewman(newman, {
      collection,
      envVar: [
        { key: 'Protocol', value: 'http' },
        { key: 'Server', value: '127.0.0.1' },
        { key: 'Port', value: `:${port}` },
        { key: 'Api', value: `scim/v2/${connectorId}` },
        { key: 'token', value: token },
      ],
      reporters: ['cli'],
      reporter: { cli: { noSuccessAssertions: true } },
      timeoutRequest: 30_000,
    });

    const stats = summary.run.stats.assertions;
    const failed = stats.failed;
    const passed = stats.total - stats.failed;
    console.log('\nAssertions per folder:');
    for (const [folder, row] of perFolder(summary)) {
      console.log(`  ${folder.padEnd(28)} ${String(row.requests).padStart(3)} requests  ${String(row.passed).padStart(3)} passed  ${String(row.failed).padStart(3)} failed`);
    }
    const errors = summary.run.failures.filter((f) => f.error?.name !== 'AssertionError');
    if (errors.length) {
      console.log(`\n${errors.length} request/script error(s):`);
      for (const f of errors) console.log(`  ${f.source?.name ?? '?'}: ${f.error?.message}`);
    }
    writeResult(passed, failed + errors.length);
    console.log(`\nconformance: ${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 || errors.length > 0 ? 1 : 0;
  } catch (err) {
    console.error(`scim-conformance: ${err instanceof Error ? err.message : String(err)}`);
    writeResult(0, 0, 1);
    console.log('\nconformance: 0 passed, 0 failed (the run did not complete)');
    process.exitCode = 1;
  } finally {
    if (product) {
      const logged = product
        .output()
        .split('\n')
        .filter((l) => /"level":(50|60)/.test(l));
      if (logged.length) console.log(`\nproduct errors logged (${logged.length}):\n${logged.slice(0, 20).map((l) => l.slice(0, 600)).join('\n')}`);
      await product.stop();
    }
    if (stub) await stub.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
