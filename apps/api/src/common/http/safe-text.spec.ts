import { describe, expect, it } from '@jest/globals';
import { requireUtf8Body, SafeTextPipe, UnsafeTextError } from './safe-text.js';

const pipe = new SafeTextPipe();
const refusal = (fn: () => unknown): UnsafeTextError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof UnsafeTextError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
};

describe('SafeTextPipe', () => {
  it('names the body path, the query parameter or the path parameter holding bad text', () => {
    const body = refusal(() => pipe.transform({ mappings: { headers: { 'X-\u0000': '1' } } }, { type: 'body' }));
    expect(body.message).toBe('Request body is invalid: mappings.headers.X-\u0000: must not contain the NUL character (U+0000), which cannot be stored');
    expect(body.details).toEqual([{ path: 'mappings.headers.X-\u0000', message: 'must not contain the NUL character (U+0000), which cannot be stored' }]);
    expect(refusal(() => pipe.transform({ filter: 'userName eq "\ud800"' }, { type: 'query' }))).toMatchObject({ part: 'query', field: 'filter', problem: 'lone-surrogate' });
    expect(refusal(() => pipe.transform('ctx\u0000', { type: 'param', data: 'contextKey' })).message).toMatch(/^Path parameter is invalid: contextKey: /);
  });

  it('refuses deep nesting with a bounded field name, and passes good values through untouched', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { ['k'.repeat(50)]: deep };
    const err = refusal(() => pipe.transform(deep, { type: 'body' }));
    expect(err.problem).toBe('too-deep');
    expect(err.field.length).toBeLessThanOrEqual(201);
    const good = { name: 'Ünïcödé 😀', list: [1, null, true] };
    expect(pipe.transform(good, { type: 'body' })).toBe(good);
    expect(pipe.transform({ 'x\u0000': 1 }, { type: 'custom' })).toEqual({ 'x\u0000': 1 });
  });
});

describe('requireUtf8Body', () => {
  it('lets UTF-8 through and refuses anything else with a 400 naming the byte offset', () => {
    expect(() => requireUtf8Body({} as never, {}, Buffer.from('{"a":"é"}'))).not.toThrow();
    let err: (Error & { status?: number; type?: string }) | undefined;
    try {
      requireUtf8Body({} as never, {}, Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc0, 0x80]), Buffer.from('"}')]));
    } catch (e) {
      err = e as Error;
    }
    expect(err).toMatchObject({ status: 400, type: 'entity.invalid.utf8' });
    expect(err?.message).toMatch(/^Request body is not valid UTF-8: the byte sequence at byte offset 6 /);
  });
});
