import { describe, expect, it } from '@jest/globals';
import { validateMapping } from '@gatehouse/mapping';
import { formToMapping, mappingToForm, parseStatusList, responseFieldRows, starterMapping } from './mapping-form';

const documented = {
  http_method: 'GET',
  url_template: 'https://api.example.com/v1/users/detail',
  query_params: { email: '{scim_user_email}' },
  body_kind: 'none',
  headers: { 'X-Org': 'acme' },
  success_status: [200],
  response_fields: { id: 'user.id', userName: 'user.userName' },
  error_message_path: 'error.message',
};

describe('mappingToForm / formToMapping', () => {
  it('round-trips a documented mapping', () => {
    const form = mappingToForm(documented);
    expect(form).toMatchObject({
      http_method: 'GET',
      query_params: [{ key: 'email', value: '{scim_user_email}' }],
      headers: [{ key: 'X-Org', value: 'acme' }],
      success_status: '200',
      body_template: '',
      content_type: '',
    });
    expect(formToMapping(form)).toEqual(documented);
  });

  it('leaves empty optional fields and blank rows out', () => {
    const form = mappingToForm({ http_method: 'DELETE', url_template: 'https://api.example.com/g/{group_id}' });
    form.headers.push({ key: '', value: '' });
    form.success_status = ' 200,204 , ';
    expect(formToMapping(form)).toEqual({ http_method: 'DELETE', url_template: 'https://api.example.com/g/{group_id}', success_status: [200, 204] });
  });

  it('keeps an empty items path: the body itself is the array', () => {
    const form = mappingToForm({ response_fields: { items: '', id: 'id' } });
    expect(form.response_fields).toEqual({ items: '', id: 'id' });
    expect(formToMapping(form).response_fields).toEqual({ items: '', id: 'id' });
  });

  it('carries unknown fields and wrong values over so validation still names them', () => {
    const previous = { http_method: 'POST', url_template: 'https://x.example.com', sucess_status: [201] };
    const form = mappingToForm(previous);
    form.success_status = '201, 2O1';
    const mapping = formToMapping(form, previous);
    expect(mapping).toEqual({ http_method: 'POST', url_template: 'https://x.example.com', success_status: [201, '2O1'], sucess_status: [201] });
    expect(validateMapping('create_group', mapping).map((i) => i.path)).toEqual(
      expect.arrayContaining(['mappings.create_group.sucess_status', 'mappings.create_group.success_status[1]']),
    );
    expect(mappingToForm({ success_status: 201, response_fields: { id: 5 } })).toMatchObject({ success_status: '201', response_fields: { id: '5' } });
    expect(mappingToForm(null).http_method).toBe('');
  });
});

describe('parseStatusList', () => {
  it('keeps numbers as numbers and anything else as text', () => {
    expect(parseStatusList('200 201,204')).toEqual([200, 201, 204]);
    expect(parseStatusList('2xx')).toEqual(['2xx']);
    expect(parseStatusList('')).toEqual([]);
  });
});

describe('responseFieldRows', () => {
  it('lists the allowed keys, then wrong keys present in the JSON', () => {
    expect(responseFieldRows('create_user', { id: 'id', name: 'n' })).toEqual(['id', 'userName', 'email', 'displayName', 'active', 'name']);
    expect(responseFieldRows('delete_user', {})).toEqual([]);
  });
});

describe('starterMapping', () => {
  it('needs only the URL to become valid', () => {
    for (const op of ['create_user', 'get_user', 'update_group_members', 'delete_group', 'list_groups'] as const) {
      const mapping = { ...starterMapping(op), url_template: 'https://api.example.com/x' };
      const issues = validateMapping(op, mapping).map((i) => i.path);
      expect(issues.filter((p) => !p.endsWith('.name'))).toEqual([]);
    }
  });
});
