import { describe, expect, it } from '@jest/globals';
import { PLACEHOLDER_NAMES, authSecretFields, newSecretDestinations, secretDestinations, validateAuthConfig, withoutAuthSecrets, validateConnectorConfig, validateMapping, type CapabilityKey } from './index.js';

const userMapping = () => ({
  http_method: 'POST',
  url_template: 'https://api.example.com/v1/users',
  body_kind: 'json',
  body_template: '{"email":"{scim_user_email}"}',
  response_fields: { id: 'id' },
});

/** Issues for one enabled operation whose mapping is `mapping`. */
function issuesFor(operation: CapabilityKey, mapping: unknown) {
  return validateConnectorConfig({ capabilities: { [operation]: true }, mappings: { [operation]: mapping } });
}

describe('capabilities and mappings', () => {
  it('accepts a minimal valid config', () => {
    expect(issuesFor('create_user', userMapping())).toEqual([]);
  });

  it.each<[string, unknown, unknown, Array<{ path: string; message: RegExp | string }>]>([
    ['enabled capability without a mapping', { create_group: true }, {}, [{ path: 'mappings.create_group', message: /^required: capability create_group is enabled/ }]],
    ['enabled capability with mappings missing entirely', { create_group: true }, undefined, [{ path: 'mappings.create_group', message: /^required/ }]],
    ['enabled capability with an empty mapping', { delete_group: true }, { delete_group: {} }, [{ path: 'mappings.delete_group', message: /^must not be empty/ }]],
    ['unknown capability key', { create_widget: true }, {}, [{ path: 'capabilities.create_widget', message: /^unknown capability; allowed capabilities are: create_user, get_user/ }]],
    ['non-boolean capability', { create_user: 'yes' }, {}, [{ path: 'capabilities.create_user', message: 'must be true or false' }]],
    ['capabilities not an object', ['create_user'], {}, [{ path: 'capabilities', message: /must be an object/ }]],
    ['mappings not an object', {}, 'x', [{ path: 'mappings', message: /must be an object/ }]],
    ['unknown mapping key', {}, { create_widget: userMapping() }, [{ path: 'mappings.create_widget', message: /^unknown operation/ }]],
  ])('%s', (_name, capabilities, mappings, expected) => {
    const issues = validateConnectorConfig({ capabilities, mappings });
    expect(issues).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(issues[i].path).toBe(e.path);
      if (typeof e.message === 'string') expect(issues[i].message).toBe(e.message);
      else expect(issues[i].message).toMatch(e.message);
    });
  });

  it('allows (and does not check) a mapping for a disabled capability', () => {
    expect(validateConnectorConfig({ capabilities: { create_user: false }, mappings: { create_user: { http_method: 'FETCH' } } })).toEqual([]);
    expect(validateConnectorConfig({ capabilities: {}, mappings: { delete_user: { response_fields: { id: 'id' } } } })).toEqual([]);
  });

  it('only create_group enabled requires only the create_group mapping', () => {
    const capabilities = { create_group: true, update_group_members: false, update_group_name: false, delete_group: false };
    const mapping = { http_method: 'POST', url_template: 'https://a.example.com/g', body_kind: 'json', body_template: '{"n":"{group_name}"}', response_fields: { id: 'id' } };
    expect(validateConnectorConfig({ capabilities, mappings: { create_group: mapping } })).toEqual([]);
  });

  it('reports every problem at once', () => {
    const issues = validateConnectorConfig({
      capabilities: { create_user: true, create_group: true, bogus: true },
      mappings: {
        create_user: { http_method: 'FETCH', url_template: 'ftp://x/{nope}', response_fields: {} },
        extra: {},
      },
    });
    expect(issues.map((i) => i.path)).toEqual([
      'capabilities.bogus',
      'mappings.create_user.http_method',
      'mappings.create_user.url_template',
      'mappings.create_user.response_fields.id',
      'mappings.create_group',
      'mappings.extra',
    ]);
  });
});

