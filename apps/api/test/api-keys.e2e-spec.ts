import { createHash, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { checksum } from '../src/modules/api-keys/api-key-format.js';
import { LogCapture, signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

type CreatedKey = { id: string; name: string; prefix: string; key: string; expiresAt: string; lastUsedAt: string | null; revokedAt: string | null; status: string };

async function createKey(admin: Admin, body: Record<string, unknown> = {}): Promise<CreatedKey> {
  const res = await admin
    .post('/api/api-keys')
    .send({ name: 'CI uploader', expiresAt: inDays(90), ...body })
    .expect(201);
  return res.body as CreatedKey;
}

/** A key in the right format with a valid checksum that was never issued. */
function wellFormedUnknownKey(): string {
  const body = `ghk_${randomBytes(32).toString('base64url')}`;
  return body + checksum(body);
}

/** Changes one character of the secret part and leaves the checksum as it was. */
function mistype(key: string): string {
  const i = 20;
  return key.slice(0, i) + (key[i] === 'A' ? 'B' : 'A') + key.slice(i + 1);
}

describe('API keys', () => {
  let t: TestApp;
  let a: Admin;
  let b: Admin;
  const whoami = (key?: string) => {
    const req = request(t.http).get('/external/v2/whoami');
    return key === undefined ? req : req.set('x-api-key', key);
  };
  const listOf = async (admin: Admin) => (await admin.get('/api/api-keys').expect(200)).body as CreatedKey[];

  beforeAll(async () => {
    t = await startTestApp();
    a = await signUpAdmin(t, { companyName: 'Alpha Ltd' });
    b = await signUpAdmin(t, { companyName: 'Beta GmbH' });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/api-keys', () => {
    it('creates a key and shows the plaintext once; the list never shows it; the database holds only its hash', async () => {
      const expiresAt = inDays(30);
      const res = await a.post('/api/api-keys').send({ name: '  Nightly export  ', expiresAt }).expect(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const created = res.body as CreatedKey;
      expect(Object.keys(created).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'key', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'status']);
      expect(created).toMatchObject({ name: 'Nightly export', expiresAt: new Date(expiresAt).toISOString(), lastUsedAt: null, revokedAt: null, status: 'active' });
      expect(created.key).toMatch(/^ghk_[A-Za-z0-9_-]{43}[0-9A-Za-z]{6}$/);
      expect(created.prefix).toBe(created.key.slice(0, 12));

      const listed = (await listOf(a)).find((k) => k.id === created.id)!;
      const { key: _key, ...withoutKey } = created;
      expect(listed).toEqual(withoutKey);
      expect(JSON.stringify(await listOf(a))).not.toContain(created.key.slice(12));

      const rows = await t.dataSource.query('SELECT * FROM api_keys WHERE id = $1', [created.id]);
      expect(rows[0].key_hash).toBe(sha256(created.key));
      expect(rows[0].prefix).toBe(created.key.slice(0, 12));
      expect(rows[0].company_id).toBe(a.me.company.id);
      expect(rows[0].created_by).toBe(a.me.user.id);
      expect(JSON.stringify(rows)).not.toContain(created.key.slice(12));
    });

    it('accepts a 100-character name and an expiry just under two years ahead', async () => {
      const created = await createKey(a, { name: 'n'.repeat(100), expiresAt: new Date(Date.now() + 2 * 365 * DAY).toISOString() });
      expect(created.name).toHaveLength(100);
    });

    it.each([
      ['an empty name', { name: '   ' }, 'name', 'name must not be empty'],
      ['a 101-character name', { name: 'x'.repeat(101) }, 'name', 'name must be at most 100 characters'],
      ['a missing name', { name: undefined }, 'name', 'name is required'],
      ['an expiry in the past', { expiresAt: inDays(-1) }, 'expiresAt', 'expiresAt must be in the future'],
      ['an expiry more than two years ahead', { expiresAt: inDays(2 * 366 + 1) }, 'expiresAt', /^expiresAt must be at most 2 years ahead \(no later than \d{4}-/],
      ['an expiry that is not a date', { expiresAt: 'next tuesday' }, 'expiresAt', /^expiresAt must be an ISO 8601 date-time with a time zone/],
      ['a date without a time', { expiresAt: '2027-01-31' }, 'expiresAt', /^expiresAt must be an ISO 8601 date-time/],
      ['a missing expiry', { expiresAt: undefined }, 'expiresAt', /^expiresAt is required/],
      ['an unknown field', { scopes: ['*'] }, '(body)', 'unknown field "scopes": only name and expiresAt are accepted'],
    ])('refuses %s with 400 naming the field and the rule, and creates nothing', async (_what, override, path, message) => {
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM api_keys');
      const res = await a
        .post('/api/api-keys')
        .send({ name: 'Valid name', expiresAt: inDays(30), ...override })
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED' });
      expect(res.body.details).toHaveLength(1);
      expect(res.body.details[0].path).toBe(path);
      if (typeof message === 'string') expect(res.body.details[0].message).toBe(message);
      else expect(res.body.details[0].message).toMatch(message);
      expect(res.body.message).toContain(`${path}: ${res.body.details[0].message}`);
      const after = await t.dataSource.query('SELECT count(*)::int AS n FROM api_keys');
      expect(after[0].n).toBe(before[0].n);
    });

    it('needs an admin session and its CSRF token', async () => {
      await request(t.http).post('/api/api-keys').send({ name: 'x', expiresAt: inDays(30) }).expect(401);
      const res = await a.agent.post('/api/api-keys').send({ name: 'x', expiresAt: inDays(30) }).expect(403);
      expect(res.body.code).toBe('CSRF_FAILED');
    });
  });

  describe('GET /api/api-keys', () => {
    it('lists only the signed-in company’s keys: company B never sees company A’s', async () => {
      const ka = await createKey(a, { name: 'Alpha key' });
      const kb = await createKey(b, { name: 'Beta key' });
      const listA = await listOf(a);
      const listB = await listOf(b);
      expect(listA.map((k) => k.id)).toContain(ka.id);
      expect(listA.map((k) => k.id)).not.toContain(kb.id);
      expect(listB.map((k) => k.id)).toEqual([kb.id]);
      expect(JSON.stringify(listB)).not.toContain('Alpha');
      for (const k of [...listA, ...listB]) expect(k).not.toHaveProperty('key');
    });

    it('lists newest first and reports active, expired and revoked keys', async () => {
      const c = await signUpAdmin(t);
      const active = await createKey(c, { name: 'active' });
      const expired = await createKey(c, { name: 'expired' });
      const revoked = await createKey(c, { name: 'revoked' });
      await t.dataSource.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);
      await c.post(`/api/api-keys/${revoked.id}/revoke`).expect(200);
      const list = await listOf(c);
      expect(list.map((k) => [k.name, k.status])).toEqual([
        ['revoked', 'revoked'],
        ['expired', 'expired'],
        ['active', 'active'],
      ]);
      expect(list[2]!.id).toBe(active.id);
    });

    it('needs an admin session; an API key does not open admin routes', async () => {
      const { key } = await createKey(a);
      const res = await request(t.http).get('/api/api-keys').set('x-api-key', key).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('POST /api/api-keys/:id/revoke', () => {
    it('revokes with 200 and the key stops working on the very next request', async () => {
      const created = await createKey(a);
      await whoami(created.key).expect(200);
      const res = await a.post(`/api/api-keys/${created.id}/revoke`).expect(200);
      expect(res.body).toMatchObject({ id: created.id, status: 'revoked', revokedAt: expect.any(String) });
      expect(res.body).not.toHaveProperty('key');
      const refused = await whoami(created.key).expect(401);
      expect(refused.body.code).toBe('API_KEY_REVOKED');
    });

    it('revoking twice is a no-op 200 that keeps the first revocation time', async () => {
      const created = await createKey(a);
      const first = await a.post(`/api/api-keys/${created.id}/revoke`).expect(200);
      const second = await a.post(`/api/api-keys/${created.id}/revoke`).expect(200);
      expect(second.body).toEqual(first.body);
    });

    it('answers another company’s key id with 404 and leaves that key working', async () => {
      const created = await createKey(a);
      const res = await b.post(`/api/api-keys/${created.id}/revoke`).expect(404);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND', message: 'API key not found' });
      await whoami(created.key).expect(200);
      expect((await listOf(a)).find((k) => k.id === created.id)!.status).toBe('active');
    });

    it('answers a malformed or unknown id with 404', async () => {
      expect((await a.post('/api/api-keys/not-a-uuid/revoke').expect(404)).body.code).toBe('NOT_FOUND');
      expect((await a.post(`/api/api-keys/${UNKNOWN_UUID}/revoke`).expect(404)).body.code).toBe('NOT_FOUND');
    });
  });

  describe('GET /external/v2/whoami', () => {
    it('resolves a valid key to its company, key name and expiry, without a session', async () => {
      const created = await createKey(b, { name: 'Beta ingest' });
      const res = await whoami(created.key).expect(200);
      expect(res.body).toEqual({ company: { id: b.me.company.id, name: 'Beta GmbH' }, keyName: 'Beta ingest', expiresAt: created.expiresAt });
    });

    it('refuses a missing or empty header with 401 saying where the key goes', async () => {
      for (const res of [await whoami().expect(401), await whoami('').expect(401)]) {
        expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'API_KEY_MISSING', details: [] });
        expect(res.body.message).toMatch(/x-api-key header/);
        expect(res.body.message).toMatch(/Settings › Company Settings › API Keys/);
      }
    });

    it('an admin session alone does not pass the key guard', async () => {
      expect((await a.get('/external/v2/whoami').expect(401)).body.code).toBe('API_KEY_MISSING');
    });

    it('refuses a malformed key with 401 describing the format', async () => {
      const { key } = await createKey(a);
      for (const bad of ['hello', `Bearer ${key}`, key.slice(0, -1), `${key}=`]) {
        const res = await whoami(bad).expect(401);
        expect(res.body.code).toBe('API_KEY_MALFORMED');
        expect(res.body.message).toMatch(/keys start with ghk_ and are 53 characters long/);
      }
    });

    it('refuses a mistyped key by its checksum with 401', async () => {
      const { key } = await createKey(a);
      const res = await whoami(mistype(key)).expect(401);
      expect(res.body.code).toBe('API_KEY_MALFORMED');
      expect(res.body.message).toMatch(/fails its checksum, so it was mistyped or cut short/);
    });

    it('refuses a well-formed key that was never issued with 401', async () => {
      const res = await whoami(wellFormedUnknownKey()).expect(401);
      expect(res.body.code).toBe('API_KEY_UNKNOWN');
      expect(res.body.message).toMatch(/not recognised/);
    });

    it('refuses a key whose expiry passes while it is in use, naming the date', async () => {
      const created = await createKey(a);
      await whoami(created.key).expect(200);
      await t.dataSource.query(`UPDATE api_keys SET expires_at = '2026-01-15T08:30:00Z' WHERE id = $1`, [created.id]);
      const res = await whoami(created.key).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'API_KEY_EXPIRED' });
      expect(res.body.message).toBe('This API key expired on 2026-01-15T08:30:00.000Z; create a new key in Settings › Company Settings › API Keys.');
    });

    it('refuses a revoked key with 401, naming the revocation', async () => {
      const created = await createKey(a);
      await a.post(`/api/api-keys/${created.id}/revoke`).expect(200);
      const res = await whoami(created.key).expect(401);
      expect(res.body.code).toBe('API_KEY_REVOKED');
      expect(res.body.message).toMatch(/^This API key was revoked on \d{4}-\d\d-\d\dT.*; create a new key in Settings/);
    });

    it('tells a caller nothing about another company’s keys', async () => {
      const secretName = `Alpha secret integration ${Date.now()}`;
      const ka = await createKey(a, { name: secretName });
      // A key differing from company A's only in its secret part, with a valid checksum.
      const near = mistype(ka.key).slice(0, -6);
      const probes = [await whoami(near + checksum(near)).expect(401), await whoami(wellFormedUnknownKey()).expect(401)];
      expect(probes[0]!.body).toEqual(probes[1]!.body);
      for (const res of [...probes, await whoami(mistype(ka.key)).expect(401)]) {
        const text = JSON.stringify(res.body);
        for (const leak of [secretName, 'Alpha', a.me.company.id, ka.id, ka.prefix]) expect(text).not.toContain(leak);
      }
      // B's key always answers as B, whoever else has keys.
      const kb = await createKey(b);
      expect((await whoami(kb.key).expect(200)).body.company.id).toBe(b.me.company.id);
    });
  });

  describe('lastUsedAt', () => {
    it('is set on first use and not rewritten within a minute; rewritten once a minute has passed', async () => {
      const created = await createKey(a);
      const lastUsed = async () => (await listOf(a)).find((k) => k.id === created.id)!.lastUsedAt;
      expect(await lastUsed()).toBeNull();

      await whoami(created.key).expect(200);
      const first = await lastUsed();
      expect(first).not.toBeNull();
      expect(Math.abs(Date.parse(first!) - Date.now())).toBeLessThan(60_000);

      await whoami(created.key).expect(200);
      await whoami(created.key).expect(200);
      expect(await lastUsed()).toBe(first);

      await t.dataSource.query(`UPDATE api_keys SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [created.id]);
      const aged = await lastUsed();
      await whoami(created.key).expect(200);
      const refreshed = await lastUsed();
      expect(Date.parse(refreshed!)).toBeGreaterThan(Date.parse(aged!));
    });

    it('is not touched by a refused request', async () => {
      const created = await createKey(a);
      await a.post(`/api/api-keys/${created.id}/revoke`).expect(200);
      await whoami(created.key).expect(401);
      expect((await listOf(a)).find((k) => k.id === created.id)!.lastUsedAt).toBeNull();
    });
  });

  describe('logging', () => {
    it('never writes a plaintext key to the log', async () => {
      const created = await createKey(a);
      await whoami(created.key).expect(200);
      await whoami(mistype(created.key)).expect(401);
      await a.post(`/api/api-keys/${created.id}/revoke`).expect(200);
      await whoami(created.key).expect(401);
      expect(t.logs.text).toContain('/external/v2/whoami');
      expect(t.logs.text).toContain('[redacted]');
      expect(t.logs.text).not.toContain(created.key);
      expect(t.logs.text).not.toContain(created.key.slice(12, 40));
    });
  });
});

describe('POST /api/api-keys/:id/revoke with two API processes', () => {
  let t: TestApp;
  let second: { app: NestExpressApplication; http: Server };

  beforeAll(async () => {
    t = await startTestApp();
    // A second app on the same database stands in for another API process.
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', PORT: '0' });
    const app = await createApp({ config, databaseUrl: t.db.url, embeddedDatabase: t.db.embedded, logStream: new LogCapture(), webDist: null });
    await app.listen(0, '127.0.0.1');
    second = { app, http: app.getHttpServer() as Server };
  });
  afterAll(async () => {
    await second.app.close();
    await t.close();
  });

  it('a key revoked through one process is refused by the other on its next request', async () => {
    const admin = await signUpAdmin(t);
    const created = await createKey(admin);
    await request(second.http).get('/external/v2/whoami').set('x-api-key', created.key).expect(200);
    await admin.post(`/api/api-keys/${created.id}/revoke`).expect(200);
    const res = await request(second.http).get('/external/v2/whoami').set('x-api-key', created.key).expect(401);
    expect(res.body.code).toBe('API_KEY_REVOKED');
  });
});
