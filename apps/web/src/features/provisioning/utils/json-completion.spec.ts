import { describe, expect, it } from '@jest/globals';
import { CAPABILITY_KEYS, MAPPING_FIELDS, PLACEHOLDER_NAMES } from '@gatehouse/mapping';
import { completionsAt, jsonCursorAt, type JsonEditorKind } from './json-completion';

/** The text with `|` marking the cursor. */
function at(marked: string) {
  const pos = marked.indexOf('|');
  return { text: marked.replace('|', ''), pos };
}
const cursor = (marked: string) => {
  const { text, pos } = at(marked);
  return jsonCursorAt(text, pos);
};
const suggest = (kind: JsonEditorKind, marked: string) => completionsAt(kind, cursor(marked));
const labels = (kind: JsonEditorKind, marked: string) => suggest(kind, marked)?.options.map((o) => o.label);

describe('jsonCursorAt', () => {
  it('tells property names from values, with the enclosing keys', () => {
    expect(cursor('{"create_user": {"http_|')).toEqual({ role: 'key', path: ['create_user'], key: null, inString: true, prefix: 'http_', from: 18 });
    expect(cursor('{"create_user": {"http_method": "PO|"}}')).toMatchObject({ role: 'value', path: ['create_user'], key: 'http_method', inString: true, prefix: 'PO' });
    expect(cursor('{"a": 1, |')).toMatchObject({ role: 'key', path: [], inString: false, prefix: '' });
    expect(cursor('{"a": tr|')).toMatchObject({ role: 'value', key: 'a', inString: false, prefix: 'tr' });
    expect(cursor('|{}')).toBeNull();
  });

  it('follows nesting, lists, escapes and closed objects', () => {
    expect(cursor('{"x": {"y": [1, {"z": 1}], "q": {"r": "s"}}, "create_group": {"response_fields": {"|')).toMatchObject({
      role: 'key',
      path: ['create_group', 'response_fields'],
    });
    expect(cursor('{"a": "say \\"hi\\"", "b": {"c": "|"}}')).toMatchObject({ role: 'value', path: ['b'], key: 'c' });
    expect(cursor('{"list": [|')).toMatchObject({ role: 'value', path: ['list'], key: null });
  });
});

describe('completionsAt', () => {
  it('offers the capability keys and true/false in the Capabilities editor', () => {
    expect(labels('capabilities', '{\n  "|"\n}')).toEqual([...CAPABILITY_KEYS]);
    expect(suggest('capabilities', '{\n  cre|')).toMatchObject({ from: 4, options: expect.arrayContaining([{ label: 'create_user', apply: '"create_user": ', detail: 'capability', type: 'property' }]) });
    expect(labels('capabilities', '{"create_user": |')).toEqual(['true', 'false']);
    expect(suggest('capabilities', '{"create_user": {"|')).toBeNull();
  });

  it('offers operation names, mapping fields and response fields by depth', () => {
    expect(labels('mappings', '{"|')).toEqual([...CAPABILITY_KEYS]);
    expect(labels('mappings', '{"create_user": {"|')).toEqual([...MAPPING_FIELDS]);
    expect(labels('mappings', '{"create_user": {"response_fields": {"|')).toEqual(['id', 'userName', 'email', 'displayName', 'active']);
    expect(labels('mappings', '{"list_groups": {"response_fields": {"|')).toEqual(['items', 'id', 'name', 'displayName', 'description', 'slug', 'member_count']);
    expect(labels('mappings', '{"delete_user": {"response_fields": {"|')).toEqual([]);
  });

  it('offers methods and body kinds as values, quoted when typed bare', () => {
    expect(suggest('mappings', '{"create_user": {"http_method": |')?.options[1]).toEqual({ label: 'POST', apply: '"POST"', type: 'enum' });
    expect(suggest('mappings', '{"create_user": {"http_method": "P|"')?.options[1]).toEqual({ label: 'POST', apply: 'POST', type: 'enum' });
    expect(labels('mappings', '{"create_user": {"body_kind": "|"')).toEqual(['none', 'json', 'xml']);
  });

  it('offers placeholders after an open brace in template strings only', () => {
    const text = '{"update_user": {"url_template": "https://api.example.com/users/{integ|"';
    const answer = suggest('mappings', text);
    expect(answer?.from).toBe(text.indexOf('{integ') + 1);
    expect(answer?.options).toHaveLength(PLACEHOLDER_NAMES.length);
    expect(answer?.options.find((o) => o.label === 'integration_user_id')).toEqual({
      label: 'integration_user_id',
      displayLabel: '{integration_user_id}',
      apply: 'integration_user_id}',
      type: 'variable',
    });
    expect(labels('mappings', '{"create_user": {"body_template": "{\\"email\\":\\"{|')).toContain('scim_user_email');
    expect(labels('mappings', '{"create_user": {"headers": {"X-Org": "{|')).toContain('group_id');
    expect(labels('mappings', '{"create_user": {"query_params": {"email": "{|')).toContain('scim_user_email');
    // No open brace, or a field that takes paths rather than templates: nothing.
    expect(suggest('mappings', '{"create_user": {"url_template": "https://|')).toBeNull();
    expect(suggest('mappings', '{"create_user": {"body_template": "{\\"|')).toBeNull();
    expect(suggest('mappings', '{"create_user": {"response_fields": {"id": "{|')).toBeNull();
    expect(suggest('mappings', '{"create_user": {"error_message_path": "{|')).toBeNull();
  });

  it('offers the documented context keys in the Preview context editor', () => {
    expect(labels('context', '{"|')).toEqual(['scim_user', 'scim_patch', 'member_ids', 'integration_user_id', 'group_id', 'group_name', 'group_description']);
    expect(labels('context', '{"scim_user": {"|')).toContain('emails');
    expect(suggest('context', '{"group_id": "|')).toBeNull();
  });
});