describe('mapping fields', () => {
  it.each<[string, Record<string, unknown>, string, RegExp | string]>([
    ['unknown field', { method: 'POST' }, 'mappings.create_user.method', /^unknown field; allowed fields are: http_method, url_template/],
    ['missing http_method', { http_method: undefined }, 'mappings.create_user.http_method', 'required'],
    ['lower-case http_method', { http_method: 'post' }, 'mappings.create_user.http_method', 'must be one of GET, POST, PUT, PATCH, DELETE'],
    ['missing url_template', { url_template: undefined }, 'mappings.create_user.url_template', 'required'],
    ['empty url_template', { url_template: '' }, 'mappings.create_user.url_template', 'required'],
    ['relative url_template', { url_template: '/v1/users' }, 'mappings.create_user.url_template', /must be an absolute http:\/\/ or https:\/\/ URL/],
    ['non-http url_template', { url_template: 'ftp://api.example.com/x' }, 'mappings.create_user.url_template', /must be an absolute http/],
    ['url_template with spaces', { url_template: 'https://api.example.com/v1/my users' }, 'mappings.create_user.url_template', /must not contain spaces/],
    ['url_template with credentials', { url_template: 'https://u:p@api.example.com/' }, 'mappings.create_user.url_template', /credentials/],
    ['placeholder in host', { url_template: 'https://{group_id}.example.com/users' }, 'mappings.create_user.url_template', /cannot be used in the scheme or host/],
    ['unknown placeholder in url', { url_template: 'https://api.example.com/users/{user_id}' }, 'mappings.create_user.url_template', /^at character 31: \{user_id\} is an unknown placeholder; allowed placeholders are: scim_user_email/],
    ['unknown placeholder in query', { query_params: { q: '{email}' } }, 'mappings.create_user.query_params.q', /^at character 1: \{email\} is an unknown placeholder/],
    ['non-string query value', { query_params: { q: 5 } }, 'mappings.create_user.query_params.q', 'must be a string'],
    ['query_params not an object', { query_params: 'a=b' }, 'mappings.create_user.query_params', /must be an object/],
    ['unknown placeholder in header', { headers: { 'X-Tenant': '{tenant}' } }, 'mappings.create_user.headers.X-Tenant', /^at character 1: \{tenant\} is an unknown placeholder/],
    ['bad header name', { headers: { 'X Tenant': 'a' } }, 'mappings.create_user.headers.X Tenant', /not a valid HTTP header name/],
    ['header with a line break', { headers: { 'X-A': 'a\r\nX-B: b' } }, 'mappings.create_user.headers.X-A', /must not contain line breaks/],
    ['unknown placeholder in body', { body_template: '{"a":"{user}"}' }, 'mappings.create_user.body_template', /^at character 7: \{user\} is an unknown placeholder/],
    ['bad body_kind', { body_kind: 'form' }, 'mappings.create_user.body_kind', /must be one of none, json, xml/],
    ['json kind without body', { body_template: undefined }, 'mappings.create_user.body_template', 'required when body_kind is json'],
    ['invalid json body', { body_template: '{"email":{scim_user_email}' }, 'mappings.create_user.body_template', /not valid JSON after filling placeholders/],
    ['json body with trailing comma', { body_template: '{"a":1,}' }, 'mappings.create_user.body_template', /not valid JSON/],
    ['malformed xml body', { body_kind: 'xml', body_template: '<user><name>{scim_user_display_name}</user>' }, 'mappings.create_user.body_template', /not well-formed XML/],
    ['xml body with DOCTYPE', { body_kind: 'xml', body_template: '<!DOCTYPE x><x/>' }, 'mappings.create_user.body_template', /DOCTYPE/],
    ['placeholder in an xml tag name', { body_kind: 'xml', body_template: '<{group_name}/>' }, 'mappings.create_user.body_template', /inside XML markup/],
    ['body with body_kind none', { body_kind: 'none' }, 'mappings.create_user.body_template', /body_kind is none/],
    ['body without body_kind', { body_kind: undefined }, 'mappings.create_user.body_template', /body_kind is none \(or missing\)/],
    ['empty content_type', { content_type: ' ' }, 'mappings.create_user.content_type', /must not be empty/],
    ['content_type with a line break', { content_type: 'text/xml\nX: y' }, 'mappings.create_user.content_type', /line breaks/],
    ['success_status not a list', { success_status: 200 }, 'mappings.create_user.success_status', /must be a list/],
    ['success_status too small', { success_status: [200, 99] }, 'mappings.create_user.success_status[1]', 'must be an integer from 100 to 599'],
    ['success_status too large', { success_status: [600] }, 'mappings.create_user.success_status[0]', 'must be an integer from 100 to 599'],
    ['success_status not an integer', { success_status: [200.5] }, 'mappings.create_user.success_status[0]', 'must be an integer from 100 to 599'],
    ['success_status as text', { success_status: ['201'] }, 'mappings.create_user.success_status[0]', 'must be an integer from 100 to 599'],
    ['error_message_path not a string', { error_message_path: ['error'] }, 'mappings.create_user.error_message_path', /must be a path string/],
    ['error_message_path with an empty JSON segment', { error_message_path: 'error..message' }, 'mappings.create_user.error_message_path', /^"error\.\.message" has an empty segment \(segment 2\); JSON paths are keys joined by single dots/],
    ['error_message_path ending in a dot', { error_message_path: 'error.' }, 'mappings.create_user.error_message_path', /has an empty segment \(segment 2\)/],
    ['error_message_path with an empty XML segment', { error_message_path: 'error//message' }, 'mappings.create_user.error_message_path', /has an empty segment \(segment 2\); XML paths/],
    ['error_message_path with an attribute before the end', { error_message_path: 'error/@code/text' }, 'mappings.create_user.error_message_path', /only the last segment may/],
    ['error_message_path with spaces around it', { error_message_path: ' error.message' }, 'mappings.create_user.error_message_path', /must not start or end with spaces/],
    ['response_fields path with an empty segment', { response_fields: { id: 'data..id' } }, 'mappings.create_user.response_fields.id', /has an empty segment/],
  ])('%s', (_name, change, path, message) => {
    const issues = issuesFor('create_user', { ...userMapping(), ...change });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe(path);
    if (typeof message === 'string') expect(issues[0].message).toBe(message);
    else expect(issues[0].message).toMatch(message);
  });

  it.each<[string, Record<string, unknown>]>([
    ['every allowed method', { http_method: 'DELETE' }],
    ['body_kind none without body', { body_kind: 'none', body_template: undefined }],
    ['body_kind none with an empty body', { body_kind: 'none', body_template: '' }],
    ['success_status bounds', { success_status: [100, 599] }],
    ['empty success_status', { success_status: [] }],
    ['http URL', { url_template: 'http://localhost:8080/v1/users' }],
    ['IPv6 host', { url_template: 'https://[::1]:8443/users' }],
    ['query already in url_template', { url_template: 'https://api.example.com/v1/users?a=1&b={scim_user_email}' }],
    ['placeholders in path, query and headers', { url_template: 'https://api.example.com/g/{group_id}/u/{integration_user_id}', query_params: { e: '{scim_user_email}', fixed: '1' }, headers: { 'X-Trace': 'id-{integration_user_id}', Accept: 'application/json' } }],
    ['json body using every placeholder', { body_template: `{${PLACEHOLDER_NAMES.map((n) => `"${n}":{${n}}`).join(',')}}` }],
    ['json body with placeholders inside strings', { body_template: `{${PLACEHOLDER_NAMES.map((n) => `"${n}":"x{${n}}y"`).join(',')}}` }],
    ['json body with literal braces', { body_template: '{"a":{"b":{"c":[{}]}},"d":"{{ not a placeholder }}","e":"{{}}","f":"{{x}}","g":{ }}' }],
    ['xml body with attributes and CDATA', { body_kind: 'xml', body_template: '<?xml version="1.0"?><u id="{integration_user_id}" n=\'{scim_user_display_name}\'><!-- note --><n><![CDATA[{scim_user_json}]]></n></u>' }],
    ['content_type override', { content_type: 'application/vnd.api+json' }],
    ['error_message_path', { error_message_path: 'error.message' }],
    ['xml error_message_path with an attribute', { error_message_path: '/error/@message' }],
    ['error_message_path at the root', { error_message_path: '' }],
  ])('accepts %s', (_name, change) => {
    expect(issuesFor('create_user', { ...userMapping(), ...change })).toEqual([]);
  });

  it('a mapping that is not an object', () => {
    expect(issuesFor('create_user', 'POST /users')).toEqual([{ path: 'mappings.create_user', message: 'must be an object describing the HTTP request' }]);
  });
});

