// The documented examples are the public contract: each must validate and render as written.
import { describe, expect, it } from '@jest/globals';
import {
  CAPABILITY_KEYS,
  defaultSampleContext,
  mergeSampleContext,
  readResponse,
  renderRequest,
  validateAuthConfig,
  validateConnectorConfig,
  type CapabilityKey,
  type Mappings,
} from './index.js';

const usersOnlyCapabilities = JSON.parse(`{
"create_user": true,
"get_user": false,
"update_user": true,
"delete_user": false,
"list_users": false,
"create_group": false,
"get_group": false,
"update_group_members": false,
"update_group_name": false,
"delete_group": false,
"list_groups": false
}`);

const usersOnlyMappings: Mappings = JSON.parse(`{
"create_user": {
"http_method": "POST",
"url_template": "https://api.example.com/v1/users",
"body_kind": "json",
"body_template": "{\\"email\\":\\"{scim_user_email}\\",\\"name\\":\\"{scim_user_display_name}\\"}",
"success_status": [201],
"response_fields": {
"id": "id"
}
},
"update_user": {
"http_method": "PATCH",
"url_template": "https://api.example.com/v1/users/{integration_user_id}",
"body_kind": "json",
"body_template": "{\\"active\\":{scim_user_active}}",
"success_status": [200, 204],
"response_fields": {
"id": "id",
"userName": "userName",
"email": "email",
"displayName": "displayName",
"active": "active"
}
}
}`);

const fullMappings: Mappings = JSON.parse(`{
"create_user": {
"http_method": "POST",
"url_template": "https://api.example.com/v1/users",
"body_kind": "json",
"body_template": "{\\"email\\":\\"{scim_user_email}\\",\\"name\\":\\"{scim_user_display_name}\\",\\"active\\":{scim_user_active}}",
"success_status": [200, 201],
"response_fields": {
"id": "id",
"userName": "userName",
"email": "email",
"displayName": "displayName"
}
},
"update_user": {
"http_method": "PATCH",
"url_template": "https://api.example.com/v1/users/{integration_user_id}",
"body_kind": "json",
"body_template": "{\\"active\\":{scim_user_active},\\"displayName\\":\\"{scim_user_display_name}\\"}",
"success_status": [200, 204],
"response_fields": {
"id": "id",
"userName": "userName",
"email": "email",
"displayName": "displayName",
"active": "active"
}
},
"list_users": {
"http_method": "GET",
"url_template": "https://api.example.com/v1/users",
"query_params": {
"pageSize": "200"
},
"body_kind": "none",
"success_status": [200],
"response_fields": {
"items": "items",
"id": "id",
"userName": "userName",
"email": "email",
"displayName": "displayName"
}
},
"create_group": {
"http_method": "POST",
"url_template": "https://api.example.com/v1/groups",
"body_kind": "json",
"body_template": "{\\"name\\":\\"{group_name}\\",\\"description\\":\\"{group_description}\\"}",
"success_status": [201],
"response_fields": {
"id": "id",
"name": "name",
"displayName": "displayName"
}
},
"update_group_members": {
"http_method": "PUT",
"url_template": "https://api.example.com/v1/groups/{group_id}/members",
"body_kind": "json",
"body_template": "{\\"userIds\\":{member_ids_json}}",
"success_status": [200, 204]
},
"update_group_name": {
"http_method": "PATCH",
"url_template": "https://api.example.com/v1/groups/{group_id}",
"body_kind": "json",
"body_template": "{\\"name\\":\\"{group_name}\\"}",
"success_status": [200, 204],
"response_fields": {
"id": "id",
"name": "name",
"displayName": "displayName"
}
},
"delete_group": {
"http_method": "DELETE",
"url_template": "https://api.example.com/v1/groups/{group_id}",
"body_kind": "none",
"success_status": [200, 204, 404]
},
"list_groups": {
"http_method": "GET",
"url_template": "https://api.example.com/v1/groups",
"body_kind": "none",
"success_status": [200],
"response_fields": {
"items": "groups",
"id": "id",
"name": "name",
"displayName": "displayName"
}
}
}`);

