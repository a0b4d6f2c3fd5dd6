import { describe, expect, it } from '@jest/globals';
import { parseTemplate, placeholdersIn, unknownPlaceholders } from './index.js';

describe('placeholder syntax', () => {
  it.each<[string, string[]]>([
    ['https://a.example.com/users/{integration_user_id}', ['integration_user_id']],
    ['{"email":"{scim_user_email}","name":"{scim_user_display_name}"}', ['scim_user_email', 'scim_user_display_name']],
    ['{"a":1}', []],
    ['{ "x": {} }', []],
    ['{"a":{"b":{"c":1}}}', []],
    ['{{group_id}}', ['group_id']],
    ['{group_id}{group_id}', ['group_id']],
    ['{ group_id }', []],
    ['{1abc}{a-b}{_ok}{A9}', ['_ok', 'A9']],
  ])('%s', (template, names) => {
    expect(placeholdersIn(template)).toEqual(names);
  });

  it('keeps literal text around placeholders', () => {
    expect(parseTemplate('a{b}c')).toEqual([
      { kind: 'literal', text: 'a' },
      { kind: 'placeholder', name: 'b', offset: 1 },
      { kind: 'literal', text: 'c' },
    ]);
  });

  it('reports unknown names only', () => {
    expect(unknownPlaceholders('{group_id}/{user_id}/{Group_Id}')).toEqual(['user_id', 'Group_Id']);
  });
});
