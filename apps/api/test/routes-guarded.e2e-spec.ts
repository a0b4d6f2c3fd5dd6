import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listRoutes } from './support/routes.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Every route is guarded or visibly public. Routes default to the admin session; this test
 * lists the ones that declare another way in, so a new public route is a deliberate change.
 */
const EXPECTED_NON_SESSION: Record<string, string> = {
  'GET /api/health': 'public',
  'GET /api/health/live': 'public',
  'GET /api/health/ready': 'public',
  'POST /api/auth/signup': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /external/v2/whoami': 'api-key',
  'POST /external/v2/integration/:integrationId/context/:contextKey': 'api-key',
  // SCIM 2.0 for identity providers: the connector's SCIM token, discovery included.
  'GET /scim/v2/:connectorId/ServiceProviderConfig': 'scim-token',
  'GET /scim/v2/:connectorId/ResourceTypes': 'scim-token',
  'GET /scim/v2/:connectorId/ResourceTypes/:name': 'scim-token',
  'GET /scim/v2/:connectorId/Schemas': 'scim-token',
  'GET /scim/v2/:connectorId/Schemas/:id': 'scim-token',
  'POST /scim/v2/:connectorId/Users': 'scim-token',
  'GET /scim/v2/:connectorId/Users': 'scim-token',
  'GET /scim/v2/:connectorId/Users/:id': 'scim-token',
  'PUT /scim/v2/:connectorId/Users/:id': 'scim-token',
  'PATCH /scim/v2/:connectorId/Users/:id': 'scim-token',
  'DELETE /scim/v2/:connectorId/Users/:id': 'scim-token',
  'POST /scim/v2/:connectorId/Groups': 'scim-token',
  'GET /scim/v2/:connectorId/Groups': 'scim-token',
  'GET /scim/v2/:connectorId/Groups/:id': 'scim-token',
  'PUT /scim/v2/:connectorId/Groups/:id': 'scim-token',
  'PATCH /scim/v2/:connectorId/Groups/:id': 'scim-token',
  'DELETE /scim/v2/:connectorId/Groups/:id': 'scim-token',
  'ALL /scim/v2/:connectorId/*path': 'scim-token',
};

describe('route guards', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('only the listed routes skip the admin session', () => {
    const found: Record<string, string> = {};
    for (const r of listRoutes(t.app)) if (r.kind !== 'session') found[`${r.method} ${r.path}`] = r.kind;
    expect(found).toEqual(EXPECTED_NON_SESSION);
  });

  it('the Import accounts routes (they call the app and change links) need the admin session', () => {
    const reconcile = listRoutes(t.app).filter((r) => r.path.startsWith('/api/connectors/:id/reconcile'));
    expect(reconcile.map((r) => `${r.method} ${r.path} ${r.kind}`).sort()).toEqual([
      'POST /api/connectors/:id/reconcile session',
      'POST /api/connectors/:id/reconcile/link session',
    ]);
  });

  it('the call log and provision on demand answer 401 without an admin session', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const attempts = [
      fetch(`${t.baseUrl}/api/connectors/${id}/calls`),
      fetch(`${t.baseUrl}/api/connectors/${id}/calls/${id}`),
      fetch(`${t.baseUrl}/api/connectors/${id}/provision-user`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scimUserId: id }) }),
    ];
    expect((await Promise.all(attempts)).map((r) => r.status)).toEqual([401, 401, 401]);
  });

  it('every API route is described in the OpenAPI document at /api/docs-json', async () => {
    const res = await fetch(`${t.baseUrl}/api/docs-json`);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const missing = listRoutes(t.app)
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({ method: r.method.toLowerCase(), path: r.path.replace(/:([A-Za-z]+)\??/g, '{$1}') }))
      .filter((r) => !doc.paths[r.path]?.[r.method])
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(missing).toEqual([]);
  });
});
