import { describe, expect, it } from '@jest/globals';
import { USER_ATTRIBUTES, GROUP_ATTRIBUTES } from './index.js';
import { deepEqual, isPlainObject, type JsonObject } from './json-utils.js';
import { ValueList } from './multi-valued.js';

const emailsDefinition = USER_ATTRIBUTES.find((d) => d.name === 'emails')!;
const membersDefinition = GROUP_ATTRIBUTES.find((d) => d.name === 'members')!;
const addressesDefinition = USER_ATTRIBUTES.find((d) => d.name === 'addresses')!;

// The pairwise merge the index replaced, kept as the reference for what a merge must do.
function sameValue(a: unknown, b: unknown, caseExact: boolean): boolean {
  if (!isPlainObject(a) || !isPlainObject(b) || a.value === undefined || b.value === undefined) return deepEqual(a, b);
  const eq = (x: unknown, y: unknown, exact: boolean) =>
    typeof x === 'string' && typeof y === 'string' && !exact ? x.toLowerCase() === y.toLowerCase() : x === y;
  if (!eq(a.value, b.value, caseExact)) return false;
  return a.type === undefined || b.type === undefined || eq(a.type, b.type, false);
}

function referenceMerge(list: unknown[], items: unknown[], caseExact: boolean): unknown[] {
  const out = [...list];
  const written: JsonObject[] = [];
  for (const item of items) {
    const at = out.findIndex((current) => sameValue(current, item, caseExact));
    if (at >= 0) {
      const current = out[at];
      const merged = isPlainObject(current) && isPlainObject(item) ? { ...current, ...item } : item;
      out[at] = merged;
      if (isPlainObject(merged) && isPlainObject(item) && item.primary === true) written.push(merged);
    } else {
      out.push(item);
      if (isPlainObject(item) && item.primary === true) written.push(item);
    }
  }
  const winner = written[written.length - 1];
  if (winner) for (const v of out) if (isPlainObject(v) && v !== winner && v.primary === true) v.primary = false;
  return out;
}

function referenceRemove(list: unknown[], doomed: unknown[], caseExact: boolean): unknown[] {
  return list.filter((item) => !doomed.some((d) => sameValue(item, d, caseExact)));
}

// A small deterministic generator: values collide often, in different cases and with and
// without types, which is where identity rules matter.
function randomValues(seed: number, count: number): JsonObject[] {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  return Array.from({ length: count }, () => {
    const value: JsonObject = { value: ['a@x', 'A@X', 'b@x', 'c@x', 'B@x'][next(5)] };
    const type = [undefined, 'work', 'Work', 'home'][next(4)];
    if (type !== undefined) value.type = type;
    if (next(4) === 0) value.primary = true;
    if (next(6) === 0) value.display = `d${next(3)}`;
    return value;
  });
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('ValueList', () => {
  it('merges exactly as the pairwise comparison did, for many mixes of case, type and primary', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const start = randomValues(seed, 6);
      const added = randomValues(seed * 7 + 3, 8);
      const list = new ValueList(emailsDefinition, clone(start));
      list.merge(clone(added));
      expect(list.toArray()).toEqual(referenceMerge(clone(start), clone(added), false));
    }
  });

  it('removes exactly what the pairwise comparison removed', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const start = randomValues(seed, 8);
      const doomed = randomValues(seed * 11 + 5, 3);
      const list = new ValueList(emailsDefinition, clone(start));
      list.remove(clone(doomed));
      expect(list.toArray()).toEqual(referenceRemove(clone(start), clone(doomed), false));
    }
  });

  it('compares values without a "value" sub-attribute as whole JSON values, whatever the key order', () => {
    const list = new ValueList(addressesDefinition, [{ type: 'work', locality: 'Paris' }]);
    list.merge([{ locality: 'Paris', type: 'work' }, { locality: 'Lyon', type: 'work' }]);
    expect(list.toArray()).toEqual([{ type: 'work', locality: 'Paris' }, { locality: 'Lyon', type: 'work' }]);
    list.remove([{ locality: 'Paris', type: 'work' }]);
    expect(list.toArray()).toEqual([{ locality: 'Lyon', type: 'work' }]);
  });

  it('keeps 10,000 members in order through adds, re-adds and removals, one value at a time', () => {
    const ids = Array.from({ length: 10000 }, (_, i) => `user-${i}`);
    const list = new ValueList(membersDefinition);
    for (const id of ids) list.merge([{ value: id }]);
    for (const id of ids) list.merge([{ value: id, display: id.toUpperCase() }]);
    for (const id of ids.filter((_, i) => i % 2 === 0)) list.remove([{ value: id }]);
    const expected = ids.filter((_, i) => i % 2 === 1).map((id) => ({ value: id, display: id.toUpperCase() }));
    expect(list.size).toBe(5000);
    expect(list.toArray()).toEqual(expected);
  });

  it('answers `value eq "x"` removals from the index only when every value is a string', () => {
    const list = new ValueList(membersDefinition, [{ value: 'A' }, { value: 'b' }]);
    expect(list.removeWhereValueIs('a')).toBe(true);
    expect(list.toArray()).toEqual([{ value: 'b' }]);
    const mixed = new ValueList(membersDefinition, [{ value: 1 }, { value: 'b' }]);
    expect(mixed.removeWhereValueIs('1')).toBe(false);
    expect(mixed.size).toBe(2);
  });

  it('keeps one primary value: the last one written', () => {
    const list = new ValueList(emailsDefinition, [{ value: 'a@x', primary: true }]);
    list.merge([{ value: 'b@x', primary: true }, { value: 'c@x' }]);
    expect(list.toArray()).toEqual([{ value: 'a@x', primary: false }, { value: 'b@x', primary: true }, { value: 'c@x' }]);
  });
});