describe('response_fields', () => {
  const groupMapping = (response_fields?: unknown) => ({
    http_method: 'GET',
    url_template: 'https://api.example.com/v1/groups',
    response_fields,
  });

  it('the documented example path: create_group without id', () => {
    expect(issuesFor('create_group', groupMapping({ name: 'name' }))).toEqual([
      { path: 'mappings.create_group.response_fields.id', message: 'required' },
    ]);
  });

  it.each<[CapabilityKey, unknown, string[]]>([
    ['create_user', undefined, ['mappings.create_user.response_fields.id']],
    ['create_user', {}, ['mappings.create_user.response_fields.id']],
    ['get_user', { userName: 'u' }, ['mappings.get_user.response_fields.id']],
    ['update_user', { id: 'id', name: 'n' }, ['mappings.update_user.response_fields.name']],
    ['list_users', { id: 'id' }, ['mappings.list_users.response_fields.items']],
    ['list_users', {}, ['mappings.list_users.response_fields.items', 'mappings.list_users.response_fields.id']],
    ['create_group', { id: 'id', email: 'e' }, ['mappings.create_group.response_fields.email']],
    ['get_group', { id: 'id' }, ['mappings.get_group.response_fields.name']],
    ['update_group_name', { id: 'id', items: 'x' }, ['mappings.update_group_name.response_fields.items']],
    ['list_groups', { items: '' , id: 'id' }, ['mappings.list_groups.response_fields.name']],
    ['list_groups', undefined, ['mappings.list_groups.response_fields.items', 'mappings.list_groups.response_fields.id', 'mappings.list_groups.response_fields.name']],
    ['get_user', { id: 5 }, ['mappings.get_user.response_fields.id']],
    ['get_user', ['id'], ['mappings.get_user.response_fields']],
    ['delete_user', { id: 'id' }, ['mappings.delete_user.response_fields']],
    ['delete_group', { id: 'id' }, ['mappings.delete_group.response_fields']],
    ['update_group_members', { id: 'id' }, ['mappings.update_group_members.response_fields']],
  ])('%s with %j', (operation, fields, paths) => {
    expect(issuesFor(operation, groupMapping(fields)).map((i) => i.path)).toEqual(paths);
  });

  it.each<[CapabilityKey, unknown]>([
    ['create_user', { id: 'id', userName: 'u', email: 'e', displayName: 'd', active: 'a' }],
    ['list_users', { items: '', id: 'id' }],
    ['list_users', { items: 'data.users', id: 'id', active: 'enabled' }],
    ['create_group', { id: 'id' }],
    ['get_group', { id: 'id', name: 'n', displayName: 'd', description: 'x', slug: 's', member_count: 'c' }],
    ['update_group_name', { id: 'id' }],
    ['list_groups', { items: 'groups', id: 'id', name: 'name' }],
    ['delete_user', undefined],
    ['delete_user', {}],
    ['delete_group', {}],
    ['update_group_members', undefined],
  ])('accepts %s with %j', (operation, fields) => {
    expect(issuesFor(operation, groupMapping(fields))).toEqual([]);
  });

  it('lists the allowed keys in the message', () => {
    const [issue] = issuesFor('create_group', groupMapping({ id: 'id', email: 'e' }));
    expect(issue.message).toBe('not allowed for create_group; allowed keys are: id, name, displayName, description, slug, member_count');
  });

  it('validateMapping can be used alone with a custom base path', () => {
    expect(validateMapping('get_group', groupMapping({ id: 'id' }), 'draft')).toEqual([{ path: 'draft.response_fields.name', message: 'required' }]);
  });
});

