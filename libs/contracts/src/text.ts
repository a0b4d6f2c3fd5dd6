import { formatPath } from './errors.js';

/**
 * Text PostgreSQL cannot store, and JSON too deep to walk safely. Request bodies, query strings
 * and path parameters of every surface (admin API, SCIM, ingest) are checked against these
 * rules once, before any recursive processing or any query sees them.
 */

/** Deepest nesting accepted in a request body (objects and arrays); deeper is refused unread. */
export const MAX_JSON_DEPTH = 64;

/** A NUL character, or a UTF-16 surrogate that is not half of a pair. */
const UNSTORABLE_CHAR = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type UnsafeTextProblem = 'nul' | 'lone-surrogate' | 'too-deep';

export interface UnsafeText {
  /** Where: `name`, `mapping.fields[2].key`, or `(body)`. */
  readonly path: string;
  readonly problem: UnsafeTextProblem;
  /** A sentence fragment for the field: "must not contain …". */
  readonly message: string;
}

/** Which problem a single string has, if any. */
export function unsafeChar(text: string): Exclude<UnsafeTextProblem, 'too-deep'> | null {
  const m = UNSTORABLE_CHAR.exec(text);
  if (!m) return null;
  return m[0] === '\u0000' ? 'nul' : 'lone-surrogate';
}

export const UNSAFE_TEXT_MESSAGES: Record<UnsafeTextProblem, string> = {
  nul: 'must not contain the NUL character (U+0000), which cannot be stored',
  'lone-surrogate': 'must not contain an unpaired UTF-16 surrogate (e.g. "\\ud800" without its pair), which is not valid text',
  'too-deep': `is nested more than ${MAX_JSON_DEPTH} levels deep`,
};

/**
 * The first key or string in a parsed JSON value (or a query/params object) holding NUL or an
 * unpaired surrogate, or the first object/array nested deeper than `maxDepth`. Walks with its own
 * stack, so any depth is safe to inspect.
 */
export function findUnsafeText(value: unknown, options: { maxDepth?: number; prefix?: readonly PropertyKey[] } = {}): UnsafeText | null {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const found = (path: readonly PropertyKey[], problem: UnsafeTextProblem): UnsafeText => ({ path: formatPath(path), problem, message: UNSAFE_TEXT_MESSAGES[problem] });
  const stack: { value: unknown; path: readonly PropertyKey[]; depth: number }[] = [{ value, path: options.prefix ?? [], depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const v = item.value;
    if (typeof v === 'string') {
      const problem = unsafeChar(v);
      if (problem) return found(item.path, problem);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) return found(item.path, 'too-deep');
    const children: { value: unknown; path: readonly PropertyKey[]; depth: number }[] = [];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) children.push({ value: v[i], path: [...item.path, i], depth });
    } else {
      for (const key of Object.keys(v)) {
        const path = [...item.path, key];
        const problem = unsafeChar(key);
        if (problem) return found(path, problem);
        children.push({ value: (v as Record<string, unknown>)[key], path, depth });
      }
    }
    // Reversed so the first child is looked at first: the report names the first problem in reading order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return null;
}
