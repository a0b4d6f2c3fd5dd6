import { describe, expect, it } from '@jest/globals';
import { createConnectorRequestSchema, listConnectorCallsQuerySchema, testConnectorRequestSchema, zodIssuesToDetails } from './index.js';

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
    });
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
  });
});
