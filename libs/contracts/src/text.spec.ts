import { describe, expect, it } from '@jest/globals';
import { findUnsafeText, MAX_JSON_DEPTH, unsafeChar } from './text.js';

const nest = (levels: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

describe('unsafeChar', () => {
  it('names NUL and unpaired surrogates, accepts paired ones', () => {
    expect(unsafeChar('a\u0000b')).toBe('nul');
    expect(unsafeChar('a\ud800')).toBe('lone-surrogate');
    expect(unsafeChar('\udc00a')).toBe('lone-surrogate');
    expect(unsafeChar('emoji \ud83d\ude00 ok')).toBeNull();
    expect(unsafeChar('plain é ß 漢字')).toBeNull();
  });
});

describe('findUnsafeText', () => {
  it('locates the first bad string or key by path', () => {
    expect(findUnsafeText({ name: 'ok', tags: ['x', 'y\u0000'] })).toMatchObject({ path: 'tags[1]', problem: 'nul' });
    expect(findUnsafeText({ mapping: { ['k\ud800']: 1 } })).toMatchObject({ path: 'mapping.k\ud800', problem: 'lone-surrogate' });
    expect(findUnsafeText({ a: 'x\u0000', b: 'y\u0000' })?.path).toBe('a');
    expect(findUnsafeText('\u0000')?.path).toBe('(body)');
    expect(findUnsafeText({ q: 'x\u0000' }, { prefix: [] })?.message).toMatch(/NUL/);
  });

  it('accepts ordinary values', () => {
    expect(findUnsafeText({ a: [1, true, null, { b: 'c' }] })).toBeNull();
    expect(findUnsafeText(nest(MAX_JSON_DEPTH - 1))).toBeNull();
  });

  it('refuses nesting past the limit without recursing (10,000 levels)', () => {
    expect(findUnsafeText(nest(MAX_JSON_DEPTH + 1))).toMatchObject({ problem: 'too-deep' });
    const deep = findUnsafeText(nest(10_000));
    expect(deep?.problem).toBe('too-deep');
    expect(deep?.path).toBe(Array(MAX_JSON_DEPTH).fill('a').join('.'));
  });
});
