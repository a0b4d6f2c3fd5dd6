import { describe, expect, it } from '@jest/globals';
import { connectorProblems, httpsRuleProblem, type ConnectorProblemsInput } from './index.js';

const createGroup = {
  http_method: 'POST',
  url_template: 'https://api.example.com/v1/groups',
  body_kind: 'json',
  body_template: '{"name":"{group_name}"}',
  success_status: [201],
  response_fields: { id: 'id' },
};

function config(change: Partial<ConnectorProblemsInput> = {}): ConnectorProblemsInput {
  return {
    enabled: true,
    auth: { type: 'bearer' },
    capabilities: { create_group: true },
    mappings: { create_group: createGroup },
    deactivationAsDelete: false,
    allowInsecureHttp: false,
    hasSecret: true,
    production: false,
    ...change,
  };
}

describe('connectorProblems', () => {
  it('finds nothing in a complete, https-only configuration with its secret', () => {
    expect(connectorProblems(config())).toEqual([]);
  });

  it('refuses a placeholder form at save on an enabled instance and only warns on a disabled one', () => {
    const mappings = { create_group: { ...createGroup, body_template: '{"name":"{group_name!s}"}' } };
    const [enabled] = connectorProblems(config({ mappings }));
    expect(enabled).toEqual({ path: 'mappings.create_group.body_template', message: expect.stringMatching(/^at character 10: \{group_name!s\} uses a conversion/), blocksSave: true });
    expect(connectorProblems(config({ mappings, enabled: false }))[0]!.blocksSave).toBe(false);
  });

  it('applies the HTTPS rule to every url_template and the OAuth token URL', () => {
    const problems = connectorProblems(
      config({
        auth: { type: 'oauth2_client_credentials', oauth_token_url: 'http://id.example.com/oauth/token', oauth_client_id: 'c' },
        capabilities: { create_group: true, delete_group: false },
        mappings: { create_group: { ...createGroup, url_template: 'http://api.example.com:80/v1/groups' }, delete_group: { http_method: 'DELETE', url_template: 'http://api.example.com/g/{group_id}' } },
      }),
    );
    expect(problems).toEqual([
      { path: 'mappings.create_group.url_template', message: expect.stringMatching(/^HTTPS is required: http:\/\/api\.example\.com uses plain http\. To call it anyway/), blocksSave: true },
      { path: 'mappings.delete_group.url_template', message: expect.stringMatching(/^HTTPS is required/), blocksSave: true },
      { path: 'auth.oauth_token_url', message: expect.stringMatching(/^HTTPS is required: http:\/\/id\.example\.com uses plain http/), blocksSave: true },
    ]);
  });

  it('lets plain http through when the instance allows it, except in production', () => {
    const mappings = { create_group: { ...createGroup, url_template: 'http://localhost:8080/v1/groups' } };
    expect(connectorProblems(config({ mappings, allowInsecureHttp: true }))).toEqual([]);
    expect(connectorProblems(config({ mappings, allowInsecureHttp: true, production: true }))).toEqual([
      { path: 'mappings.create_group.url_template', message: 'HTTPS is required: http://localhost:8080 uses plain http, which this server never allows in production.', blocksSave: true },
    ]);
  });

  it('warns without blocking when no secret is set, for every auth type', () => {
    expect(connectorProblems(config({ hasSecret: false }))).toEqual([
      { path: 'api_token', message: expect.stringMatching(/^no secret set: auth type bearer needs one \(the bearer token\)/), blocksSave: false },
    ]);
    const basic = connectorProblems(config({ hasSecret: false, auth: { type: 'basic', basic_username: 'u' } }));
    expect(basic.map((p) => p.message)).toEqual([expect.stringMatching(/auth type basic needs one \(the password\)/)]);
    expect(connectorProblems(config({ hasSecret: undefined }))).toEqual([]);
  });

  it('warns that deactivation as delete needs delete_user', () => {
    expect(connectorProblems(config({ deactivationAsDelete: true }))).toEqual([
      { path: 'deactivationAsDelete', message: expect.stringMatching(/capability delete_user is off, so a deactivation is sent as update_user/), blocksSave: false },
    ]);
    const withDelete = config({
      deactivationAsDelete: true,
      capabilities: { create_group: true, delete_user: true },
      mappings: { create_group: createGroup, delete_user: { http_method: 'DELETE', url_template: 'https://api.example.com/u/{integration_user_id}' } },
    });
    expect(connectorProblems(withDelete)).toEqual([]);
  });
});

describe('httpsRuleProblem', () => {
  const strict = { allowInsecureHttp: false, production: false };
  it.each<[string, string | undefined]>([
    ['https://api.example.com/x', undefined],
    ['HTTPS://api.example.com/x', undefined],
    ['http://API.example.com/x', 'HTTPS is required: http://api.example.com uses plain http. To call it anyway (a local test service), turn on "Allow insecure HTTP" in the instance\'s Settings tab (allowInsecureHttp in the API); it is never honoured in production.'],
    ['ftp://files.example.com/x', 'Only https:// URLs can be called (got ftp://).'],
    ['/relative/path', undefined],
  ])('%s', (url, expected) => {
    expect(httpsRuleProblem(url, strict)).toBe(expected);
  });
});
