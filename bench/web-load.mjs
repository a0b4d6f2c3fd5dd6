// First load of the web app over a slow link: the built product (`node apps/api/dist/main.js`,
// NODE_ENV=production, embedded database in a temporary folder) opened in headless Chromium with
// an empty cache and the network emulated at 10 Mbps / 40 ms (CDP Network.emulateNetworkConditions).
// For the sign-in page, an integration's details and a connector's page it prints the bytes that
// crossed the wire (compressed, headers included) and the time until the page shows its content,
// next to the baseline of the same run: the same link fetching /api/health, the smallest answer.
// Prints figures; asserts nothing (docs/performance.md › Web app first load).
//
//   pnpm build && node bench/web-load.mjs
//   BENCH_RUNS=5   (loads per page; the median is printed, default 3)
//   CHROMIUM_PATH=/usr/bin/chromium
//   BENCH_VERBOSE=1   (lists each request of each load: when it finished, its bytes and URL)
//   BENCH_PRODUCT_ROOT=/path/to/other/checkout   (measure that checkout's build instead, e.g. the commit before)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { send, signUp, startProduct } from './support/product.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const productRoot = process.env.BENCH_PRODUCT_ROOT ?? root;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** 10 Mbps both ways, 40 ms added to every request (Chrome DevTools' throttling model). */
export const SLOW_LINK = { offline: false, latency: 40, downloadThroughput: (10 * 1e6) / 8, uploadThroughput: (10 * 1e6) / 8 };

const kB = (bytes) => `${(bytes / 1000).toFixed(0)} kB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A company with one integration and one connector, through the admin API; returns the session cookies. */
async function setUp(baseUrl) {
  const { cookies, admin } = await signUp(baseUrl);
  const integration = await send(baseUrl, 'POST', '/api/integrations', { headers: admin, body: { name: 'Bench HR', monitoringIds: ['employee_onboarding_offboarding'] } });
  if (integration.status !== 201) throw new Error(`integration: ${integration.status} ${JSON.stringify(integration.body)}`);
  const connector = await send(baseUrl, 'POST', '/api/connectors', {
    headers: admin,
    body: {
      name: 'Bench App',
      enabled: false,
      auth: { type: 'api_key_header', api_key_header_name: 'X-App-Key' },
      capabilities: { create_user: true },
      mappings: {
        create_user: {
          http_method: 'POST',
          url_template: 'https://app.example.com/v1/users',
          body_kind: 'json',
          body_template: '{"email":"{scim_user_email}"}',
          success_status: [201],
          response_fields: { id: 'data.id' },
        },
      },
    },
  });
  if (connector.status !== 201) throw new Error(`connector: ${connector.status} ${JSON.stringify(connector.body)}`);
  const cookieList = cookies.map((c) => {
    const at = c.indexOf('=');
    return { name: c.slice(0, at), value: c.slice(at + 1), url: baseUrl };
  });
  return { cookies: cookieList, integrationId: integration.body.id, connectorId: connector.body.id };
}

/**
 * Opens `path` in a fresh context (empty cache) on the slow link; `ready` waits for the page's
 * content. Returns the time from navigation start to ready, and the bytes received until the
 * network is quiet (by resource type, as encoded on the wire, headers included).
 */
async function load(browser, baseUrl, path, { cookies = [], ready }) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  if (cookies.length) await context.addCookies(cookies);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
  const types = new Map();
  const urls = new Map();
  const bytes = {};
  cdp.on('Network.responseReceived', (e) => {
    types.set(e.requestId, e.type);
    urls.set(e.requestId, e.response.url);
  });
  const log = [];
  cdp.on('Network.loadingFinished', (e) => {
    const type = (types.get(e.requestId) ?? 'Other').toLowerCase();
    bytes[type] = (bytes[type] ?? 0) + e.encodedDataLength;
    log.push(`${String(Math.round(performance.now() - started)).padStart(6)} ms ${kB(e.encodedDataLength).padStart(7)}  ${urls.get(e.requestId)?.replace(baseUrl, '')}`);
  });
  const started = performance.now();
  await page.goto(path, { waitUntil: 'commit' });
  await ready(page);
  const readyMs = performance.now() - started;
  await page.waitForLoadState('networkidle');
  await context.close();
  if (process.env.BENCH_VERBOSE) console.log(`${path}: ready at ${Math.round(readyMs)} ms\n${log.join('\n')}`);
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  return { readyMs, script: bytes.script ?? 0, css: bytes.stylesheet ?? 0, total, requests: urls.size };
}

async function measure(browser, baseUrl, path, opts) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await load(browser, baseUrl, path, opts));
  return { readyMs: median(runs.map((r) => r.readyMs)), script: median(runs.map((r) => r.script)), css: median(runs.map((r) => r.css)), total: median(runs.map((r) => r.total)), requests: median(runs.map((r) => r.requests)) };
}

const dataDir = mkdtempSync(join(os.tmpdir(), 'gatehouse-bench-web-'));
let product;
let browser;
try {
  product = await startProduct(productRoot, { DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const { cookies, integrationId, connectorId } = await setUp(product.baseUrl);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking'] });
  console.log(`product ${productRoot} at ${product.baseUrl}; node ${process.version}; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}; ${RUNS} loads per page (median), 10 Mbps / 40 ms, empty cache`);

  const baseline = await measure(browser, product.baseUrl, '/api/health', { ready: (page) => page.getByText('"status"').first().waitFor() });
  const pages = [
    ['sign-in', '/sign-in', { ready: (page) => page.getByRole('button', { name: 'Sign in' }).waitFor() }],
    ['integration details', `/integrations/${integrationId}`, { cookies, ready: (page) => page.getByRole('heading', { name: 'Bench HR', level: 2 }).waitFor() }],
    ['connector page', `/provisioning/${connectorId}`, { cookies, ready: (page) => page.getByRole('tab', { name: /^Mappings/ }).waitFor() }],
  ];
  console.log(`\nbaseline (/api/health on the same link): ${Math.round(baseline.readyMs)} ms, ${kB(baseline.total)}`);
  console.log('\npage                  script     css        all bytes  requests  ready      ready / baseline');
  for (const [name, path, opts] of pages) {
    const r = await measure(browser, product.baseUrl, path, opts);
    console.log(
      [name.padEnd(21), kB(r.script).padEnd(10), kB(r.css).padEnd(10), kB(r.total).padEnd(10), String(r.requests).padEnd(9), `${Math.round(r.readyMs)} ms`.padEnd(10), (r.readyMs / baseline.readyMs).toFixed(1)].join(' '),
    );
  }
} finally {
  await browser?.close();
  if (product) {
    product.child.kill('SIGTERM');
    await new Promise((r) => product.child.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
}
