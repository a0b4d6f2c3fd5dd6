import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { AUTH_KIND } from '../src/common/http/auth-kind.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Every route is guarded or visibly public. Routes default to the admin session; this test
 * lists the ones that declare another way in, so a new public route is a deliberate change.
 */
const EXPECTED_NON_SESSION: Record<string, string> = {
  'GET /api/health': 'public',
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
    const discovery = t.app.get(DiscoveryService);
    const scanner = t.app.get(MetadataScanner);
    const reflector = t.app.get(Reflector);
    const found: Record<string, string> = {};
    for (const wrapper of discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || !wrapper.metatype) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? '');
      for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const handler = (instance as Record<string, unknown>)[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const kind = reflector.getAllAndOverride<string>(AUTH_KIND, [handler as never, wrapper.metatype as never]) ?? 'session';
        const route = `${method} /${[base, String(path)].filter((s) => s && s !== '/').join('/')}`.replace(/\/+/g, '/');
        if (kind !== 'session') found[route] = kind;
      }
    }
    expect(found).toEqual(EXPECTED_NON_SESSION);
  });
});
