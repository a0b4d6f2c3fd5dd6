import { describe, expect, it } from '@jest/globals';
import { validateConnectorConfig } from '@gatehouse/mapping';
import { capabilityMessages, locateProblem, mappingMessages, problemCountsByOperation, problemCountsByTab, settingsMessages } from './problem-location';

describe('locateProblem', () => {
  it.each([
    ['mappings.create_user.response_fields.id', { tab: 'mappings', operation: 'create_user', field: 'response_fields', item: 'id' }],
    ['mappings.create_user.success_status[1]', { tab: 'mappings', operation: 'create_user', field: 'success_status', item: '1' }],
    ['mappings.update_user.headers.X-Org.Id', { tab: 'mappings', operation: 'update_user', field: 'headers', item: 'X-Org.Id' }],
    ['mappings.list_users.query_params.page.size', { tab: 'mappings', operation: 'list_users', field: 'query_params', item: 'page.size' }],
    ['mappings.get_group', { tab: 'mappings', operation: 'get_group' }],
    ['mappings.get_group.http_methd', { tab: 'mappings', operation: 'get_group', field: 'http_methd' }],
    ['mappings.create_usr', { tab: 'mappings' }],
    ['capabilities.delete_group', { tab: 'capabilities', operation: 'delete_group' }],
    ['capabilities.remove_user', { tab: 'capabilities' }],
    ['auth.oauth_token_url', { tab: 'settings', field: 'auth.oauth_token_url' }],
    ['name', { tab: 'settings', field: 'name' }],
    ['api_token', { tab: 'settings', field: 'api_token' }],
    ['context.member_ids[0]', { tab: 'preview', field: 'context.member_ids[0]' }],
    ['acknowledgeSideEffects', { tab: 'preview', field: 'acknowledgeSideEffects' }],
  ])('%s', (path, place) => {
    expect(locateProblem(path)).toEqual(place);
  });
});

describe('grouping the engine’s problems', () => {
  const problems = validateConnectorConfig({
    auth: { type: 'basic' },
    capabilities: { create_user: true, update_user: true, remove_user: true },
    mappings: {
      create_user: { http_method: 'POST', url_template: 'https://api.example.com/users', body_kind: 'json', body_template: '{"e":"{scim_user_emial}"}', success_status: [201, 'x'], headers: { 'X-Org': '{nope}' } },
      update_user: { http_method: 'PATCH', url_template: 'https://api.example.com/users/{integration_user_id}', response_fields: { id: 'id' } },
    },
  });

  it('counts them per tab and per operation', () => {
    expect(problemCountsByTab(problems)).toEqual({ settings: 1, capabilities: 1, mappings: 4 });
    expect(problemCountsByOperation(problems)).toEqual({ create_user: 4 });
  });

  it('keys mapping messages where the form shows them', () => {
    expect(mappingMessages(problems, 'create_user')).toEqual({
      body_template: [expect.stringContaining('scim_user_emial')],
      'headers.X-Org': [expect.stringContaining('nope')],
      success_status: ['item 2: must be an integer from 100 to 599'],
      'response_fields.id': ['required'],
    });
    expect(mappingMessages([{ path: 'mappings.get_user', message: 'required: capability get_user is enabled' }], 'get_user')).toEqual({ '': ['required: capability get_user is enabled'] });
    expect(mappingMessages(problems, 'update_user')).toEqual({});
  });

  it('keys capability and settings messages by field', () => {
    expect(capabilityMessages(problems)).toEqual({ '': [expect.stringMatching(/^remove_user: unknown capability/)] });
    expect(settingsMessages(problems)).toEqual({ 'auth.basic_username': 'required' });
  });
});
