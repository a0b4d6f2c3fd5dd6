import { describe, expect, it } from '@jest/globals';
import { computeLivePreview, headerRows, isMutatingMethod, maskedAuthHeader, methodOf, type LivePreviewInput } from './live-preview';

const createUser = {
  http_method: 'POST',
  url_template: 'https://api.example.com/v1/users',
  body_kind: 'json',
  body_template: '{"email":"{scim_user_email}","name":"{scim_user_display_name}"}',
  headers: { 'X-Org': 'acme', authorization: 'should not win' },
  success_status: [201],
  response_fields: { id: 'data.id', email: 'data.email' },
};

const input = (over: Partial<LivePreviewInput> = {}): LivePreviewInput => ({
  operation: 'create_user',
  mappings: { create_user: createUser },
  auth: { type: 'bearer' },
  context: '',
  sampleResponse: '',
  ...over,
});

describe('computeLivePreview', () => {
  it('renders the request with the samples and masks the credential header', () => {
    expect(computeLivePreview(input())).toEqual({
      state: 'ready',
      request: {
        method: 'POST',
        url: 'https://api.example.com/v1/users',
        headers: { 'X-Org': 'acme', 'Content-Type': 'application/json', Authorization: 'Bearer ••••••' },
        body: '{"email":"jane.doe@example.com","name":"Jane Doe"}',
      },
    });
  });

  it('merges the context over the samples and reads the sample response', () => {
    const preview = computeLivePreview(
      input({
        context: '{"scim_user": {"displayName": "Sam \\"Q\\" Lee", "emails": [{"value": "sam@example.com", "primary": true}]}}',
        sampleResponse: '{"data": {"id": 42}}',
      }),
    );
    expect(preview).toMatchObject({
      state: 'ready',
      request: { body: '{"email":"sam@example.com","name":"Sam \\"Q\\" Lee"}' },
      // email falls back to the SCIM email on create, as on the server.
      resolved: { id: '42', email: 'sam@example.com' },
    });
  });

  it('says why a sample response could not be read', () => {
    expect(computeLivePreview(input({ sampleResponse: '{"id": 1}' }))).toMatchObject({
      state: 'ready',
      responseError: { path: 'mappings.create_user.response_fields.id', message: 'response_fields.id path "data.id" found nothing in the response' },
    });
    expect(computeLivePreview(input({ sampleResponse: '<user><id>7</id></user>' }))).toMatchObject({ responseError: { path: 'mappings.create_user.response_fields.id' } });
  });

  it('stops at the first thing that prevents a preview', () => {
    expect(computeLivePreview(input({ mappings: null }))).toEqual({ state: 'mappings-invalid-json' });
    expect(computeLivePreview(input({ operation: 'get_user' }))).toEqual({ state: 'no-mapping' });
    expect(computeLivePreview(input({ context: '{"group_id": ' }))).toMatchObject({ state: 'context-error', problem: { path: 'context' } });
    expect(computeLivePreview(input({ context: '{"member_ids": "1,2"}' }))).toMatchObject({ state: 'context-error', problem: { path: 'context.member_ids' } });
    expect(computeLivePreview(input({ mappings: { create_user: { ...createUser, response_fields: {} } } }))).toEqual({
      state: 'mapping-problems',
      problems: [{ path: 'mappings.create_user.response_fields.id', message: 'required' }],
    });
    // Valid templates can still fail with the context's values (an empty path segment).
    expect(
      computeLivePreview(input({ operation: 'update_user', mappings: { update_user: { ...createUser, url_template: 'https://api.example.com/u/{integration_user_id}' } }, context: '{"integration_user_id": ""}' })),
    ).toMatchObject({ state: 'mapping-problems', problems: [{ path: 'mappings.update_user.url_template' }] });
  });
});

describe('masking', () => {
  it('builds the credential header of each auth type', () => {
    expect(maskedAuthHeader({ type: 'basic', basic_username: 'u' })).toEqual({ name: 'Authorization', value: 'Basic ••••••' });
    expect(maskedAuthHeader({ type: 'oauth2_client_credentials' })).toEqual({ name: 'Authorization', value: 'Bearer ••••••' });
    expect(maskedAuthHeader({ type: 'api_key_header', api_key_header_name: 'X-Key' })).toEqual({ name: 'X-Key', value: '••••••' });
    expect(maskedAuthHeader(null)).toBeNull();
  });

  it('flags masked header values', () => {
    expect(headerRows({ Authorization: 'Bearer ••••••', Accept: 'application/json' })).toEqual([
      { name: 'Authorization', value: 'Bearer ••••••', masked: true },
      { name: 'Accept', value: 'application/json', masked: false },
    ]);
  });
});

describe('methods', () => {
  it('tells read operations from ones that change data', () => {
    expect(isMutatingMethod('GET')).toBe(false);
    expect(isMutatingMethod('DELETE')).toBe(true);
    expect(methodOf({ create_user: createUser }, 'create_user')).toBe('POST');
    expect(methodOf({ create_user: 'x' }, 'create_user')).toBeUndefined();
  });
});
