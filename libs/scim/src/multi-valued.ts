import { findSubAttribute } from './attribute-resolver.js';
import { isPlainObject, type JsonObject } from './json-utils.js';
import type { AttributeDefinition } from './schema-definitions.js';

/**
 * The values of one multi-valued attribute, indexed by identity so that adding, merging and
 * removing a value costs the same whatever the list's length.
 *
 * Two values are the same when their "value" sub-attributes match (case-insensitively unless
 * the sub-attribute is caseExact) and so do their types, when both carry one: adding an
 * existing member again must not duplicate it. Values without a "value" (or of an attribute
 * that has none) are the same when they are equal as JSON.
 *
 * Values keep their order: a merge stays where the value was, a new value goes last.
 */
export class ValueList {
  // Position = sequence number; a removed value leaves a hole, so removing stays cheap and
  // the others keep their order.
  private readonly items: unknown[] = [];
  private live = 0;
  /** Positions (ascending) of the values with a given "value" key: one number, or several. */
  private readonly byValue = new Map<unknown, Bucket>();
  /** Same for values compared as a whole, keyed by their canonical JSON. */
  private readonly byShape = new Map<string, Bucket>();
  /** Values that say primary: true (at most one once a write named a primary). */
  private readonly primaries = new Set<number>();
  /** Values whose "value" is not a string: a text filter cannot be answered from the index then. */
  private nonString = 0;
  private readonly byValueIdentity: boolean;
  private readonly caseExact: boolean;

  constructor(definition: AttributeDefinition, initial: readonly unknown[] = []) {
    const valueDefinition = findSubAttribute(definition, 'value');
    this.byValueIdentity = valueDefinition !== undefined;
    this.caseExact = valueDefinition?.caseExact ?? false;
    for (const item of initial) this.push(item);
  }

  get size(): number {
    return this.live;
  }

  toArray(): unknown[] {
    if (this.live === this.items.length) return this.items.slice();
    return this.items.filter((item) => item !== REMOVED);
  }

  /**
   * Appends values, merging a value into the first existing one with the same identity
   * (sub-attributes it names replace those of the existing value). RFC 7643 §2.4: primary may
   * be true on one value only; the last value written with primary: true keeps it.
   */
  merge(values: readonly unknown[]): void {
    let winner = -1;
    for (const item of values) {
      const at = this.first(item);
      if (at < 0) {
        const added = this.push(item);
        if (isPlainObject(item) && item.primary === true) winner = added;
        continue;
      }
      const current = this.items[at];
      const stored = isPlainObject(current) && isPlainObject(item) ? { ...current, ...item } : item;
      this.items[at] = stored;
      this.trackPrimary(at, stored);
      if (isPlainObject(stored) && isPlainObject(item) && item.primary === true) winner = at;
    }
    if (winner >= 0) this.keepPrimary(winner);
  }

  /** Removes every value that is the same as one of `values`. */
  remove(values: readonly unknown[]): void {
    for (const doomed of values) {
      const key = this.valueKey(doomed);
      if (key === NO_VALUE) {
        const shape = canonicalJson(doomed);
        for (const at of positions(this.byShape.get(shape))) this.delete(at, this.byShape, shape);
        continue;
      }
      const type = (doomed as JsonObject).type;
      for (const at of positions(this.byValue.get(key))) {
        if (compatibleType(type, this.items[at])) this.delete(at, this.byValue, key);
      }
    }
  }

  /**
   * Removes the values whose "value" equals `text` the way the filter `value eq "text"` compares
   * it; false (nothing done) when the index cannot answer that exactly.
   */
  removeWhereValueIs(text: string): boolean {
    if (!this.byValueIdentity || this.nonString > 0) return false;
    const key = this.stringKey(text);
    for (const at of positions(this.byValue.get(key))) this.delete(at, this.byValue, key);
    return true;
  }

  private push(item: unknown): number {
    const at = this.items.length;
    this.items.push(item);
    this.live++;
    const key = this.valueKey(item);
    if (key === NO_VALUE) add(this.byShape, canonicalJson(item), at);
    else {
      add(this.byValue, key, at);
      if (typeof (item as JsonObject).value !== 'string') this.nonString++;
    }
    this.trackPrimary(at, item);
    return at;
  }

  private delete<K>(at: number, buckets: Map<K, Bucket>, key: K): void {
    const item = this.items[at];
    if (item === REMOVED) return;
    this.items[at] = REMOVED;
    this.live--;
    const bucket = buckets.get(key);
    if (typeof bucket === 'number' || bucket === undefined) buckets.delete(key);
    else {
      bucket.splice(bucket.indexOf(at), 1);
      if (bucket.length === 1) buckets.set(key, bucket[0]!);
    }
    if (buckets === (this.byValue as Map<unknown, Bucket>) && typeof (item as JsonObject).value !== 'string') this.nonString--;
    this.primaries.delete(at);
  }

  /** Position of the first value that is the same as `item`, or -1. */
  private first(item: unknown): number {
    const key = this.valueKey(item);
    if (key === NO_VALUE) {
      const bucket = this.byShape.get(canonicalJson(item));
      return bucket === undefined ? -1 : typeof bucket === 'number' ? bucket : bucket[0]!;
    }
    const bucket = this.byValue.get(key);
    if (bucket === undefined) return -1;
    const type = (item as JsonObject).type;
    if (typeof bucket === 'number') return compatibleType(type, this.items[bucket]) ? bucket : -1;
    for (const at of bucket) if (compatibleType(type, this.items[at])) return at;
    return -1;
  }

  /** The index key of a value identified by its "value" sub-attribute, else NO_VALUE. */
  private valueKey(item: unknown): unknown {
    if (!this.byValueIdentity || !isPlainObject(item) || item.value === undefined) return NO_VALUE;
    const value = item.value;
    return typeof value === 'string' ? this.stringKey(value) : value;
  }

  private stringKey(text: string): string {
    // Prefixed so a string can never collide with a non-string value used as a key.
    return `s:${this.caseExact ? text : text.toLowerCase()}`;
  }

  private trackPrimary(at: number, item: unknown): void {
    if (isPlainObject(item) && item.primary === true) this.primaries.add(at);
    else if (this.primaries.size > 0) this.primaries.delete(at);
  }

  private keepPrimary(winner: number): void {
    for (const at of this.primaries) {
      if (at === winner) continue;
      const item = this.items[at];
      if (isPlainObject(item)) item.primary = false;
      this.primaries.delete(at);
    }
  }
}

type Bucket = number | number[];

const REMOVED = Symbol('removed');
const NO_VALUE = Symbol('no value');

function add<K>(buckets: Map<K, Bucket>, key: K, at: number): void {
  const bucket = buckets.get(key);
  if (bucket === undefined) buckets.set(key, at);
  else if (typeof bucket === 'number') buckets.set(key, [bucket, at]);
  else bucket.push(at);
}

/** A bucket's positions, copied so that deleting while iterating is safe. */
function positions(bucket: Bucket | undefined): number[] {
  return bucket === undefined ? [] : typeof bucket === 'number' ? [bucket] : bucket.slice();
}

/** Values with the same "value" are the same unless both carry a type and the types differ. */
function compatibleType(type: unknown, candidate: unknown): boolean {
  const other = (candidate as JsonObject).type;
  return type === undefined || other === undefined || sameScalar(type, other);
}

function sameScalar(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** JSON with object keys sorted and undefined members left out: equal exactly when deepEqual says so. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const object = value as JsonObject;
  const keys = Object.keys(object);
  if (keys.length > 1) keys.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = object[key];
    if (item === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${out}}`;
}