const queryOnlyMappings: Mappings = JSON.parse(`{
"get_user": {
"http_method": "GET",
"url_template": "https://api.example.com/v1/users/detail",
"query_params": {
"email": "{scim_user_email}"
},
"body_kind": "none",
"success_status": [200],
"response_fields": {
"id": "user.id",
"userName": "user.userName",
"email": "user.email",
"displayName": "user.displayName",
"active": "user.active"
}
}
}`);

const xmlMappings: Mappings = JSON.parse(`{
"create_group": {
"http_method": "POST",
"url_template": "https://api.example.com/v1/groups",
"body_kind": "xml",
"content_type": "text/xml",
"body_template": "<group><name>{group_name}</name><description>{group_description}</description></group>",
"success_status": [201],
"response_fields": {
"id": "group/id",
"name": "group/name",
"displayName": "group/name"
}
}
}`);

function enabledFor(mappings: Mappings): Record<CapabilityKey, boolean> {
  return Object.fromEntries(CAPABILITY_KEYS.map((k) => [k, k in mappings])) as Record<CapabilityKey, boolean>;
}

function render(mappings: Mappings, operation: CapabilityKey) {
  return renderRequest(mappings[operation]!, defaultSampleContext(operation), { operation });
}

describe('documented examples validate', () => {
  it.each([
    ['users only (minimal)', usersOnlyCapabilities, usersOnlyMappings],
    ['full illustrative mappings', enabledFor(fullMappings), fullMappings],
    ['query-only GET', enabledFor(queryOnlyMappings), queryOnlyMappings],
    ['XML create_group', enabledFor(xmlMappings), xmlMappings],
  ])('%s', (_name, capabilities, mappings) => {
    expect(validateConnectorConfig({ capabilities, mappings })).toEqual([]);
  });

  it('the documented capabilities object validates with the full mappings (list_users mapped but disabled)', () => {
    const documented = { create_user: true, get_user: false, update_user: true, delete_user: false, list_users: false, create_group: true, get_group: false, update_group_members: true, update_group_name: true, delete_group: true, list_groups: true };
    expect(validateConnectorConfig({ capabilities: documented, mappings: fullMappings })).toEqual([]);
  });

  it('the documented oauth auth object validates', () => {
    const auth = { type: 'oauth2_client_credentials', oauth_token_url: 'https://id.example.com/oauth/token', oauth_client_id: 'YOUR_CLIENT_ID', oauth_scope: 'users.write groups.read' };
    expect(validateAuthConfig(auth)).toEqual([]);
  });

  it('the "different field names" response_fields example is accepted for users', () => {
    const mapping = { ...usersOnlyMappings.create_user!, response_fields: { id: 'id', userName: 'name', email: 'email', displayName: 'full_name', active: 'enabled' } };
    expect(validateConnectorConfig({ capabilities: { create_user: true }, mappings: { create_user: mapping } })).toEqual([]);
    const user = readResponse('create_user', mapping, { body: '{"id":7,"name":"jdoe","email":"j@x.io","full_name":"J Doe","enabled":"yes"}' });
    expect(user).toEqual({ id: '7', userName: 'jdoe', email: 'j@x.io', displayName: 'J Doe', active: true });
  });
});

