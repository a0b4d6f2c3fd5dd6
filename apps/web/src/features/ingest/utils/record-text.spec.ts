import { describe, expect, it } from '@jest/globals';
import { indentJsonText, topLevelFieldTexts } from './record-text';

describe('indentJsonText', () => {
  it('indents, keeping every token and its order as sent', () => {
    const sent = '{"b":1.0,"a":[12345678901234567890, {"x" : "\\u00e9, \\"q\\" {["}],"e":{},"l":[ ],"n":null,"t":-0}';
    expect(indentJsonText(sent)).toBe(
      [
        '{',
        '  "b": 1.0,',
        '  "a": [',
        '    12345678901234567890,',
        '    {',
        '      "x": "\\u00e9, \\"q\\" {["',
        '    }',
        '  ],',
        '  "e": {},',
        '  "l": [],',
        '  "n": null,',
        '  "t": -0',
        '}',
      ].join('\n'),
    );
  });

  it('replaces the whitespace that was sent between tokens, never inside strings', () => {
    expect(indentJsonText('{\n\t"a" :  "x  y"\r\n}')).toBe('{\n  "a": "x  y"\n}');
    expect(indentJsonText(' 1E-7 ')).toBe('1E-7');
  });
});

describe('topLevelFieldTexts', () => {
  it('gives the text of each top-level field as sent, the last of a repeated key', () => {
    const fields = topLevelFieldTexts('{ "n" : 12345678901234567890 , "s":"a,\\"}b","o":{"x":[1,{"y":2}]},"f":1.0,"f":2.50 }');
    expect(Object.fromEntries(fields)).toEqual({ n: '12345678901234567890', s: '"a,\\"}b"', o: '{"x":[1,{"y":2}]}', f: '2.50' });
  });

  it('is empty for a record that is not an object', () => {
    expect(topLevelFieldTexts('[1,2]').size).toBe(0);
    expect(topLevelFieldTexts('{}').size).toBe(0);
  });
});
