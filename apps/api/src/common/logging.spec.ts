import { describe, expect, it } from '@jest/globals';
import { requestForLog, responseForLog } from './logging.js';

describe('access log lines', () => {
  it('show method, path without the query, a few useful headers, and which credentials were sent without their values', () => {
    const line = requestForLog({
      id: 'req-1',
      method: 'POST',
      url: '/scim/v2/abc/Users?filter=userName%20eq%20%22secret%22',
      headers: {
        'user-agent': 'Okta SCIM Client',
        'content-type': 'application/scim+json',
        authorization: 'Bearer gh_scim_0123456789',
        cookie: 'gh_session=abcdef',
        'x-api-key': 'ghk_live_0123',
        'x-csrf-token': 'csrf-value',
        'x-forwarded-for': '10.0.0.1',
      },
    });
    expect(line).toEqual({
      id: 'req-1',
      method: 'POST',
      path: '/scim/v2/abc/Users',
      headers: {
        'user-agent': 'Okta SCIM Client',
        'content-type': 'application/scim+json',
        authorization: '[redacted]',
        cookie: '[redacted]',
        'x-api-key': '[redacted]',
        'x-csrf-token': '[redacted]',
      },
    });
    expect(JSON.stringify(line)).not.toMatch(/gh_scim_|gh_session=|ghk_live_|csrf-value|secret/);
  });

  it('leave out credential headers that were not sent', () => {
    expect(requestForLog({ id: 'r', method: 'GET', url: '/api/health', headers: { accept: 'application/json' } }).headers).toEqual({ accept: 'application/json' });
  });

  it('show only the status of a response, never its headers (Set-Cookie)', () => {
    expect(responseForLog({ statusCode: 201, getHeaders: () => ({ 'set-cookie': 'gh_session=abc' }) } as { statusCode: number })).toEqual({ statusCode: 201 });
  });
});