describe('documented examples render', () => {
  it('users only: create_user', () => {
    const req = render(usersOnlyMappings, 'create_user');
    expect(req).toEqual({
      method: 'POST',
      url: 'https://api.example.com/v1/users',
      headers: {},
      body: '{"email":"jane.doe@example.com","name":"Jane Doe"}',
      contentType: 'application/json',
    });
  });

  it('users only: update_user deactivation', () => {
    const req = render(usersOnlyMappings, 'update_user');
    expect(req.method).toBe('PATCH');
    expect(req.url).toBe('https://api.example.com/v1/users/10001');
    expect(req.body).toBe('{"active":false}');
  });

  it.each<[CapabilityKey, string, string, string | undefined]>([
    ['create_user', 'POST', 'https://api.example.com/v1/users', '{"email":"jane.doe@example.com","name":"Jane Doe","active":true}'],
    ['update_user', 'PATCH', 'https://api.example.com/v1/users/10001', '{"active":false,"displayName":"Jane Doe"}'],
    ['list_users', 'GET', 'https://api.example.com/v1/users?pageSize=200', undefined],
    ['create_group', 'POST', 'https://api.example.com/v1/groups', '{"name":"Engineering","description":"Engineering team"}'],
    ['update_group_members', 'PUT', 'https://api.example.com/v1/groups/20001/members', '{"userIds":["10001","10002"]}'],
    ['update_group_name', 'PATCH', 'https://api.example.com/v1/groups/20001', '{"name":"Engineering"}'],
    ['delete_group', 'DELETE', 'https://api.example.com/v1/groups/20001', undefined],
    ['list_groups', 'GET', 'https://api.example.com/v1/groups', undefined],
  ])('full mappings: %s', (operation, method, url, body) => {
    const req = render(fullMappings, operation);
    expect(req.method).toBe(method);
    expect(req.url).toBe(url);
    expect(req.body).toBe(body);
    expect(req.contentType).toBe(body === undefined ? undefined : 'application/json');
  });

  it('query-only GET puts the email in the query string', () => {
    const req = render(queryOnlyMappings, 'get_user');
    expect(req.url).toBe('https://api.example.com/v1/users/detail?email=jane.doe%40example.com');
    expect(req.body).toBeUndefined();
  });

  it('query-only GET with the documented custom-email context', () => {
    const context = mergeSampleContext('get_user', {
      scim_user: { userName: 'sandbox+1@example.com', displayName: 'Sandbox User', emails: [{ value: 'sandbox+1@example.com', primary: true }] },
    });
    const req = renderRequest(queryOnlyMappings.get_user!, context, { operation: 'get_user' });
    expect(req.url).toBe('https://api.example.com/v1/users/detail?email=sandbox%2B1%40example.com');
  });

  it('XML create_group uses the content_type override', () => {
    const req = render(xmlMappings, 'create_group');
    expect(req).toEqual({
      method: 'POST',
      url: 'https://api.example.com/v1/groups',
      headers: {},
      body: '<group><name>Engineering</name><description>Engineering team</description></group>',
      contentType: 'text/xml',
    });
  });

  it('the documented sandbox context changes ids and members', () => {
    const context = mergeSampleContext('update_group_members', '{"integration_user_id":"1938","group_id":"42","group_name":"SCIM-Sandbox-Engineering","member_ids":["1938","1939"]}');
    const req = renderRequest(fullMappings.update_group_members!, context, { operation: 'update_group_members' });
    expect(req.url).toBe('https://api.example.com/v1/groups/42/members');
    expect(req.body).toBe('{"userIds":["1938","1939"]}');
  });
});

describe('documented examples read responses', () => {
  it('query-only get_user reads nested user paths', () => {
    const body = '{"user":{"id":123,"userName":"jdoe","email":"jdoe@example.com","displayName":"J Doe","active":"true"}}';
    expect(readResponse('get_user', queryOnlyMappings.get_user!, { body })).toEqual({
      id: '123', userName: 'jdoe', email: 'jdoe@example.com', displayName: 'J Doe', active: true,
    });
  });

  it('XML create_group reads slash paths from the root element', () => {
    const body = '<?xml version="1.0"?><group><id>g-1</id><name>Engineering</name></group>';
    expect(readResponse('create_group', xmlMappings.create_group!, { body, contentType: 'text/xml' })).toEqual({
      id: 'g-1', name: 'Engineering', displayName: 'Engineering',
    });
  });

  it('list_groups reads the groups array', () => {
    const body = '{"groups":[{"id":1,"name":"a","displayName":"A"},{"id":2,"name":"b"}]}';
    expect(readResponse('list_groups', fullMappings.list_groups!, { body })).toEqual([
      { id: '1', name: 'a', displayName: 'A' },
      { id: '2', name: 'b' },
    ]);
  });

  it('update_user keeps the stored id on 204', () => {
    const context = defaultSampleContext('update_user');
    expect(readResponse('update_user', usersOnlyMappings.update_user!, { body: '' }, context)).toEqual({ id: '10001' });
  });
});
