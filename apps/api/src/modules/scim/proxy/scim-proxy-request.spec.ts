import { describe, expect, it } from '@jest/globals';
import { answerHeaders, forwardedPath, pathProblem, proxyOperation, targetUrl } from './scim-proxy-request.js';

const ID = '5b0e8c52-8f1f-4d7e-9a53-3c1b6a0f2d11';

describe('forwardedPath', () => {
  it('keeps the path after the connector id and the query string as sent', () => {
    expect(forwardedPath(`/scim/v2/${ID}/Users?filter=userName%20eq%20%22a%22&count=5`)).toEqual({ path: '/Users', query: '?filter=userName%20eq%20%22a%22&count=5' });
    expect(forwardedPath(`/SCIM/V2/${ID}/groups/g%201`)).toEqual({ path: '/groups/g%201', query: '' });
    expect(forwardedPath(`/scim/v2/${ID}`)).toEqual({ path: '/', query: '' });
  });
});

describe('targetUrl', () => {
  const base = 'https://app.example.com/scim/v2';

  it('appends path and query to the base URL, with or without its trailing slash', () => {
    expect(targetUrl(base, { path: '/Users/42', query: '?attributes=userName' })).toBe('https://app.example.com/scim/v2/Users/42?attributes=userName');
    expect(targetUrl(`${base}/`, { path: '/Groups', query: '' })).toBe('https://app.example.com/scim/v2/Groups');
    expect(targetUrl('https://app.example.com', { path: '/Users', query: '' })).toBe('https://app.example.com/Users');
    expect(targetUrl(base, { path: '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User', query: '' })).toBe(
      'https://app.example.com/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User',
    );
  });

  it('refuses paths that could leave the base path', () => {
    for (const path of ['/../admin', '/Users/../../admin', '/%2e%2e/admin', '/Users/.%2E/x', '/Users/..%2Fadmin', '/Users\\..\\admin', '/./Users', '/Users/%5c']) {
      expect(targetUrl(base, { path, query: '' })).toBeUndefined();
    }
  });
});

describe('pathProblem', () => {
  // Each form a server in front of or inside the app may resolve as "..", "." or "/".
  const refused: Array<[string, RegExp]> = [
    ['/Users/..', /dot segment/],
    ['/Users/.', /dot segment/],
    ['/Users/..;/admin', /dot segment/],
    ['/Users/.;/admin', /dot segment/],
    ['/Users/..;jsessionid=x/admin', /dot segment/],
    ['/Users/%2e%2e/admin', /dot segment/],
    ['/Users/%2E%2E%3B/admin', /dot segment/],
    ['/Users/..%3bx/admin', /dot segment/],
    ['/Users/%252e%252e/admin', /dot segment/],
    ['/Users/%252e%252e%253b/admin', /dot segment/],
    ['/Users/.%2e/admin', /dot segment/],
    ['/Users/..%00', /NUL/],
    ['/Users/a%00b', /NUL/],
    ['/Users/a%2500b', /NUL/],
    ['/Users/a\u0000b', /NUL/],
    ['/Users/..%2Fadmin', /encoded "\/"/],
    ['/Users/a%2fb', /encoded "\/"/],
    ['/Users/a%252Fb', /encoded "\/"/],
    ['/Users/a%5Cb', /backslash/],
    ['/Users/a%255cb', /backslash/],
    ['/Users\\..\\admin', /backslash/],
  ];

  it.each(refused)('refuses %s', (path, reason) => {
    expect(pathProblem(path)).toMatch(reason);
    expect(targetUrl('https://app.example.com/scim/v2', { path, query: '' })).toBeUndefined();
  });

  it('lets SCIM paths through, dots inside names included', () => {
    for (const path of ['/', '/Users', '/Users/.search', '/Users/a.b', '/Users/...', '/Users/..a', '/Groups/g%201', '/Users/user%40example.com', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User', '/Users/a;b']) {
      expect(pathProblem(path)).toBeUndefined();
    }
  });
});

describe('proxyOperation', () => {
  it('names the endpoint as the RFC spells it and hides ids', () => {
    expect(proxyOperation('get', '/users')).toBe('proxy:GET /Users');
    expect(proxyOperation('PATCH', '/Groups/abc-123')).toBe('proxy:PATCH /Groups/{id}');
    expect(proxyOperation('POST', '/Users/.search')).toBe('proxy:POST /Users/.search');
    expect(proxyOperation('GET', '/serviceproviderconfig')).toBe('proxy:GET /ServiceProviderConfig');
    expect(proxyOperation('GET', '/')).toBe('proxy:GET /');
  });
});

describe('answerHeaders', () => {
  it('passes end-to-end headers on and drops hop-by-hop ones, recomputed ones and cookies', () => {
    expect(
      answerHeaders({
        'content-type': 'application/scim+json',
        location: 'https://app.example.com/scim/v2/Users/1',
        etag: 'W/"3"',
        connection: 'keep-alive, x-hop',
        'x-hop': '1',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        'content-length': '99',
        'content-encoding': 'gzip',
        'set-cookie': 'sid=1',
      }),
    ).toEqual({ 'content-type': 'application/scim+json', location: 'https://app.example.com/scim/v2/Users/1', etag: 'W/"3"' });
  });
});
