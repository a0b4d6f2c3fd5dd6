import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FakeDirectoryApp } from './support/scim-fake-app.js';
import { ERROR_SCHEMA, LIST_RESPONSE, SCIM_JSON, createScimConnector, scimClient, scimUser, type ScimConnector } from './support/scim.js';
import { connectorChangeHeard, signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

describe('SCIM token and discovery', () => {
  let t: TestApp;
  let app: FakeDirectoryApp;
  let a: Admin;
  let b: Admin;
  let ca: ScimConnector;
  let cb: ScimConnector;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'http://gatehouse.example.com' });
    app = await new FakeDirectoryApp().start();
    a = await signUpAdmin(t, { companyName: 'Alpha SCIM' });
    b = await signUpAdmin(t, { companyName: 'Beta SCIM' });
    ca = await createScimConnector(a, app);
    cb = await createScimConnector(b, app);
  });
  afterAll(async () => {
    await app.stop();
    await t.close();
  });

  describe('POST /api/connectors/:id/scim-token', () => {
    it('issues a token shown once, stored as its SHA-256 only, with the base URL under PUBLIC_URL', async () => {
      const c = await createScimConnector(a, app);
      const before = await a.get(`/api/connectors/${c.id}/scim-token`).expect(200);
      expect(before.body).toMatchObject({ hasToken: true, lastUsedAt: null, baseUrl: `http://gatehouse.example.com/scim/v2/${c.id}` });

      const res = await a.post(`/api/connectors/${c.id}/scim-token`).expect(201);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(Object.keys(res.body).sort()).toEqual(['baseUrl', 'createdAt', 'token']);
      expect(res.body.token).toMatch(/^ghs_[A-Za-z0-9_-]{43}$/);
      expect(res.body.baseUrl).toBe(`http://gatehouse.example.com/scim/v2/${c.id}`);
      const rows = await t.dataSource.query('SELECT * FROM scim_tokens WHERE connector_id = $1', [c.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).toBe(sha256(res.body.token));
      expect(rows[0].company_id).toBe(a.me.company.id);
      expect(JSON.stringify(rows)).not.toContain(res.body.token.slice(4));
      expect(JSON.stringify((await a.get(`/api/connectors/${c.id}/scim-token`).expect(200)).body)).not.toContain(res.body.token.slice(4));
    });

    it('rotates: the previous token stops working at once, the new one works', async () => {
      const c = await createScimConnector(a, app);
      await scimClient(t, c.id, c.token).get('/Users').expect(200);
      const rotated = (await a.post(`/api/connectors/${c.id}/scim-token`).expect(201)).body.token as string;
      expect(rotated).not.toBe(c.token);
      const old = await scimClient(t, c.id, c.token).get('/Users').expect(401);
      expect(old.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '401' });
      await scimClient(t, c.id, rotated).get('/Users').expect(200);
    });

    it('GET reports no token before one is issued, then when it was issued and last used', async () => {
      const created = await a.post('/api/connectors').send({ name: `No token yet ${Date.now()}` }).expect(201);
      const none = await a.get(`/api/connectors/${created.body.id}/scim-token`).expect(200);
      expect(none.body).toEqual({ hasToken: false, createdAt: null, lastUsedAt: null, baseUrl: `http://gatehouse.example.com/scim/v2/${created.body.id}` });

      const c = await createScimConnector(a, app);
      await scimClient(t, c.id, c.token).get('/ServiceProviderConfig').expect(200);
      const used = await a.get(`/api/connectors/${c.id}/scim-token`).expect(200);
      expect(used.body.hasToken).toBe(true);
      expect(Date.parse(used.body.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(used.body.createdAt));
    });

    it('records the last use at most once a minute', async () => {
      const c = await createScimConnector(a, app);
      const lastUsed = async () => (await a.get(`/api/connectors/${c.id}/scim-token`).expect(200)).body.lastUsedAt as string | null;
      expect(await lastUsed()).toBeNull();
      await scimClient(t, c.id, c.token).get('/Users').expect(200);
      const first = await lastUsed();
      expect(first).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await scimClient(t, c.id, c.token).get('/Users').expect(200);
      await scimClient(t, c.id, c.token).get('/ServiceProviderConfig').expect(200);
      expect(await lastUsed()).toBe(first);

      const heard = connectorChangeHeard(t.app, c.id);
      await t.dataSource.query(`UPDATE scim_tokens SET last_used_at = now() - interval '2 minutes' WHERE connector_id = $1`, [c.id]);
      await heard;
      const aged = await lastUsed();
      await scimClient(t, c.id, c.token).get('/Users').expect(200);
      const refreshed = await lastUsed();
      expect(Date.parse(refreshed!)).toBeGreaterThan(Date.parse(aged!));
    });

    it("is company-scoped: another company's connector is 404 for issue and status, and its token is untouched", async () => {
      await b.post(`/api/connectors/${ca.id}/scim-token`).expect(404);
      await b.get(`/api/connectors/${ca.id}/scim-token`).expect(404);
      await a.post(`/api/connectors/${UNKNOWN_UUID}/scim-token`).expect(404);
      await a.post('/api/connectors/not-a-uuid/scim-token').expect(404);
      await scimClient(t, ca.id, ca.token).get('/Users').expect(200);
    });

    it('needs an admin session (and CSRF token)', async () => {
      await request(t.http).post(`/api/connectors/${ca.id}/scim-token`).expect(401);
      await request(t.http).get(`/api/connectors/${ca.id}/scim-token`).expect(401);
      await a.agent.post(`/api/connectors/${ca.id}/scim-token`).expect(403);
    });
  });

  describe('authentication of /scim/v2/{connectorId}', () => {
    const expect401 = async (res: request.Response) => {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body).toEqual({ schemas: [ERROR_SCHEMA], status: '401', detail: expect.stringContaining('Authorization: Bearer') });
      // It names where the token is found in the web app: the Provisioning page, the instance, its SCIM connection tab.
      expect(res.body.detail).toContain('Provisioning › (the instance) › SCIM connection');
    };

    it('answers 401 in SCIM form for a missing, malformed, unknown or wrongly-schemed token', async () => {
      await expect401(await scimClient(t, ca.id, null).get('/Users'));
      await expect401(await scimClient(t, ca.id, 'ghs_short').get('/Users'));
      await expect401(await scimClient(t, ca.id, `ghs_${'A'.repeat(43)}`).get('/Users'));
      await expect401(await request(t.http).get(`/scim/v2/${ca.id}/Users`).set('Authorization', `Basic ${ca.token}`));
      await expect401(await request(t.http).get(`/scim/v2/${ca.id}/Users`).set('Authorization', ca.token));
      await expect401(await scimClient(t, ca.id, null).post('/Users', scimUser('nobody')));
      await expect401(await scimClient(t, ca.id, null).get('/ServiceProviderConfig'));
    });

    it("does not let one connector's token reach another connector, in its own company or another", async () => {
      const other = await createScimConnector(a, app);
      const created = await scimClient(t, ca.id, ca.token).post('/Users', scimUser('isolated.user')).expect(201);
      await expect401(await scimClient(t, ca.id, other.token).get('/Users'));
      await expect401(await scimClient(t, ca.id, cb.token).get(`/Users/${created.body.id}`));
      await expect401(await scimClient(t, ca.id, cb.token).delete(`/Users/${created.body.id}`));
      // B's token on B's URL sees only B's users: A's user id is unknown there.
      const res = await scimClient(t, cb.id, cb.token).get(`/Users/${created.body.id}`).expect(404);
      expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404', scimType: 'noTarget' });
      const list = await scimClient(t, cb.id, cb.token).get('/Users?filter=userName eq "isolated.user"').expect(200);
      expect(list.body.totalResults).toBe(0);
      await scimClient(t, ca.id, ca.token).get(`/Users/${created.body.id}`).expect(200);
    });

    it('answers 401 for an unknown connector or a malformed connector id, even with a valid token', async () => {
      await expect401(await scimClient(t, UNKNOWN_UUID, ca.token).get('/Users'));
      await expect401(await scimClient(t, 'abc', ca.token).get('/Users'));
    });

    it('stops working when the connector is deleted', async () => {
      const c = await createScimConnector(a, app);
      await scimClient(t, c.id, c.token).get('/Users').expect(200);
      await a.delete(`/api/connectors/${c.id}`).expect(204);
      await expect401(await scimClient(t, c.id, c.token).get('/Users'));
      expect(await t.dataSource.query('SELECT 1 FROM scim_tokens WHERE connector_id = $1', [c.id])).toHaveLength(0);
    });

    it('never writes the token to the logs', () => {
      expect(t.logs.text).not.toContain(ca.token.slice(4));
      expect(t.logs.text).not.toContain(cb.token.slice(4));
    });
  });

  describe('discovery', () => {
    it('GET /ServiceProviderConfig says what the server supports, in application/scim+json', async () => {
      const res = await scimClient(t, ca.id, ca.token).get('/ServiceProviderConfig').expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(res.body).toMatchObject({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: true },
        bulk: { supported: false },
        filter: { supported: true, maxResults: 1000 },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: false },
        authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken', primary: true })],
        meta: { resourceType: 'ServiceProviderConfig', location: `${ca.baseUrl}/ServiceProviderConfig` },
      });
      // ETags are not supported, so no answer carries one an identity provider could send back.
      expect(res.headers.etag).toBeUndefined();
      const users = await scimClient(t, ca.id, ca.token).get('/Users').expect(200);
      expect(users.headers.etag).toBeUndefined();
    });

    it('GET /ResourceTypes lists User then Group; /ResourceTypes/User is one of them', async () => {
      const c = scimClient(t, ca.id, ca.token);
      const list = await c.get('/ResourceTypes').expect(200);
      expect(list.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 2, startIndex: 1, itemsPerPage: 2 });
      expect(list.body.Resources.map((r: { endpoint: string }) => r.endpoint)).toEqual(['/Users', '/Groups']);
      const user = await c.get('/ResourceTypes/User').expect(200);
      expect(user.body).toMatchObject({ id: 'User', endpoint: '/Users', schema: 'urn:ietf:params:scim:schemas:core:2.0:User', meta: { location: `${ca.baseUrl}/ResourceTypes/User` } });
      await c.get('/ResourceTypes/group').expect(200);
      const missing = await c.get('/ResourceTypes/Device').expect(404);
      expect(missing.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
    });

    it('GET /Schemas lists User, EnterpriseUser and Group; /Schemas/{urn} is one of them', async () => {
      const c = scimClient(t, ca.id, ca.token);
      const list = await c.get('/Schemas').expect(200);
      expect(list.body.totalResults).toBe(3);
      expect(list.body.Resources.map((s: { id: string }) => s.id)).toEqual([
        'urn:ietf:params:scim:schemas:core:2.0:User',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
        'urn:ietf:params:scim:schemas:core:2.0:Group',
      ]);
      const group = await c.get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group').expect(200);
      expect(group.body.attributes.map((a: { name: string }) => a.name)).toEqual(['displayName', 'members']);
      await c.get('/Schemas/urn:example:nope').expect(404);
    });

    it('accepts resource paths in any case', async () => {
      const c = scimClient(t, ca.id, ca.token);
      await c.get('/serviceproviderconfig').expect(200);
      await c.get('/resourcetypes').expect(200);
      await c.get('/schemas').expect(200);
      await c.get('/users').expect(200);
      await c.get('/groups').expect(200);
      await c.post('/users', scimUser('lowercase.path')).expect(201);
    });

    it('answers unknown endpoints with a SCIM 404 once authenticated, and 401 before', async () => {
      const res = await scimClient(t, ca.id, ca.token).post('/Bulk', { Operations: [] }).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
      await scimClient(t, ca.id, ca.token).get('/Me').expect(404);
      await scimClient(t, ca.id, null).get('/Me').expect(401);
    });
  });

  describe('request bodies and errors', () => {
    it('accepts application/json as well as application/scim+json', async () => {
      const res = await request(t.http)
        .post(`/scim/v2/${ca.id}/Users`)
        .set('Authorization', `Bearer ${ca.token}`)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(scimUser('plain.json')))
        .expect(201);
      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    });

    it('answers a body that is not JSON with 400 invalidSyntax in SCIM form', async () => {
      const res = await request(t.http)
        .post(`/scim/v2/${ca.id}/Users`)
        .set('Authorization', `Bearer ${ca.token}`)
        .set('Content-Type', SCIM_JSON)
        .send('{"userName": ')
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidSyntax' });
    });

    it('answers a bad filter with 400 invalidFilter', async () => {
      const res = await scimClient(t, ca.id, ca.token).get('/Users?filter=userName eq').expect(400);
      expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidFilter' });
    });
  });

  describe('a disabled connector', () => {
    it('answers Users and Groups with 503 (provisioning paused) and still serves discovery', async () => {
      const c = await createScimConnector(a, app);
      await a.patch(`/api/connectors/${c.id}`).send({ enabled: false }).expect(200);
      const client = scimClient(t, c.id, c.token);
      const res = await client.get('/Users').expect(503);
      expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '503', detail: expect.stringContaining('disabled') });
      await client.post('/Users', scimUser('paused')).expect(503);
      await client.get('/Groups').expect(503);
      await client.get('/ServiceProviderConfig').expect(200);
      await a.patch(`/api/connectors/${c.id}`).send({ enabled: true }).expect(200);
      await client.get('/Users').expect(200);
    });
  });
});
