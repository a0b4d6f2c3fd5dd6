import { describe, expect, it } from '@jest/globals';
import {
  ResponseReadError,
  defaultSampleContext,
  extractErrorMessage,
  inferBodyFormat,
  mergeSampleContext,
  readResponse,
  type CapabilityKey,
  type ResponseFields,
} from './index.js';

function readError(operation: CapabilityKey, fields: ResponseFields, body: string, contentType?: string): ResponseReadError {
  try {
    readResponse(operation, { response_fields: fields }, { body, contentType });
  } catch (error) {
    expect(error).toBeInstanceOf(ResponseReadError);
    return error as ResponseReadError;
  }
  throw new Error('expected a ResponseReadError');
}

describe('format inference', () => {
  it.each([
    ['{"a":1}', undefined, 'json'],
    ['  <a/>', undefined, 'xml'],
    ['{"a":1}', 'application/xml; charset=utf-8', 'xml'],
    ['<a/>', 'application/json', 'xml'],
    ['{}', 'text/XML', 'xml'],
    ['[]', 'application/json', 'json'],
  ])('%j with %j is %s', (body, contentType, expected) => {
    expect(inferBodyFormat(body, contentType)).toBe(expected);
  });
});

describe('JSON paths', () => {
  const body = JSON.stringify({
    data: { user: { id: 42, login: 'ada', flags: { on: 'Enabled' } } },
    contact: { emails: [{ value: 'first@example.com' }, { value: 'second@example.com' }] },
    profile: { full_name: 'Ada Lovelace' },
  });

  it('reads fields from different branches of the tree', () => {
    const fields = { id: 'data.user.id', userName: 'data.user.login', email: 'contact.emails.1.value', displayName: 'profile.full_name', active: 'data.user.flags.on' };
    expect(readResponse('get_user', { response_fields: fields }, { body })).toEqual({
      id: '42', userName: 'ada', email: 'second@example.com', displayName: 'Ada Lovelace', active: true,
    });
  });

  it('leaves out fields whose path finds nothing or a non-scalar', () => {
    const fields = { id: 'data.user.id', userName: 'data.user.missing', email: 'contact.emails', displayName: 'constructor' };
    expect(readResponse('get_user', { response_fields: fields }, { body })).toEqual({ id: '42' });
  });

  it('reads the root itself with an empty path', () => {
    expect(readResponse('create_user', { response_fields: { id: '' } }, { body: '"abc"' })).toEqual({ id: 'abc' });
    expect(readResponse('create_user', { response_fields: { id: '' } }, { body: '17' })).toEqual({ id: '17' });
  });

  it('reads group fields with member_count as a number', () => {
    const fields = { id: 'id', name: 'name', displayName: 'label', description: 'desc', slug: 'slug', member_count: 'stats.members' };
    const groupBody = '{"id":"g1","name":"eng","label":"Engineering","desc":"","slug":"eng","stats":{"members":"12"}}';
    expect(readResponse('get_group', { response_fields: fields }, { body: groupBody })).toEqual({
      id: 'g1', name: 'eng', displayName: 'Engineering', slug: 'eng', member_count: 12,
    });
  });
});

