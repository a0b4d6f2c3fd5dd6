// Properties a record carries that its schema does not define: accepted (JSON Schema allows them
// unless additionalProperties is false) but most often a typo (`employe_name`), which would
// otherwise be stored silently and leave the real field empty. Reported as warnings, with the
// closest defined name when one is near.
import type { JsonSchema } from '../json-schema.js';

const STRICT = 'integration is strict: records with properties the schema does not define are refused';

export interface PropertyWarning {
  readonly index: number;
  readonly path: string;
  readonly message: string;
}

/** Edit distance (insertions, deletions, substitutions, adjacent swaps), stopping early past `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** The defined property `name` was most likely meant to be, or undefined. */
export function closestProperty(name: string, defined: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const max = Math.max(1, Math.floor(name.length / 4));
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const candidate of defined) {
    const d = distance(lower, candidate.toLowerCase(), max);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Finds the top-level properties of records that `schema` does not define. Null when the schema
 * lists no properties or forbids others outright (then validation itself refuses them).
 */
export class UnknownPropertyCheck {
  private readonly defined: ReadonlySet<string>;
  private readonly names: readonly string[];
  private readonly suggestions = new Map<string, string | undefined>();

  private constructor(properties: readonly string[]) {
    this.names = properties;
    this.defined = new Set(properties);
  }

  static for(schema: JsonSchema): UnknownPropertyCheck | null {
    const properties = schema.properties;
    if (properties === undefined || schema.additionalProperties === false || schema.patternProperties !== undefined) return null;
    return new UnknownPropertyCheck(Object.keys(properties));
  }

  /**
   * Calls `report` for each property of `record` the schema does not define, in the record's
   * order. `strict`: the message says the property is refused rather than stored.
   */
  check(record: unknown, index: number, report: (problem: PropertyWarning) => void, strict = false): void {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) return;
    for (const key in record) {
      if (this.defined.has(key) || !Object.prototype.hasOwnProperty.call(record, key)) continue;
      const near = this.nearest(key);
      if (!strict) report({ index, path: key, message: near === undefined ? 'is not in the schema, so it is stored but no check or monitoring reads it' : `is not in the schema; did you mean \`${near}\`?` });
      else report({ index, path: key, message: near === undefined ? `is not in the schema, and the ${STRICT}` : `is not in the schema; did you mean \`${near}\`? The ${STRICT}` });
    }
  }

  private nearest(key: string): string | undefined {
    let near = this.suggestions.get(key);
    if (near === undefined && !this.suggestions.has(key)) {
      near = closestProperty(key, this.names);
      // Bounded: a body with endless distinct keys costs one lookup each, not unbounded memory.
      if (this.suggestions.size < 1000) this.suggestions.set(key, near);
    }
    return near;
  }
}