describe('auth', () => {
  it.each<[unknown]>([
    [{ type: 'bearer' }],
    [{ type: 'api_key_header', api_key_header_name: 'X-API-Key' }],
    [{ type: 'basic', basic_username: 'svc' }],
    [{ type: 'oauth2_client_credentials', oauth_token_url: 'https://id.example.com/oauth/token', oauth_client_id: 'c', oauth_audience: 'https://api.example.com' }],
  ])('accepts %j', (auth) => {
    expect(validateAuthConfig(auth)).toEqual([]);
  });

  it.each<[unknown, Array<[string, RegExp | string]>]>([
    [undefined, [['auth', /must be an object/]]],
    [{}, [['auth.type', 'required']]],
    [{ type: 'digest' }, [['auth.type', 'must be one of bearer, api_key_header, basic, oauth2_client_credentials']]],
    [{ type: 'api_key_header' }, [['auth.api_key_header_name', 'required']]],
    [{ type: 'api_key_header', api_key_header_name: 'X Key' }, [['auth.api_key_header_name', /not a valid HTTP header name/]]],
    [{ type: 'basic', basic_username: '' }, [['auth.basic_username', 'required']]],
    [{ type: 'oauth2_client_credentials', oauth_client_id: 'c' }, [['auth.oauth_token_url', 'required']]],
    [{ type: 'oauth2_client_credentials', oauth_token_url: 'id.example.com/token', oauth_client_id: 'c' }, [['auth.oauth_token_url', /absolute http/]]],
    [{ type: 'bearer', api_token: 's3cret' }, [['auth.api_token', /does not belong in auth.*PUT \/api\/connectors\/\{id\}\/secret/]]],
    [{ type: 'basic', basic_username: 'u', password: 'p' }, [['auth.password', /does not belong in auth/]]],
    [{ type: 'bearer', basic_username: 'x' }, [['auth.basic_username', 'not used by auth type bearer; remove it']]],
    [{ type: 'bearer', header_style: 'x' }, [['auth.header_style', /^unknown field/]]],
    [{ type: 'oauth2_client_credentials', oauth_token_url: 'https://a.example.com/t', oauth_client_id: 'c', oauth_scope: 1 }, [['auth.oauth_scope', 'must be a string']]],
  ])('refuses %j', (auth, expected) => {
    const issues = validateAuthConfig(auth);
    expect(issues.map((i) => i.path)).toEqual(expected.map(([p]) => p));
    expected.forEach(([, m], i) => (typeof m === 'string' ? expect(issues[i].message).toBe(m) : expect(issues[i].message).toMatch(m)));
  });

  it('authSecretFields names every field that looks like a secret, nested ones too, and not the settings', () => {
    const auth = {
      type: 'oauth2_client_credentials',
      oauth_token_url: 'https://id.example.com/token',
      oauth_client_id: 'c',
      client_secret: 's',
      api_token: 't',
      extra: { password: 'p', list: [{ apiKey: 'k' }], note: 'n' },
      basic_username: 'not a secret',
    };
    expect(authSecretFields(auth)).toEqual(['auth.client_secret', 'auth.api_token', 'auth.extra.password', 'auth.extra.list[0].apiKey']);
    expect(withoutAuthSecrets(auth)).toEqual({
      type: 'oauth2_client_credentials',
      oauth_token_url: 'https://id.example.com/token',
      oauth_client_id: 'c',
      extra: { list: [{}], note: 'n' },
      basic_username: 'not a secret',
    });
    expect(authSecretFields(null)).toEqual([]);
    expect(authSecretFields({ type: 'api_key_header', api_key_header_name: 'X-Api-Key' })).toEqual([]);
  });

  it('secretDestinations lists the origins the secret goes to; a path change is not a new one', () => {
    const oauth = { type: 'oauth2_client_credentials', oauth_token_url: 'https://ID.example.com:443/oauth/token', oauth_client_id: 'c' };
    const mappings = {
      get_user: { url_template: 'https://api.example.com/v1/users/{id}' },
      list_users: { url_template: 'http://api.example.com:80/v1/users' },
      delete_user: { url_template: 'https://api.example.com:8443/v1/users/{id}' },
    };
    expect(secretDestinations({ auth: oauth, mappings })).toEqual(['http://api.example.com', 'https://api.example.com', 'https://api.example.com:8443', 'https://id.example.com']);
    expect(secretDestinations({ scimBaseUrl: 'https://app.example.com/scim/v2' })).toEqual(['https://app.example.com']);

    const before = { auth: { type: 'bearer' }, mappings: { get_user: { url_template: 'https://api.example.com/v1/users/{id}' } } };
    expect(newSecretDestinations(before, { ...before, mappings: { get_user: { url_template: 'https://api.example.com/v2/people/{id}' } } })).toEqual([]);
    expect(newSecretDestinations(before, { ...before, mappings: { get_user: { url_template: 'https://evil.example.net/v1/users/{id}' } } })).toEqual(['https://evil.example.net']);
    expect(newSecretDestinations(before, { ...before, mappings: {} })).toEqual([]);
    expect(newSecretDestinations({ scimBaseUrl: 'https://a.example.com/scim' }, { scimBaseUrl: 'https://a.example.com/other/scim' })).toEqual([]);
    expect(newSecretDestinations({ auth: oauth }, { auth: { ...oauth, oauth_token_url: 'https://evil.example.net/token' } })).toEqual(['https://evil.example.net']);
  });

  it('validateConnectorConfig includes auth problems when auth is given', () => {
    expect(validateConnectorConfig({ auth: { type: 'basic' }, capabilities: {}, mappings: {} })).toEqual([{ path: 'auth.basic_username', message: 'required' }]);
  });
});
