import { describe, expect, it } from '@jest/globals';
import { invalidUtf8Offset, Utf8Validator } from './utf8-validator.js';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('Utf8Validator', () => {
  it('accepts well-formed text of every length', () => {
    expect(invalidUtf8Offset(bytes('{"a":"é ß € 漢 😀"}'))).toBe(-1);
    expect(invalidUtf8Offset(bytes([0xf4, 0x8f, 0xbf, 0xbf]))).toBe(-1); // U+10FFFF
    expect(invalidUtf8Offset(bytes([0xed, 0x9f, 0xbf]))).toBe(-1); // U+D7FF
  });

  it.each([
    ['an invalid continuation (c3 28)', bytes('ab', [0xc3, 0x28]), 2],
    ['a byte that is never UTF-8 (ff fe)', bytes('{"a":"', [0xff, 0xfe]), 6],
    ['an overlong NUL (c0 80)', bytes('x', [0xc0, 0x80]), 1],
    ['an overlong three-byte form (e0 80 80)', bytes([0xe0, 0x80, 0x80]), 0],
    ['a surrogate encoded as UTF-8 (ed a0 80)', bytes('abc', [0xed, 0xa0, 0x80]), 3],
    ['a code point past U+10FFFF (f4 90 80 80)', bytes([0xf4, 0x90, 0x80, 0x80]), 0],
    ['a stray continuation byte', bytes('a', [0x80]), 1],
    ['a character cut short at the very end', bytes('"abc', [0xe2, 0x82]), 4],
  ])('refuses %s at the offset where it starts', (_name, input, offset) => {
    expect(invalidUtf8Offset(input)).toBe(offset);
  });

  it('keeps a character split across chunks whole, and counts offsets across chunks', () => {
    const euro = Buffer.from('€', 'utf8'); // e2 82 ac
    const v = new Utf8Validator();
    expect(v.write(bytes('ab', [euro[0]!]))).toBe(-1);
    expect(v.write(bytes([euro[1]!]))).toBe(-1);
    expect(v.write(bytes([euro[2]!], 'c'))).toBe(-1);
    expect(v.end()).toBe(-1);
    expect(v.write(bytes([0xc3]))).toBe(-1);
    expect(v.write(bytes([0x28]))).toBe(6);
  });
});
