import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import request from 'supertest';
import { createApiKey, createIntegration, ingestPath, push } from '../support/ingest.js';
import { listRoutes, type RouteInfo } from '../support/routes.js';
import { FakeDirectoryApp } from '../support/scim-fake-app.js';
import { ERROR_SCHEMA, SCIM_JSON, createScimConnector, patchOp, scimClient, scimUser, type ScimClient, type ScimConnector } from '../support/scim.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from '../support/test-app.js';

// Text PostgreSQL cannot take, sent to every route that takes text: each must be a 4xx naming the
// field (never a 500), and a refused request must change nothing.

const DEEP_LEVELS = 10_000;
/** `{"a":{"a":…1…}}` nested DEEP_LEVELS deep, as JSON text (building it as an object and stringifying would recurse). */
const deepJson = (levels = DEEP_LEVELS) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

/** Bad strings, as JSON string literals (JSON.stringify keeps a lone surrogate as its \u escape). */
const BAD_STRINGS: Record<string, string> = {
  NUL: JSON.stringify('before\u0000after'),
  'a lone high surrogate': JSON.stringify('before\ud800after'),
  'a lone low surrogate': JSON.stringify('before\udc00after'),
  'a 900 KB string': JSON.stringify('x'.repeat(900 * 1024)),
};
const BAD_VALUES: Record<string, string> = { ...BAD_STRINGS, [`${DEEP_LEVELS} levels of nesting`]: deepJson() };

/** The same list for a URL (path parameter or query value). */
const BAD_URL_TEXT: Record<string, string> = {
  NUL: 'before%00after',
  'a lone high surrogate (as CESU-8)': 'before%ED%A0%80after',
  'a lone low surrogate (as CESU-8)': 'before%ED%B0%80after',
  'a 900 KB string': 'x'.repeat(900 * 1024),
};

/** A message naming `field`: the admin API's `message`, SCIM's `detail`. */
const messageOf = (body: unknown): string => {
  const b = body as { message?: string; detail?: string };
  return String(b.message ?? b.detail ?? '');
};

type Arguments = { body: boolean; query: boolean };

/** Routes that take the parsed JSON body from the request rather than as a @Body argument. */
const READS_BODY_ITSELF = ['POST /api/integrations/:id/contexts/:contextKey/validate'];

/** Whether each route's handler takes a @Body and a @Query (the request parts the app reads as text). */
function routeArguments(t: TestApp): Map<string, Arguments> {
  const discovery = t.app.get(DiscoveryService);
  const scanner = t.app.get(MetadataScanner);
  const found = new Map<string, Arguments>();
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, wrapper.metatype, name) ?? {}) as Record<string, unknown>;
      const types = Object.keys(args).map((k) => Number(k.split(':')[0]));
      found.set(`${wrapper.metatype.name}.${name}`, { body: types.includes(RouteParamtypes.BODY), query: types.includes(RouteParamtypes.QUERY) });
    }
  }
  return found;
}