describe('XML paths', () => {
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<ns:User xmlns:ns="urn:example" xmlns:x="urn:attrs" id="u-1" x:status="disabled">
  <ns:login> ada </ns:login>
  <ns:emails><ns:email>first@example.com</ns:email><ns:email>second@example.com</ns:email></ns:emails>
  <name><given>Ada</given></name>
  <display><![CDATA[Ada & <Co>]]></display>
</ns:User>`;

  it.each<[string, string, unknown]>([
    ['attribute with /@', 'User/@id', 'u-1'],
    ['attribute with @ on the segment', 'User@id', 'u-1'],
    ['prefixed attribute by local name', 'User/@status', 'disabled'],
    ['path written with prefixes', 'ns:User/ns:login', 'ada'],
    ['path without prefixes', 'User/login', 'ada'],
    ['first of repeated elements', 'User/emails/email', 'first@example.com'],
    ['CDATA text', 'User/display', 'Ada & <Co>'],
    ['element with children is not a value', 'User/name', undefined],
    ['nested element', 'User/name/given', 'Ada'],
    ['wrong root name', 'Account/login', undefined],
    ['missing element', 'User/nope', undefined],
    ['missing attribute', 'User/@nope', undefined],
  ])('%s (%s)', (_name, path, expected) => {
    const user = readResponse('get_user', { response_fields: { id: 'User/@id', displayName: path } }, { body });
    expect(user.displayName).toBe(expected);
  });

  it('coerces XML text for active', () => {
    expect(readResponse('get_user', { response_fields: { id: 'User/@id', active: 'User/@status' } }, { body }).active).toBe(false);
  });

  it('explains a wrong root name in the missing-id error', () => {
    const error = readError('get_user', { id: 'user/id' }, body);
    expect(error.path).toBe('mappings.get_user.response_fields.id');
    expect(error.message).toMatch(/path "user\/id" found nothing.*root is <User>/);
  });

  it('refuses DOCTYPE and entity declarations', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>';
    const error = readError('get_user', { id: 'lolz' }, bomb);
    expect(error.path).toBe('response.body');
    expect(error.message).toMatch(/DOCTYPE/);
  });

  it('refuses malformed XML', () => {
    expect(readError('get_user', { id: 'a/id' }, '<a><id>1</a>').message).toMatch(/could not be read as XML/);
    expect(readError('get_user', { id: 'a/id' }, '<a/><b/>').message).toMatch(/more than one root/);
  });

  it('refuses XML list responses with a clear message', () => {
    const error = readError('list_users', { items: 'users', id: 'id' }, '<users><user><id>1</id></user></users>');
    expect(error.path).toBe('mappings.list_users.response_fields.items');
    expect(error.message).toMatch(/XML list responses are not supported in this version/);
  });
});

describe('lists', () => {
  it('reads a root array with items ""', () => {
    const body = '[{"id":1,"login":"a","on":1},{"id":"2","login":"b","on":"no"}]';
    expect(readResponse('list_users', { response_fields: { items: '', id: 'id', userName: 'login', active: 'on' } }, { body })).toEqual([
      { id: '1', userName: 'a', active: true },
      { id: '2', userName: 'b', active: false },
    ]);
  });

  it('reads a nested array with element-relative paths', () => {
    const body = '{"data":{"page":{"groups":[{"group":{"id":7,"title":"Eng"},"count":3}]}}}';
    const fields = { items: 'data.page.groups', id: 'group.id', name: 'group.title', member_count: 'count' };
    expect(readResponse('list_groups', { response_fields: fields }, { body })).toEqual([{ id: '7', name: 'Eng', member_count: 3 }]);
  });

  it('an empty array is an empty list', () => {
    expect(readResponse('list_groups', { response_fields: { items: 'groups', id: 'id', name: 'name' } }, { body: '{"groups":[]}' })).toEqual([]);
  });

  it.each<[string, ResponseFields, string, string, RegExp]>([
    ['items path missing', { items: 'users', id: 'id' }, '{"data":[]}', 'mappings.list_users.response_fields.items', /expected a JSON array at path "users", but found nothing/],
    ['items not an array', { items: 'users', id: 'id' }, '{"users":{"id":1}}', 'mappings.list_users.response_fields.items', /found an object/],
    ['root not an array', { items: '', id: 'id' }, '{"users":[]}', 'mappings.list_users.response_fields.items', /at the response body/],
    ['items not mapped', { id: 'id' }, '[]', 'mappings.list_users.response_fields.items', /not mapped/],
    ['element without id', { items: '', id: 'id' }, '[{"id":1},{"name":"x"}]', 'mappings.list_users.response_fields.id', /^item 1: response_fields.id path "id" found nothing/],
    ['empty body', { items: '', id: 'id' }, '', 'mappings.list_users.response_fields.items', /empty/],
  ])('%s', (_name, fields, body, path, message) => {
    const error = readError('list_users', fields, body);
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });
});

describe('coercion', () => {
  it.each<[unknown, boolean | undefined]>([
    [true, true], [false, false], [1, true], [0, false], [2, undefined],
    ['true', true], ['FALSE', false], ['1', true], ['0', false], ['Yes', true], ['no', false],
    ['active', true], ['Inactive', false], ['ENABLED', true], ['disabled', false], [' true ', true],
    ['maybe', undefined], ['', undefined], [null, undefined], [{}, undefined],
  ])('active %j -> %j', (raw, expected) => {
    const user = readResponse('get_user', { response_fields: { id: 'id', active: 'a' } }, { body: JSON.stringify({ id: 1, a: raw }) });
    expect(user.active).toBe(expected);
  });

  it.each<[unknown, number | undefined]>([
    [3, 3], ['12', 12], [' 7 ', 7], [0, 0], [3.5, undefined], ['3.5', undefined], ['-1', undefined], [-1, undefined], ['many', undefined], [true, undefined],
  ])('member_count %j -> %j', (raw, expected) => {
    const group = readResponse('get_group', { response_fields: { id: 'id', name: 'n', member_count: 'c' } }, { body: JSON.stringify({ id: 'g', c: raw }) });
    expect(group.member_count).toBe(expected);
  });

  it.each<[unknown, string | undefined]>([
    [123, '123'], ['abc', 'abc'], [true, 'true'], ['', undefined], [null, undefined], [[1], undefined],
  ])('text %j -> %j', (raw, expected) => {
    const user = readResponse('get_user', { response_fields: { id: 'id', userName: 'u' } }, { body: JSON.stringify({ id: 1, u: raw }) });
    expect(user.userName).toBe(expected);
  });
});

describe('fallbacks', () => {
  const context = mergeSampleContext('create_user', { integration_user_id: 'stored-1', group_id: 'g-stored', group_name: 'Requested Name' });

  it('create_user takes the SCIM email when the response has none', () => {
    expect(readResponse('create_user', { response_fields: { id: 'id', email: 'email' } }, { body: '{"id":5}' }, context)).toEqual({ id: '5', email: 'jane.doe@example.com' });
    expect(readResponse('create_user', { response_fields: { id: 'id', email: 'email' } }, { body: '{"id":5,"email":"own@x.io"}' }, context).email).toBe('own@x.io');
  });

  it.each(['', '   '])('update_user keeps the stored id on an empty body (%j)', (body) => {
    expect(readResponse('update_user', { response_fields: { id: 'id' } }, { body }, context)).toEqual({ id: 'stored-1' });
  });

  it('update_user keeps the stored id when the body has no id, but prefers a returned one', () => {
    expect(readResponse('update_user', { response_fields: { id: 'id', active: 'active' } }, { body: '{"active":false}' }, context)).toEqual({ id: 'stored-1', active: false });
    expect(readResponse('update_user', { response_fields: { id: 'id' } }, { body: '{"id":9}' }, context)).toEqual({ id: '9' });
  });

  it('create_group falls back to the requested name', () => {
    expect(readResponse('create_group', { response_fields: { id: 'id', name: 'name' } }, { body: '' }, context)).toEqual({ id: 'Requested Name' });
  });

  it('update_group_name keeps the stored group id', () => {
    expect(readResponse('update_group_name', { response_fields: { id: 'id' } }, { body: '' }, context)).toEqual({ id: 'g-stored' });
  });

  it('without fallbacks a missing id is an error naming the path', () => {
    const error = readError('update_user', { id: 'data.id' }, '{"data":{}}');
    expect(error.path).toBe('mappings.update_user.response_fields.id');
    expect(error.message).toBe('response_fields.id path "data.id" found nothing in the response');
    expect(readError('create_user', { id: 'data' }, '{"data":{}}').message).toMatch(/found an object, not a single value/);
    expect(readError('create_user', { id: 'id' }, '').message).toMatch(/response body is empty/);
    expect(readError('create_user', {}, '{}').message).toMatch(/not mapped/);
  });

  it('create_user does not invent an id', () => {
    expect(() => readResponse('create_user', { response_fields: { id: 'id' } }, { body: '' }, context)).toThrow(ResponseReadError);
  });

  it('operations without response fields read nothing', () => {
    expect(readResponse('delete_user', {}, { body: 'not even json' })).toBeNull();
    expect(readResponse('update_group_members', {}, { body: '' }, defaultSampleContext('update_group_members'))).toBeNull();
  });

  it('invalid JSON is a typed error', () => {
    const error = readError('get_user', { id: 'id' }, '{"id":');
    expect(error.path).toBe('response.body');
    expect(error.message).toMatch(/not valid JSON/);
  });
});

describe('extractErrorMessage', () => {
  it.each<[string | undefined, string, string | undefined, string | undefined]>([
    ['error.message', '{"error":{"message":"email taken"}}', undefined, 'email taken'],
    ['errors.0.detail', '{"errors":[{"detail":"bad"}]}', 'application/json', 'bad'],
    ['errors', '{"errors":["a","b"]}', undefined, '["a","b"]'],
    ['code', '{"code":409}', undefined, '409'],
    ['Error/Message', '<Error><Message>Denied &amp; logged</Message></Error>', 'application/xml', 'Denied & logged'],
    ['Error/@code', '<Error code="E1"/>', undefined, 'E1'],
    ['error.message', '<html>Bad gateway</html>', 'text/html', undefined],
    ['error.message', 'Service unavailable', 'text/plain', undefined],
    ['error.message', '', undefined, undefined],
    ['error.missing', '{"error":{}}', undefined, undefined],
    [undefined, '{"error":"x"}', undefined, undefined],
  ])('%j in %j', (path, body, contentType, expected) => {
    expect(extractErrorMessage({ error_message_path: path }, body, contentType)).toBe(expected);
  });
});
