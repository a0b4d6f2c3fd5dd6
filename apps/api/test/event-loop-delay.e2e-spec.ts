import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { VALIDATION_UPLOAD_MAX_BYTES } from '@gatehouse/contracts';
import { MAX_XML_DEPTH, MAX_XML_ELEMENTS } from '@gatehouse/mapping';
import { MAX_MEMBERS_PER_REQUEST, MAX_VALUES_PER_ATTRIBUTE } from '@gatehouse/scim';
import request from 'supertest';
import { createApiKey, createIntegration, push, USER_ACCESS_MONITORING } from './support/ingest.js';
import { FakeDirectoryApp } from './support/scim-fake-app.js';
import { createScimConnector, GROUP_SCHEMA, PATCH_OP, SCIM_JSON, USER_SCHEMA, type ScimConnector } from './support/scim.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

// No single request may hold the API's event loop: while one runs, every other company's
// requests and the health check wait. Each request below is the largest its endpoint accepts
// (or, where nothing bounds it, the largest realistic one), sent to the API running in this
// process while a delay monitor samples the loop. The client side is prepared before the
// monitor starts and does no parsing while it runs, so what is measured is the server's work.

const BUDGET_MS = 100;
const MB = 1024 * 1024;
// Several runs after a warm-up: a real block shows in every run, a scheduling hiccup of this
// shared 2-core machine in one or two at most, so the median is what must stay under the budget.
const RUNS = Number(process.env.EVENT_LOOP_RUNS ?? 5);

type Reply = { status: number; body: Buffer };
type Figure = { scenario: string; runs: number[]; wall: number[]; median: number };
const figures: Figure[] = [];

/**
 * The longest stretch the loop was held while `send` ran, from a timer that should fire every
 * millisecond: for each gap between two firings, the wall time and the CPU time the process
 * spent in it. A gap is counted as the smaller of the two: the CPU figure leaves out time the
 * machine gave to other processes (this one was not running then), the wall figure leaves out
 * CPU the garbage collector spent on its own threads meanwhile.
 */
async function maxDelayDuring(send: () => Promise<Reply>, expectStatus: number): Promise<{ held: number; wall: number }> {
  let held = 0;
  let wall = 0;
  let lastWall = performance.now();
  let lastCpu = process.cpuUsage();
  const probe = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const gap = now - lastWall;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    wall = Math.max(wall, gap);
    held = Math.max(held, Math.min(gap, cpuMs));
    lastWall = now;
    lastCpu = process.cpuUsage();
  }, 1);
  try {
    const reply = await send();
    if (reply.status !== expectStatus) throw new Error(`expected ${expectStatus}, got ${reply.status}: ${reply.body.toString('utf8').slice(0, 300)}`);
  } finally {
    clearInterval(probe);
  }
  return { held: Math.round(held * 10) / 10, wall: Math.round(wall * 10) / 10 };
}

async function scenario(name: string, expectStatus: number, prepare: (run: number) => Promise<() => Promise<Reply>>): Promise<Figure> {
  const runs: number[] = [];
  const wall: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const send = await prepare(run);
    const delay = await maxDelayDuring(send, expectStatus);
    if (run === 0) continue; // run 0 warms the code paths up
    runs.push(delay.held);
    wall.push(delay.wall);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  const figure = { scenario: name, runs, wall, median: sorted[Math.floor(sorted.length / 2)]! };
  figures.push(figure);
  return figure;
}

