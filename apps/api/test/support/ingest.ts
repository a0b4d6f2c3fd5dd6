import { readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import type { Admin, TestApp } from './test-app.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/documented');

/** The request bodies published in the user documentation, byte for byte. */
export const SEED_EMPLOYEES_BODY = readFileSync(join(fixtures, 'seed-list-employees.json'), 'utf8');
export const SEED_USERS_BODY = readFileSync(join(fixtures, 'seed-list-users.json'), 'utf8');

/** Monitorings whose contexts are list_employees (the first) and list_users + list_access_reviews. */
export const EMPLOYEES_MONITORING = 'employee_onboarding_offboarding';
export const USER_ACCESS_MONITORING = 'user_access_review';

export const ingestPath = (integrationId: string, contextKey: string) => `/external/v2/integration/${integrationId}/context/${contextKey}`;

export async function createApiKey(admin: Admin, name = 'HR sync'): Promise<{ id: string; key: string }> {
  const res = await admin
    .post('/api/api-keys')
    .send({ name, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() })
    .expect(201);
  return { id: res.body.id, key: res.body.key };
}

export async function createIntegration(admin: Admin, monitoringIds: string[], name = 'In-house HR System'): Promise<string> {
  const res = await admin.post('/api/integrations').send({ name, monitoringIds }).expect(201);
  return res.body.id as string;
}

/** A POST to the ingest endpoint with the documented headers; `body` is sent as is when a string. */
export function push(t: TestApp, key: string, integrationId: string, contextKey: string, body: unknown, headers: Record<string, string> = {}) {
  return request(t.http)
    .post(ingestPath(integrationId, contextKey))
    .set({ 'Content-Type': 'application/json', 'x-api-key': key, ...headers })
    // Sent exactly as given: superagent would otherwise serialise a Buffer as JSON.
    .serialize((data: unknown) => data as string)
    .send((typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body)) as string);
}

export type EmployeeRecord = Record<string, string>;

/** Employee records with every field filled; ids emp_{start}…. */
export function employees(count: number, start = 0): EmployeeRecord[] {
  return Array.from({ length: count }, (_, n) => {
    const i = start + n;
    return {
      id: `emp_${String(i).padStart(6, '0')}`,
      employee_name: `Person ${i} Example`,
      first_name: 'Person',
      last_name: `Example${i}`,
      email: `person${i}@example.com`,
      job_title: i % 2 ? 'Engineer' : 'Analyst',
      department: i % 3 ? 'Engineering' : 'Finance',
      manager: 'Grace Hopper',
      hiring_date: '2022-03-15T00:00:00Z',
      termination_date: '2024-12-31T00:00:00Z',
      employment_type: 'Full-time',
      employment_status: 'Active',
      employment_status_normalized: 'active',
      lifecycle_status: 'employed',
    };
  });
}

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * A raw POST that keeps writing `chunks` until the server answers, then reads the answer.
 * For refusals that arrive before the body is complete (413), where a client that insists on
 * finishing its upload would only see the connection close.
 */
export function rawPost(baseUrl: string, path: string, headers: Record<string, string>, chunks: Iterable<Buffer | string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseUrl}${path}`, { method: 'POST', headers });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    // The server may close the connection after answering; only an error before that counts.
    req.on('error', (err) => {
      if (!answered) setTimeout(() => (answered ? undefined : reject(err)), 200);
    });
    const iterator = chunks[Symbol.iterator]();
    const writeNext = () => {
      if (answered || req.destroyed) return;
      const next = iterator.next();
      if (next.done) return void req.end();
      if (req.write(next.value)) setImmediate(writeNext);
      else req.once('drain', writeNext);
    };
    writeNext();
  });
}
