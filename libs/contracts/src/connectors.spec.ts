import { describe, expect, it } from '@jest/globals';
import {
  createConnectorRequestSchema,
  listConnectorCallsQuerySchema,
  provisionUserRequestSchema,
  listScimResourcesQuerySchema,
  patchAnswersWithResource,
  scimBaseUrlProblem,
  testConnectorRequestSchema,
  updateConnectorRequestSchema,
  zodIssuesToDetails,
} from './index.js';

describe('connector contracts', () => {
  it('fills defaults for a minimal create request', () => {
    expect(createConnectorRequestSchema.parse({ name: ' Acme HR ' })).toEqual({
      name: 'Acme HR',
      type: 'custom_http',
      enabled: false,
      auth: null,
      capabilities: {},
      mappings: {},
      deactivationAsDelete: false,
      allowInsecureHttp: false,
      scimBaseUrl: null,
      idpProfile: 'generic',
    });
  });

  it('takes an IdP profile on create and update, naming the accepted ones otherwise', () => {
    expect(createConnectorRequestSchema.parse({ name: 'x', idpProfile: 'entra' }).idpProfile).toBe('entra');
    expect(updateConnectorRequestSchema.parse({ idpProfile: 'okta' })).toEqual({ idpProfile: 'okta' });
    const wrong = updateConnectorRequestSchema.safeParse({ idpProfile: 'azure' });
    expect(zodIssuesToDetails(wrong.error!.issues)).toEqual([{ path: 'idpProfile', message: 'idpProfile must be one of entra, okta, generic' }]);
  });

  it('answers PATCH with the resource except under the entra profile', () => {
    expect(patchAnswersWithResource('entra')).toBe(false);
    expect(patchAnswersWithResource('okta')).toBe(true);
    expect(patchAnswersWithResource('generic')).toBe(true);
  });

  it('needs scimBaseUrl for a SCIM proxy, and only there', () => {
    const missing = createConnectorRequestSchema.safeParse({ name: 'x', type: 'scim_proxy' });
    expect(zodIssuesToDetails(missing.error!.issues)).toEqual([{ path: 'scimBaseUrl', message: "scimBaseUrl is required for a SCIM proxy: the app's SCIM 2.0 base URL" }]);
    const misplaced = createConnectorRequestSchema.safeParse({ name: 'x', scimBaseUrl: 'https://app.example.com/scim/v2' });
    expect(zodIssuesToDetails(misplaced.error!.issues)).toEqual([{ path: 'scimBaseUrl', message: 'scimBaseUrl is only used by scim_proxy connectors' }]);
    expect(createConnectorRequestSchema.parse({ name: 'x', type: 'scim_proxy', scimBaseUrl: ' https://app.example.com/scim/v2 ' }).scimBaseUrl).toBe('https://app.example.com/scim/v2');
    expect(updateConnectorRequestSchema.safeParse({ scimBaseUrl: 'ftp://app.example.com' }).success).toBe(false);
  });

  it('accepts an absolute http(s) SCIM base URL without credentials, query or fragment', () => {
    expect(scimBaseUrlProblem('https://app.example.com/scim/v2')).toBeNull();
    expect(scimBaseUrlProblem('http://127.0.0.1:8080/scim')).toBeNull();
    expect(scimBaseUrlProblem('/scim/v2')).toMatch(/absolute URL/);
    expect(scimBaseUrlProblem('ftp://app.example.com/scim')).toMatch(/https:\/\//);
    expect(scimBaseUrlProblem('https://u:p@app.example.com/scim')).toMatch(/credentials/);
    expect(scimBaseUrlProblem('https://app.example.com/scim?tenant=1')).toMatch(/query string/);
    expect(scimBaseUrlProblem('https://app.example.com/scim#x')).toMatch(/fragment/);
    expect(scimBaseUrlProblem('https:///scim')).toMatch(/host/);
    expect(scimBaseUrlProblem('https://[::1]:8443/scim')).toBeNull();
  });

  it('refuses the secret and other unknown fields in a create request', () => {
    const result = createConnectorRequestSchema.safeParse({ name: 'x', api_token: 'secret' });
    expect(result.success).toBe(false);
    expect(zodIssuesToDetails(result.error!.issues)[0]!.message).toMatch(/unknown field "api_token"/);
  });

  it('needs an operation to test a request, but not to fetch an OAuth token', () => {
    const missing = testConnectorRequestSchema.safeParse({});
    expect(zodIssuesToDetails(missing.error!.issues)).toEqual([{ path: 'operation', message: 'operation is required to test a request' }]);
    expect(testConnectorRequestSchema.parse({ mode: 'oauth_token' })).toEqual({ mode: 'oauth_token', acknowledgeSideEffects: false });
  });

  it('reads call log filters from query strings', () => {
    expect(listConnectorCallsQuerySchema.parse({ limit: '10', status: '5xx' })).toEqual({ limit: 10, status: '5xx' });
    expect(listConnectorCallsQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(listConnectorCallsQuerySchema.safeParse({ limit: '500' }).success).toBe(false);
    const unknown = listConnectorCallsQuerySchema.safeParse({ page: '2' });
    expect(zodIssuesToDetails(unknown.error!.issues)[0]!.message).toBe('unknown field "page": accepted fields are cursor, operation, status, scimUserId, scimGroupId, limit');
  });

  it('takes either a stored SCIM user or a typed one to provision on demand', () => {
    expect(provisionUserRequestSchema.parse({ scimUserId: 'u-1' })).toEqual({ scimUserId: 'u-1' });
    expect(provisionUserRequestSchema.parse({ user: { userName: 'ann' } })).toEqual({ user: { userName: 'ann' } });
    expect(provisionUserRequestSchema.safeParse({}).success).toBe(false);
    expect(provisionUserRequestSchema.safeParse({ scimUserId: 'u-1', user: {} }).success).toBe(false);
    expect(provisionUserRequestSchema.safeParse({ scimUserId: 'u-1', force: true }).success).toBe(false);
  });

  it('reads paging and search of provisioned users and groups from query strings', () => {
    expect(listScimResourcesQuerySchema.parse({})).toEqual({ page: 1, pageSize: 25 });
    expect(listScimResourcesQuerySchema.parse({ q: ' ada ', page: '3', pageSize: '100' })).toEqual({ q: 'ada', page: 3, pageSize: 100 });
    expect(listScimResourcesQuerySchema.safeParse({ pageSize: '101' }).success).toBe(false);
    expect(listScimResourcesQuerySchema.safeParse({ page: '0' }).success).toBe(false);
  });
});
