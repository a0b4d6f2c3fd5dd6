import { describe, expect, it } from '@jest/globals';
import { readResponse } from '@gatehouse/mapping';
import { jsonPathOptions, parseExample, pathOptionsFor, type ExampleBody } from './response-paths';

const body = (text: string): ExampleBody => {
  const parsed = parseExample(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.body;
};

describe('jsonPathOptions', () => {
  it('lists leaf values and arrays with dotted paths', () => {
    expect(jsonPathOptions({ data: { id: 42, tags: ['a'], profile: { email: 'a@b.c' } }, ok: true })).toEqual([
      { path: 'data.id', preview: '42', kind: 'value' },
      { path: 'data.tags', preview: 'list of 1', kind: 'array' },
      { path: 'data.tags.0', preview: '"a"', kind: 'value' },
      { path: 'data.profile.email', preview: '"a@b.c"', kind: 'value' },
      { path: 'ok', preview: 'true', kind: 'value' },
    ]);
  });
});

describe('pathOptionsFor', () => {
  it('gives full paths for a single resource, which the engine reads back', () => {
    const example = '{"user": {"id": "u-1", "login": "jane", "mail": "jane@example.com"}}';
    const options = pathOptionsFor(body(example), 'id', false, undefined);
    expect(options).toEqual([
      { path: 'user.id', preview: '"u-1"', kind: 'value' },
      { path: 'user.login', preview: '"jane"', kind: 'value' },
      { path: 'user.mail', preview: '"jane@example.com"', kind: 'value' },
    ]);
    expect(readResponse('get_user', { response_fields: { id: 'user.id', userName: 'user.login' } }, { body: example })).toEqual({ id: 'u-1', userName: 'jane' });
  });

  it('offers arrays for items and element-relative paths for the rest of a list', () => {
    const example = body('{"meta": {"total": 2}, "groups": [{"id": 1, "name": "Eng"}, {"id": 2, "name": "Ops"}]}');
    expect(pathOptionsFor(example, 'items', true, undefined)).toEqual([{ path: 'groups', preview: 'list of 2', kind: 'array' }]);
    expect(pathOptionsFor(example, 'name', true, undefined)).toEqual({ message: 'Pick items first: the path to the list.' });
    expect(pathOptionsFor(example, 'name', true, 'groups')).toEqual([
      { path: 'id', preview: '1', kind: 'value' },
      { path: 'name', preview: '"Eng"', kind: 'value' },
    ]);
    expect(pathOptionsFor(body('[{"id": 1}]'), 'items', true, undefined)).toEqual([{ path: '', preview: 'the whole body: list of 1', kind: 'array' }]);
    expect(pathOptionsFor(example, 'id', true, 'meta')).toEqual({ message: 'No list with elements at "meta" in this example.' });
  });

  it('gives slash paths from the root element for XML, attributes included', () => {
    const example = '<group id="7"><name>Eng</name><owner><name>Jane</name></owner><name>ignored</name></group>';
    expect(pathOptionsFor(body(example), 'id', false, undefined)).toEqual([
      { path: 'group/@id', preview: '"7"', kind: 'value' },
      { path: 'group/name', preview: '"Eng"', kind: 'value' },
      { path: 'group/owner/name', preview: '"Jane"', kind: 'value' },
    ]);
    expect(readResponse('get_group', { response_fields: { id: 'group/@id', name: 'group/name' } }, { body: example })).toEqual({ id: '7', name: 'Eng' });
    expect(pathOptionsFor(body(example), 'items', true, undefined)).toEqual({ message: 'List operations read JSON responses only.' });
  });

  it('says why an example cannot be read', () => {
    expect(parseExample('')).toEqual({ ok: false, message: 'Paste an example success response.' });
    expect(parseExample('{"a":')).toMatchObject({ ok: false, message: expect.stringMatching(/^Not valid JSON/) });
    expect(parseExample('<a>')).toMatchObject({ ok: false, message: expect.stringMatching(/^Not well-formed XML/) });
  });
});
