// The built product as the benchmarks run it: its process (`node apps/api/dist/main.js`,
// NODE_ENV=production), its HTTP API called with plain node:http (no compression asked for), and
// a fresh company signed up through the admin API.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { join } from 'node:path';

/**
 * Starts the build under `root` on a free loopback port with `env` added (DATABASE_URL or
 * DATA_DIR, limits); PRODUCT_NODE_ARGS adds node flags (e.g. to profile it). Resolves once it
 * listens, with its address and the first error lines it logs from then on.
 */
export function startProduct(root, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(process.env.PRODUCT_NODE_ARGS ?? '').split(' ').filter(Boolean), join(root, 'apps/api/dist/main.js')], {
      env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', SECRETS_KEY: randomBytes(32).toString('base64'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match) {
        child.stdout.off('data', onData);
        // Keep draining the logs so the process never blocks on a full pipe; keep errors.
        const errors = [];
        child.stdout.on('data', (chunk) => {
          for (const line of String(chunk).split('\n')) if (/"level":(50|60)/.test(line) && errors.length < 20) errors.push(line.replace(/"req":\{.*?\}\},/, '').slice(0, 400));
        });
        resolve({ child, baseUrl: match[1].replace('localhost', '127.0.0.1'), errors });
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => process.stderr.write(c));
    child.once('exit', (code) => reject(new Error(`product exited with ${code} before starting:\n${out.slice(-2000)}`)));
  });
}

/** One request; a JSON body is sent as JSON, a Buffer or string as it is. Resolves with the parsed JSON answer. */
export function send(baseUrl, method, path, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const req = http.request(`${baseUrl}${path}`, {
      method,
      headers: { ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': String(payload.length) } : {}), ...headers },
    });
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : null });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Signs up a new company; returns its session cookies ("name=value") and the headers that make
 * an admin API request (the cookies and the CSRF token).
 */
export async function signUp(baseUrl) {
  const signup = await send(baseUrl, 'POST', '/api/auth/signup', {
    body: { companyName: 'Bench Ltd', name: 'Bench Admin', email: `bench.${Date.now()}@example.com`, password: 'correct horse battery staple' },
  });
  if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${JSON.stringify(signup.body)}`);
  const cookies = [].concat(signup.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
  const csrf = cookies.find((c) => c.startsWith('gh_csrf='))?.slice('gh_csrf='.length) ?? '';
  return { cookies, admin: { Cookie: cookies.join('; '), 'x-csrf-token': csrf } };
}
