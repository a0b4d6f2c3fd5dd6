import { describe, expect, it } from '@jest/globals';
import {
  CAPABILITY_KEYS,
  PLACEHOLDER_NAMES,
  SampleContextError,
  defaultSampleContext,
  mergeSampleContext,
  placeholderValues,
  type MappingContext,
} from './index.js';

function contextError(input: string | object): SampleContextError {
  try {
    mergeSampleContext('create_user', input);
  } catch (error) {
    expect(error).toBeInstanceOf(SampleContextError);
    return error as SampleContextError;
  }
  throw new Error('expected a SampleContextError');
}

describe('defaultSampleContext', () => {
  it.each(CAPABILITY_KEYS)('gives every placeholder a non-empty value for %s', (operation) => {
    const values = placeholderValues(defaultSampleContext(operation));
    expect(Object.keys(values).sort()).toEqual([...PLACEHOLDER_NAMES].sort());
    for (const name of PLACEHOLDER_NAMES) expect(values[name]).not.toBe('');
  });

  it('uses placeholder identities and a deactivating patch for update_user', () => {
    const values = placeholderValues(defaultSampleContext('update_user'));
    expect(values.scim_user_email).toBe('jane.doe@example.com');
    expect(values.scim_user_active).toBe('false');
    expect(JSON.parse(values.scim_patch_json).Operations).toEqual([{ op: 'replace', path: 'active', value: false }]);
    expect(placeholderValues(defaultSampleContext('create_user')).scim_user_active).toBe('true');
  });

  it('returns a fresh copy each time', () => {
    const a = defaultSampleContext('create_user');
    a.member_ids.push('x');
    (a.scim_user as Record<string, unknown>).userName = 'changed';
    expect(defaultSampleContext('create_user').member_ids).toEqual(['10001', '10002']);
    expect(defaultSampleContext('create_user').scim_user.userName).toBe('jane.doe@example.com');
  });
});

describe('mergeSampleContext', () => {
  it.each<[string, string | object | undefined]>([
    ['undefined', undefined],
    ['empty text', ''],
    ['whitespace', '  \n'],
    ['empty object', {}],
    ['JSON null', 'null'],
  ])('%s gives the defaults', (_name, input) => {
    expect(mergeSampleContext('get_group', input)).toEqual(defaultSampleContext('get_group'));
  });

  it('merges scim_user shallowly over the default user', () => {
    const context = mergeSampleContext('create_user', '{"scim_user":{"userName":"sandbox@example.com","emails":[{"value":"sandbox@example.com","primary":true}]}}');
    expect(context.scim_user.userName).toBe('sandbox@example.com');
    expect(context.scim_user.displayName).toBe('Jane Doe');
    expect(context.scim_user.name).toEqual({ givenName: 'Jane', familyName: 'Doe', formatted: 'Jane Doe' });
    // Shallow: a given `name` replaces the whole default name object.
    expect(mergeSampleContext('create_user', { scim_user: { name: { givenName: 'Ada' } } }).scim_user.name).toEqual({ givenName: 'Ada' });
  });

  it('merges scim_patch over the default patch', () => {
    const context = mergeSampleContext('update_user', { scim_patch: { Operations: [{ op: 'replace', path: 'displayName', value: 'X' }] } });
    expect(context.scim_patch).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'displayName', value: 'X' }],
    });
  });

  it('replaces member_ids and turns numbers into strings', () => {
    const context = mergeSampleContext('update_group_members', { member_ids: [1938, '1939'] });
    expect(context.member_ids).toEqual(['1938', '1939']);
    const values = placeholderValues(context);
    expect(values.member_ids_json).toBe('["1938","1939"]');
    expect(values.member_ids_csv).toBe('1938,1939');
    expect(placeholderValues(mergeSampleContext('update_group_members', { member_ids: [] })).member_ids_json).toBe('[]');
  });

  it('overrides ids and names, ignores unknown keys', () => {
    const context = mergeSampleContext('update_group_name', { integration_user_id: 1938, group_id: '42', group_name: 'SCIM-Sandbox', group_description: 'd', tenant: 'ignored' });
    expect(context).toMatchObject({ integration_user_id: '1938', group_id: '42', group_name: 'SCIM-Sandbox', group_description: 'd' });
    expect(context).not.toHaveProperty('tenant');
  });

  it.each<[string, string | object, string, RegExp]>([
    ['invalid JSON', '{"group_id": ', 'context', /^context is not valid JSON \(.+\); fix it or leave it empty/],
    ['a JSON array', '[1]', 'context', /must be a JSON object/],
    ['a JSON string', '"x"', 'context', /must be a JSON object/],
    ['scim_user not an object', { scim_user: 'jane' }, 'context.scim_user', /must be an object/],
    ['scim_patch not an object', { scim_patch: [] }, 'context.scim_patch', /must be an object/],
    ['member_ids not a list', { member_ids: '1,2' }, 'context.member_ids', /must be an array/],
    ['member_ids with an object', { member_ids: ['1', { id: 2 }] }, 'context.member_ids[1]', /string or a number/],
    ['group_id not text', { group_id: true }, 'context.group_id', /must be a string or a number/],
  ])('refuses %s', (_name, input, path, message) => {
    const error = contextError(input);
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });
});

describe('placeholderValues', () => {
  const values = (scim_user: Record<string, unknown>, extra: MappingContext = {}) => placeholderValues({ scim_user, ...extra });

  it.each<[string, Record<string, unknown>, string]>([
    ['primary email', { userName: 'u', emails: [{ value: 'a@x.io' }, { value: 'b@x.io', primary: true }] }, 'b@x.io'],
    ['primary given as text', { emails: [{ value: 'a@x.io' }, { value: 'b@x.io', primary: 'true' }] }, 'b@x.io'],
    ['first email without a primary', { emails: [{ value: 'a@x.io' }, { value: 'b@x.io' }] }, 'a@x.io'],
    ['userName that looks like an email', { userName: 'ada@x.io' }, 'ada@x.io'],
    ['userName that is not an email', { userName: 'ada' }, ''],
    ['empty emails list', { userName: 'ada@x.io', emails: [] }, 'ada@x.io'],
  ])('scim_user_email: %s', (_name, user, expected) => {
    expect(values(user).scim_user_email).toBe(expected);
  });

  it('computes names, active and JSON', () => {
    const user = { userName: 'ada', name: { givenName: 'Ada', familyName: 'Lovelace' }, active: 'False' };
    expect(values(user)).toMatchObject({
      scim_user_username: 'ada',
      scim_user_display_name: 'Ada Lovelace',
      scim_user_given_name: 'Ada',
      scim_user_family_name: 'Lovelace',
      scim_user_active: 'false',
      scim_user_json: JSON.stringify(user),
    });
    expect(values({ displayName: 'D', name: { formatted: 'F' } }).scim_user_display_name).toBe('D');
    expect(values({ name: { formatted: 'F' } }).scim_user_display_name).toBe('F');
  });

  it('fills missing parts with empty values', () => {
    expect(placeholderValues({})).toEqual({
      scim_user_email: '',
      scim_user_username: '',
      scim_user_display_name: '',
      scim_user_given_name: '',
      scim_user_family_name: '',
      scim_user_active: 'true',
      scim_user_json: '{}',
      scim_patch_json: '{}',
      integration_user_id: '',
      group_id: '',
      group_name: '',
      group_description: '',
      member_ids_json: '[]',
      member_ids_csv: '',
    });
  });
});
