import { describe, expect, it } from '@jest/globals';
import { defaultSampleContext, parseTemplate, placeholdersIn, renderRequest, templateProblems, unknownPlaceholders, validateMapping, type OperationMapping } from './index.js';

describe('placeholder syntax', () => {
  it.each<[string, string[]]>([
    ['https://a.example.com/users/{integration_user_id}', ['integration_user_id']],
    ['{"email":"{scim_user_email}","name":"{scim_user_display_name}"}', ['scim_user_email', 'scim_user_display_name']],
    ['{"a":1}', []],
    ['{ "x": {} }', []],
    ['{"a":{"b":{"c":1}}}', []],
    ['{{group_id}}', []],
    ['{{{group_id}}}', ['group_id']],
    ['{group_id}{group_id}', ['group_id']],
    ['{ group_id }', []],
    ['{"active":{scim_user_active},"ids":{member_ids_json}}', ['scim_user_active', 'member_ids_json']],
  ])('%s', (template, names) => {
    expect(placeholdersIn(template)).toEqual(names);
    expect(templateProblems(template)).toEqual([]);
  });

  it('keeps literal text around placeholders', () => {
    expect(parseTemplate('a{group_id}c')).toEqual([
      { kind: 'literal', text: 'a' },
      { kind: 'placeholder', name: 'group_id', offset: 1 },
      { kind: 'literal', text: 'c' },
    ]);
  });

  it('reads {{ and }} as literal braces, as str.format does', () => {
    expect(parseTemplate('{{group_name}}')).toEqual([{ kind: 'literal', text: '{group_name}' }]);
    expect(parseTemplate('{"note":"{{x}} {group_name}"}')).toEqual([
      { kind: 'literal', text: '{"note":"{x} ' },
      { kind: 'placeholder', name: 'group_name', offset: 15 },
      { kind: 'literal', text: '"}' },
    ]);
  });

  it('reports unknown names only', () => {
    expect(unknownPlaceholders('{group_id}/{user_id}/{Group_Id}/{0}')).toEqual(['user_id', 'Group_Id']);
  });
});

describe('refused placeholder forms', () => {
  it.each<[string, string, number, RegExp]>([
    ['empty field', 'https://api.example.com/groups/{}', 32, /^\{\} is an empty placeholder \(positional fields are not supported\)/],
    ['positional field', 'https://api.example.com/groups/{0}', 32, /^\{0\} is a positional placeholder/],
    ['conversion', '{"name":"{group_name!s}"}', 10, /^\{group_name!s\} uses a conversion \(!s\), which is not supported.*; write \{group_name\}$/],
    ['conversion with a spec', '{group_name!r:>5}', 1, /^\{group_name!r:>5\} uses a conversion \(!r\)/],
    ['format spec', 'X-{group_name:>20}', 3, /^\{group_name:>20\} uses a format spec \(:>20\), which is not supported.*; write \{group_name\}$/],
    ['attribute lookup', '{scim_user_email.lower}', 1, /^\{scim_user_email.lower\} uses an attribute or index lookup/],
    ['index lookup', '{member_ids_csv[0]}', 1, /^\{member_ids_csv\[0\]\} uses an attribute or index lookup/],
    ['unknown name', 'a{user_id}', 2, /^\{user_id\} is an unknown placeholder; allowed placeholders are: scim_user_email/],
    ['not a name', 'a{foo-bar}', 2, /^\{foo-bar\} is not a placeholder name/],
    ['unclosed brace', 'https://api.example.com/{group_id', 25, /^"\{" is never closed; write \{\{ for a literal brace$/],
    ['lone closing brace', 'https://api.example.com/x}', 26, /^"\}" closes nothing; write \}\} for a literal brace$/],
    ['lone closing brace inside a JSON string', '{"a":"x}"}', 8, /^"\}" closes nothing/],
  ])('%s', (_name, template, position, message) => {
    const problems = templateProblems(template);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.position).toBe(position);
    expect(problems[0]!.message).toMatch(message);
  });

  it('names the field and the position when a mapping is validated', () => {
    const issues = validateMapping('update_group_name', {
      http_method: 'PATCH',
      url_template: 'https://api.example.com/groups/{group_id}',
      body_kind: 'json',
      body_template: '{"name":"{group_name:>20}"}',
      response_fields: { id: 'id', name: 'name' },
    });
    expect(issues).toEqual([{ path: 'mappings.update_group_name.body_template', message: expect.stringMatching(/^at character 10: \{group_name:>20\} uses a format spec/) }]);
  });

  it('a stored mapping with a refused form is never sent literally', () => {
    const mapping: OperationMapping = { http_method: 'GET', url_template: 'https://api.example.com/groups/{0}' };
    expect(() => renderRequest(mapping, defaultSampleContext('get_group'), { operation: 'get_group' })).toThrow(
      /^at character 32: \{0\} is a positional placeholder/,
    );
  });

  it('renders {{group_name}} as the literal text {group_name}', () => {
    const mapping: OperationMapping = { http_method: 'POST', url_template: 'https://api.example.com/g', body_kind: 'json', body_template: '{"name":"{group_name}","note":"{{group_name}}"}' };
    const { body } = renderRequest(mapping, defaultSampleContext('create_group'), { operation: 'create_group' });
    expect(JSON.parse(body!)).toEqual({ name: defaultSampleContext('create_group').group_name, note: '{group_name}' });
  });
});