describe('hostile text: NUL, lone surrogates, 900 KB strings, 10,000 levels of nesting, invalid UTF-8', () => {
  let t: TestApp;
  let app: FakeDirectoryApp;
  let admin: Admin;
  let connector: ScimConnector;
  let scim: ScimClient;
  let apiKey: string;
  let integrationId: string;
  let userId: string;
  let groupId: string;
  let routes: (RouteInfo & Arguments)[];
  const contextKey = 'list_employees';

  /** A fingerprint of every table a refused request must leave alone (a key's or token's last use aside). */
  async function snapshot(): Promise<Record<string, string>> {
    const tables = (await t.dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'sessions', 'connector_calls', 'ingest_submissions') ORDER BY tablename`,
    )) as { tablename: string }[];
    const out: Record<string, string> = {};
    for (const { tablename } of tables) {
      const [row] = (await t.dataSource.query(`SELECT count(*)::text AS n, coalesce(md5(string_agg((to_jsonb(t) - 'last_used_at')::text, '|' ORDER BY (to_jsonb(t) - 'last_used_at')::text)), '') AS h FROM "${tablename}" t`)) as { n: string; h: string }[];
      out[tablename] = `${row!.n}:${row!.h}`;
    }
    // Refused pushes are kept in the history as refusals; an accepted one would be a change.
    const [accepted] = (await t.dataSource.query(`SELECT count(*)::text AS n FROM ingest_submissions WHERE status <> 'refused'`)) as { n: string }[];
    out['ingest_submissions (accepted)'] = accepted!.n;
    return out;
  }

  const fill = (path: string, params: Record<string, string> = {}) =>
    path.replace(/:([A-Za-z]+)|\*path/g, (m, name: string | undefined) => {
      if (m === '*path') return 'Unknown';
      if (params[name!] !== undefined) return params[name!]!;
      switch (name) {
        case 'connectorId':
          return connector.id;
        case 'integrationId':
          return integrationId;
        case 'contextKey':
          return contextKey;
        case 'name':
          return 'User';
        case 'callId':
          return '5f0c8a8e-3b1d-4c52-9a57-2f7d1d0e6b11';
        case 'id':
          if (path.startsWith('/scim/v2/:connectorId/Groups')) return groupId;
          if (path.startsWith('/scim/v2/:connectorId/Users')) return userId;
          if (path.startsWith('/scim/v2/:connectorId/Schemas')) return 'urn:ietf:params:scim:schemas:core:2.0:User';
          if (path.startsWith('/api/integrations')) return integrationId;
          return connector.id;
        default:
          throw new Error(`no value for :${name} in ${path}`);
      }
    });

  /** A request to `route` as its caller would send it: admin session, API key or SCIM token. */
  function send(route: RouteInfo, url: string, body?: string) {
    const method = (route.method === 'ALL' ? 'post' : route.method.toLowerCase()) as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = route.kind === 'session' ? admin.agent[method](url).set('x-csrf-token', admin.csrf) : request(t.http)[method](url);
    if (route.kind === 'api-key') req = req.set('x-api-key', apiKey);
    if (route.kind === 'scim-token') req = req.set('Authorization', `Bearer ${connector.token}`);
    if (body !== undefined) req = req.set('Content-Type', route.kind === 'scim-token' ? SCIM_JSON : 'application/json').send(body);
    return req;
  }

  beforeAll(async () => {
    t = await startTestApp();
    app = await new FakeDirectoryApp().start();
    admin = await signUpAdmin(t);
    connector = await createScimConnector(admin, app);
    scim = scimClient(t, connector.id, connector.token);
    userId = (await scim.post('/Users', scimUser('ada@example.com')).expect(201)).body.id;
    groupId = (await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Engineers' }).expect(201)).body.id;
    const monitorings = (await admin.get('/api/monitorings').expect(200)).body as { id: string; contexts: { key: string }[] }[];
    const withContext = monitorings.find((m) => m.contexts.some((c) => c.key === contextKey))!;
    integrationId = await createIntegration(admin, [withContext.id]);
    apiKey = (await createApiKey(admin)).key;
    const args = routeArguments(t);
    const discovery = t.app.get(DiscoveryService);
    const scanner = t.app.get(MetadataScanner);
    // listRoutes gives paths and auth; the arguments come from the same handlers, in the same order.
    const handlerKeys: string[] = [];
    for (const wrapper of discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || !wrapper.metatype) continue;
      for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        if (Reflect.getMetadata('path', (instance as Record<string, object>)[name]!) !== undefined) handlerKeys.push(`${wrapper.metatype.name}.${name}`);
      }
    }
    routes = listRoutes(t.app).map((r, i) => ({ ...r, ...(args.get(handlerKeys[i]!) ?? { body: false, query: false }) }));
  }, 60_000);

  afterAll(async () => {
    await app.stop();
    await t.close();
  });

  it('finds the routes it attacks', () => {
    const withBody = routes.filter((r) => r.body).map((r) => `${r.method} ${r.path}`);
    expect(withBody).toEqual(expect.arrayContaining(['POST /api/auth/signup', 'PATCH /api/company', 'POST /api/connectors', 'POST /scim/v2/:connectorId/Users', 'PATCH /scim/v2/:connectorId/Groups/:id']));
    expect(routes.filter((r) => r.query).map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /api/integrations/:id/contexts/:contextKey/records', 'GET /scim/v2/:connectorId/Users']),
    );
  });

  it('every route that takes a JSON body refuses each bad value with a 4xx naming the field, and changes nothing', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.body || READS_BODY_ITSELF.includes(`${r.method} ${r.path}`))) {
      for (const [what, value] of Object.entries(BAD_VALUES)) {
        const res = await send(route, fill(route.path), `{"displayName":${value}}`);
        const message = messageOf(res.body);
        const named = /displayName/.test(message) || what === 'a 900 KB string';
        // A 900 KB string may also be refused for its length or as an unknown field (the dry run
        // answers 200 with its verdict); every other case by the text rules.
        const dryRunVerdict = what === 'a 900 KB string' && res.status === 200 && res.body.valid === false;
        if (!dryRunVerdict && (res.status >= 500 || res.status < 400 || !named)) failures.push(`${route.method} ${route.path} with ${what}: ${res.status} ${message.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  it('every path parameter refuses each bad value with a 4xx, and changes nothing', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    for (const route of routes) {
      for (const param of route.path.match(/:[A-Za-z]+/g) ?? []) {
        for (const [what, value] of Object.entries(BAD_URL_TEXT)) {
          const res = await send(route, fill(route.path, { [param.slice(1)]: value }));
          if (res.status >= 500 || res.status < 400) failures.push(`${route.method} ${route.path} with ${what} in ${param}: ${res.status} ${messageOf(res.body).slice(0, 200)}`);
          else if (what === 'NUL' && res.status === 400 && !messageOf(res.body).includes(param.slice(1))) failures.push(`${route.method} ${route.path}: NUL in ${param} refused without naming it: ${messageOf(res.body)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
  }, 180_000);

  it('every route that reads a query refuses each bad value in it with a 4xx naming the parameter', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.query && r.method === 'GET')) {
      for (const [what, value] of Object.entries(BAD_URL_TEXT)) {
        // A query value is decoded leniently: bytes that are not UTF-8 stay as the literal %-text, which is harmless.
        if (what.includes('CESU-8')) continue;
        if (what === 'a 900 KB string') continue; // refused by the HTTP server itself (431), below
        const param = route.path.startsWith('/scim/') ? 'filter' : 'q';
        const res = await send(route, `${fill(route.path)}?${param}=${value}`);
        if (res.status !== 400 || !messageOf(res.body).includes(param)) failures.push(`${route.method} ${route.path} with ${what} in ${param}: ${res.status} ${messageOf(res.body).slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    const long = await send(routes.find((r) => r.path === '/api/integrations/:id/contexts/:contextKey/records')!, `${fill('/api/integrations/:id/contexts/:contextKey/records')}?q=${'x'.repeat(900 * 1024)}`);
    expect(long.status).toBe(431);
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  describe('the cases of the report, field by field', () => {
    it('signup: NUL in the company name is a 400 naming companyName', async () => {
      const res = await request(t.http)
        .post('/api/auth/signup')
        .set('Content-Type', 'application/json')
        .send(`{"companyName":"Acme\\u0000","name":"Eve","email":"eve@example.com","password":"correct horse battery staple"}`);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('Request body is invalid: companyName: must not contain the NUL character (U+0000), which cannot be stored');
      expect(res.body.details).toEqual([{ path: 'companyName', message: 'must not contain the NUL character (U+0000), which cannot be stored' }]);
      await request(t.http).post('/api/auth/login').send({ email: 'eve@example.com', password: 'correct horse battery staple' }).expect(401);
    });

    it('company and connector names: a lone surrogate is a 400 naming the field', async () => {
      const company = await admin.patch('/api/company').set('Content-Type', 'application/json').send('{"name":"Acme \\ud800"}');
      expect(company.status).toBe(400);
      expect(company.body.message).toMatch(/^Request body is invalid: name: must not contain an unpaired UTF-16 surrogate/);
      const copy = await admin.post(`/api/connectors/${connector.id}/copy`).set('Content-Type', 'application/json').send('{"name":"Copy \\udc00"}');
      expect(copy.status).toBe(400);
      expect(copy.body.details[0].path).toBe('name');
    });

    it('mappings: NUL in a key is a 400 naming its path; 10,000 levels of nesting is a 400, not a crash', async () => {
      const nul = await admin.patch(`/api/connectors/${connector.id}`).set('Content-Type', 'application/json').send('{"mappings":{"create_user":{"headers":{"X-\\u0000":"1"}}}}');
      expect(nul.status).toBe(400);
      expect(nul.body.details[0].path).toBe('mappings.create_user.headers.X-\u0000');
      const deep = await admin.patch(`/api/connectors/${connector.id}`).set('Content-Type', 'application/json').send(`{"mappings":${deepJson()}}`);
      expect(deep.status).toBe(400);
      expect(deep.body.message).toMatch(/^Request body is invalid: mappings(\.a)+: is nested more than 64 levels deep$/);
    });

    it('records search: NUL in q is a 400 naming q', async () => {
      const res = await admin.get(`/api/integrations/${integrationId}/contexts/${contextKey}/records?q=ada%00`);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('Query is invalid: q: must not contain the NUL character (U+0000), which cannot be stored');
    });

    it('SCIM: NUL or a lone surrogate in userName is 400 invalidValue; in a filter, 400 invalidFilter', async () => {
      for (const userName of ['"eve\\u0000@example.com"', '"eve\\ud800@example.com"']) {
        const res = await request(t.http)
          .post(`/scim/v2/${connector.id}/Users`)
          .set({ Authorization: `Bearer ${connector.token}`, 'Content-Type': SCIM_JSON })
          .send(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":${userName}}`);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidValue' });
        expect(res.body.detail).toMatch(/^Request body is invalid: userName: must not contain/);
      }
      const filter = await scim.get(`/Users?filter=${encodeURIComponent('userName eq "\u0000"')}`);
      expect(filter.status).toBe(400);
      expect(filter.body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
      expect(filter.body.detail).toMatch(/^Query is invalid: filter: must not contain the NUL character/);
      expect(app.users.size).toBe(1);
    });

    it('SCIM: a 900 KB userName, displayName or externalId is 400 invalidValue naming the attribute and its limit', async () => {
      const long = 'x'.repeat(900 * 1024);
      const create = await scim.post('/Users', scimUser('bob@example.com', { userName: `${long}@example.com` }));
      expect(create.status).toBe(400);
      expect(create.body).toMatchObject({ scimType: 'invalidValue', detail: expect.stringMatching(/^Attribute "userName" must be at most 256 characters/) });
      const replace = await scim.put(`/Users/${userId}`, scimUser('ada@example.com', { externalId: long }));
      expect(replace.status).toBe(400);
      expect(replace.body.detail).toMatch(/^Attribute "externalId" must be at most 256 characters/);
      const patched = await scim.patch(`/Groups/${groupId}`, patchOp({ op: 'replace', path: 'displayName', value: long }));
      expect(patched.status).toBe(400);
      expect(patched.body.detail).toMatch(/^Attribute "displayName" must be at most 256 characters/);
      // Multi-byte characters count as characters; 256 of the widest still fit the database's index.
      await scim.post('/Users', scimUser(`${'😀'.repeat(240)}@x.io`)).expect(201);
      expect(app.users.size).toBe(2);
    });
  });

  describe('invalid UTF-8', () => {
    const prefix = '{"data":[{"id":"emp_1","email":"';
    const SEQUENCES: Record<string, number[]> = {
      'c3 28 (bad continuation)': [0xc3, 0x28],
      'ff fe (never UTF-8)': [0xff, 0xfe],
      'c0 80 (overlong NUL)': [0xc0, 0x80],
      'ed a0 80 (a surrogate encoded)': [0xed, 0xa0, 0x80],
    };

    it.each(Object.entries(SEQUENCES))('ingest refuses %s with 400 naming the byte offset, plain and gzipped; nothing stored', async (_what, bad) => {
      const before = await snapshot();
      const body = Buffer.concat([Buffer.from(prefix), Buffer.from(bad), Buffer.from('"}]}')]);
      const plain = await push(t, apiKey, integrationId, contextKey, body);
      expect(plain.status).toBe(400);
      expect(plain.body.message).toMatch(new RegExp(`^The body is not valid UTF-8: the byte sequence at byte offset ${prefix.length} is not a UTF-8 character`));
      const gzipped = await push(t, apiKey, integrationId, contextKey, gzipSync(body), { 'Content-Encoding': 'gzip' });
      expect(gzipped.status).toBe(400);
      expect(gzipped.body.message).toMatch(new RegExp(`byte offset ${prefix.length} of the decompressed body`));
      expect(await snapshot()).toEqual(before);
    });

    it('ingest refuses a body whose last character is cut short', async () => {
      const body = Buffer.concat([Buffer.from('{"data":[]}'), Buffer.from([0xe2, 0x82])]);
      const res = await push(t, apiKey, integrationId, contextKey, body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/byte offset 11 is not a UTF-8 character/);
    });

    it('the admin API and SCIM refuse invalid UTF-8 in a JSON body with 400 naming the byte offset', async () => {
      const before = await snapshot();
      const raw = (data: unknown) => data as string;
      const company = await admin.patch('/api/company').set('Content-Type', 'application/json').serialize(raw).send(Buffer.concat([Buffer.from('{"name":"Acme '), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]));
      expect(company.status).toBe(400);
      expect(company.body.message).toMatch(/^Request body is not valid UTF-8: the byte sequence at byte offset 14 /);
      const user = await request(t.http)
        .post(`/scim/v2/${connector.id}/Users`)
        .set({ Authorization: `Bearer ${connector.token}`, 'Content-Type': SCIM_JSON })
        .serialize(raw)
        .send(Buffer.concat([Buffer.from('{"userName":"eve'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]));
      expect(user.status).toBe(400);
      expect(user.body).toMatchObject({ scimType: 'invalidSyntax', detail: expect.stringMatching(/byte offset 16 /) });
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('ingest records', () => {
    it.each([
      ['NUL', '"a\\u0000b"', /data\[0\]\.email contains the NUL character/],
      ['a lone surrogate', '"a\\ud800b"', /data\[0\]\.email contains .*unpaired UTF-16 surrogate/],
      [`${DEEP_LEVELS} levels of nesting`, deepJson(), /data\[0\] is nested more than \d+ levels deep/],
    ])('refuses %s in a record with 400 naming the record and path; nothing stored', async (_what, value, message) => {
      const before = await snapshot();
      const res = await push(t, apiKey, integrationId, contextKey, `{"data":[{"id":"emp_1","email":${value}}]}`);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
      expect(await snapshot()).toEqual(before);
    });
  });
});