/** A raw request: the body goes out as given, the answer comes back unparsed. */
function send(t: TestApp, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${t.baseUrl}${path}`, { method, agent: false, headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const asReply = (res: request.Response): Reply => ({ status: res.status, body: Buffer.from(res.text ?? '') });

describe('event-loop delay at the documented limits', () => {
  let t: TestApp;
  let app: FakeDirectoryApp;
  let admin: Admin;
  let c: ScimConnector;
  let memberIds: string[];

  beforeAll(async () => {
    t = await startTestApp();
    app = await new FakeDirectoryApp().start();
    admin = await signUpAdmin(t);
    c = await createScimConnector(admin, app);
    // The members that exist: inserted directly, as 10,000 SCIM creates would take minutes.
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `INSERT INTO scim_users (company_id, connector_id, user_name, user_name_lower, resource, downstream_id)
       SELECT $1, $2, 'member' || i || '@example.com', 'member' || i || '@example.com',
              jsonb_build_object('schemas', jsonb_build_array($3::text), 'userName', 'member' || i || '@example.com', 'active', true), 'app-user-' || i
         FROM generate_series(1, $4::int) AS i
       RETURNING id`,
      [admin.me.company.id, c.id, USER_SCHEMA, MAX_MEMBERS_PER_REQUEST],
    );
    memberIds = rows.map((r) => r.id);
    for (let i = 1; i <= MAX_MEMBERS_PER_REQUEST; i++) {
      const email = `member${i}@example.com`;
      app.users.set(`app-user-${i}`, { id: `app-user-${i}`, email, name: email, userName: email, active: true });
    }
  }, 120_000);
  afterAll(async () => {
    // Printed for docs/performance.md.
    console.log(JSON.stringify({ engine: process.env.TEST_DB ?? 'pglite', figures }, null, 2));
    await app.stop();
    await t.close();
  });

  const scim = (method: string, path: string, body: unknown) => {
    const bytes = Buffer.from(JSON.stringify(body));
    return () => send(t, method, `/scim/v2/${c.id}${path}`, { Authorization: `Bearer ${c.token}`, 'Content-Type': SCIM_JSON }, bytes);
  };
  const members = () => memberIds.map((value) => ({ value }));

  it('POST /Users with 1,000 values in each multi-valued attribute', async () => {
    const n = MAX_VALUES_PER_ATTRIBUTE;
    const list = (f: (i: number) => Record<string, unknown>) => Array.from({ length: n }, (_, i) => f(i));
    const figure = await scenario('SCIM POST /Users, 1,000 values in each of 8 multi-valued attributes', 201, async (run) =>
      scim('POST', '/Users', {
        schemas: [USER_SCHEMA],
        userName: `big${run}@example.com`,
        name: { givenName: 'Big', familyName: 'User' },
        emails: list((i) => ({ value: `big${run}.${i}@example.com`, type: i === 0 ? 'work' : 'other', primary: i === 0 })),
        phoneNumbers: list((i) => ({ value: `+1 555 01${String(i).padStart(4, '0')}`, type: 'work' })),
        ims: list((i) => ({ value: `big${run}.${i}`, type: 'xmpp' })),
        photos: list((i) => ({ value: `https://photos.example.com/${run}/${i}.jpg`, type: 'photo' })),
        addresses: list((i) => ({ streetAddress: `${i} Main Street`, locality: 'Springfield', postalCode: String(10000 + i), country: 'US', type: 'work' })),
        entitlements: list((i) => ({ value: `entitlement-${i}` })),
        roles: list((i) => ({ value: `role-${i}` })),
        x509Certificates: list((i) => ({ value: `MIIC${i}` })),
      }),
    );
    expect(figure.median).toBeLessThan(BUDGET_MS);
  }, 120_000);

  it('POST /Groups with 10,000 members that exist', async () => {
    const figure = await scenario('SCIM POST /Groups, 10,000 existing members', 201, async (run) =>
      scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `Everyone ${run}`, members: members() }),
    );
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM scim_group_members m JOIN scim_groups g ON g.id = m.group_id WHERE g.display_name = 'Everyone 1'`);
    expect(n).toBe(MAX_MEMBERS_PER_REQUEST);
    expect(figure.median).toBeLessThan(BUDGET_MS);
  }, 120_000);

  it('PATCH /Groups adding 10,000 members that exist', async () => {
    let groupId = '';
    const figure = await scenario('SCIM PATCH /Groups, add 10,000 existing members', 204, async (run) => {
      const created = await scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `Patched ${run}` })();
      groupId = JSON.parse(created.body.toString('utf8')).id as string;
      return scim('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: members() }] });
    });
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM scim_group_members WHERE group_id = $1', [groupId]);
    expect(n).toBe(MAX_MEMBERS_PER_REQUEST);
    expect(figure.median).toBeLessThan(BUDGET_MS);
  }, 120_000);

  it('PATCH /Groups removing 10,000 members one operation each', async () => {
    let groupId = '';
    const figure = await scenario('SCIM PATCH /Groups, remove 10,000 members in 10,000 operations', 204, async (run) => {
      const created = await scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `Emptied ${run}`, members: members() })();
      groupId = JSON.parse(created.body.toString('utf8')).id as string;
      return scim('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: memberIds.map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` })) });
    });
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM scim_group_members WHERE group_id = $1', [groupId]);
    expect(n).toBe(0);
    expect(figure.median).toBeLessThan(BUDGET_MS);
  }, 120_000);

  // Nothing bounds one ingest record but the 50 MB body; the largest realistic one is a user
  // of 20,000 groups and 1,000 roles, about 1 MB of JSON.
  it('POST an ingest record of 1 MB', async () => {
    const key = (await createApiKey(admin)).key;
    const integrationId = await createIntegration(admin, [USER_ACCESS_MONITORING]);
    const record = {
      account_project_id: 'proj_123456',
      username: 'big.user',
      identifier: 'arn:aws:iam::123456789012:user/big.user',
      email: 'big.user@company.com',
      role: Array.from({ length: 1000 }, (_, i) => `Role number ${i}`),
      groups: Array.from({ length: 32000 }, (_, i) => `Engineering team group ${i}`),
      is_admin: false,
    };
    const body = JSON.stringify({ data: [record] });
    expect(body.length).toBeGreaterThan(MB * 0.9);
    const figure = await scenario('Ingest POST, one record of 1 MB (32,000 groups)', 200, async () => async () => asReply(await push(t, key, integrationId, 'list_users', body)));
    expect(figure.median).toBeLessThan(BUDGET_MS);
  }, 120_000);

  // The largest upload validate takes: a file just under VALIDATION_UPLOAD_MAX_BYTES (50 MB,
  // about 140,000 user records). The multipart body is built before the measure starts and sent
  // as raw bytes, so the test's own work is not measured.
  it('POST a file of the largest allowed size to validate', async () => {
    const integrationId = await createIntegration(admin, [USER_ACCESS_MONITORING]);
    const record = (i: number) =>
      JSON.stringify(
        {
          account_project_id: 'proj_123456',
          username: `user.${i}`,
          identifier: `arn:aws:iam::123456789012:user/user.${i}`,
          email: `user.${i}@company.com`,
          role: ['Developer', 'Team Lead'],
          groups: ['Engineering', 'Team-Alpha', `Group ${i % 100}`],
          is_admin: i % 10 === 0,
        },
        null,
        2,
      );
    const parts: string[] = [];
    let size = 20;
    for (let i = 0; size < VALIDATION_UPLOAD_MAX_BYTES - 4096; i++) {
      const text = record(i);
      parts.push(text);
      size += text.length + 2;
    }
    const file = Buffer.from(`{"data": [\n${parts.join(',\n')}\n]}`);
    expect(file.length).toBeLessThanOrEqual(VALIDATION_UPLOAD_MAX_BYTES);
    expect(file.length).toBeGreaterThan(VALIDATION_UPLOAD_MAX_BYTES - 8192);
    const boundary = 'validate-boundary-7f3a';
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="records.json"\r\nContent-Type: application/json\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers = { Cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'Content-Type': `multipart/form-data; boundary=${boundary}` };
    const path = `/api/integrations/${integrationId}/contexts/list_users/validate`;
    const figure = await scenario(`Validate upload, ${(file.length / MB).toFixed(1)} MB file of ${parts.length} records`, 200, async () => async () => {
      const reply = await send(t, 'POST', path, headers, multipart);
      expect(JSON.parse(reply.body.toString('utf8'))).toEqual({ valid: true, recordCount: parts.length, errorCount: 0, errors: [] });
      return reply;
    });
    expect(figure.median).toBeLessThan(BUDGET_MS);
  }, 600_000);

  // The largest XML document allowed: MAX_XML_ELEMENTS elements in chains MAX_XML_DEPTH deep,
  // each with attributes and text, as a SOAP-style answer would have, close to the 1,000,000
  // character sample limit.
  it('POST a Custom HTTP preview with the largest XML sample response', async () => {
    const depth = MAX_XML_DEPTH;
    const level = (i: number) => `<level${i} id="${i}" kind="node">${'n'.repeat(900)}`;
    const chain = (length: number) =>
      `${Array.from({ length }, (_, i) => level(i)).join('')}${Array.from({ length }, (_, i) => `</level${length - 1 - i}>`).join('')}`;
    let xml = '';
    let elements = 1;
    while (elements + depth <= MAX_XML_ELEMENTS) {
      xml += chain(depth - 1);
      elements += depth - 1;
    }
    xml = `<group>${xml}${chain(MAX_XML_ELEMENTS - elements - 1)}<id>42</id></group>`;
    expect(xml.match(/<[a-z]/g)).toHaveLength(MAX_XML_ELEMENTS);
    expect(xml.length).toBeLessThan(1_000_000);
    const body = JSON.stringify({ operation: 'create_group', sampleResponse: xml });
    const connector = await admin
      .post('/api/connectors')
      .send({
        name: `XML preview ${Date.now()}`,
        enabled: false,
        mappings: {
          create_group: {
            http_method: 'POST',
            url_template: 'https://api.example.com/v1/groups',
            body_kind: 'xml',
            content_type: 'text/xml',
            body_template: '<group><name>{group_name}</name></group>',
            success_status: [201],
            response_fields: { id: 'group/id' },
          },
        },
      })
      .expect(201);
    const read = await admin.post(`/api/connectors/${connector.body.id}/preview`).set('Content-Type', 'application/json').send(body).expect(200);
    expect(read.body.resolved_response).toMatchObject({ id: '42' });
    const figure = await scenario(`Custom HTTP preview, XML sample response of ${MAX_XML_ELEMENTS} elements, ${depth} deep (${xml.length} characters)`, 200, async () => async () =>
      asReply(await admin.post(`/api/connectors/${connector.body.id}/preview`).set('Content-Type', 'application/json').send(body)),
    );
    expect(figure.median).toBeLessThan(BUDGET_MS);
  }, 120_000);
});
