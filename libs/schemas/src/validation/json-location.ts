// JSON.parse says *that* a file is broken but, depending on the engine, not always *where*
// (V8 in Node 20 often gives neither line nor position). Uploaded files are edited by hand, so
// we re-scan a file that failed to parse and report the first problem by line and column.
// The scanner runs only after JSON.parse failed: valid files pay nothing for it.

export interface JsonSyntaxProblem {
  /** Plain-words description including the location, ready to show. */
  readonly message: string;
  /** What is wrong, without the location. */
  readonly reason: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters of that line. */
  readonly column: number;
  /** 0-based offset into the text. */
  readonly offset: number;
}

export type JsonParseResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: JsonSyntaxProblem };

export function parseJsonWithLocation(text: string): JsonParseResult {
  // Editors on Windows like to prepend a byte-order mark; it is not an error worth reporting.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch (cause) {
    const found = findJsonSyntaxError(source) ?? { offset: source.length, reason: (cause as Error).message };
    return { ok: false, error: problemAt(source, found.offset, found.reason) };
  }
}

/** Where `text` begins in a larger document: its first character's line and column, 1-based. */
export interface TextOrigin {
  readonly line: number;
  readonly column: number;
}

/**
 * The problem at `offset` of `text`, located by line and column. With `origin`, `text` is a part
 * of a document that begins at that line and column (the problem's offset stays relative to `text`).
 */
export function jsonSyntaxProblemAt(text: string, offset: number, reason: string, origin: TextOrigin = { line: 1, column: 1 }): JsonSyntaxProblem {
  let line = origin.line;
  let lineStart = 1 - origin.column;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = offset - lineStart + 1;
  return { message: `Invalid JSON at line ${line}, column ${column}: ${reason}.`, reason, line, column, offset };
}

const problemAt = (text: string, offset: number, reason: string) => jsonSyntaxProblemAt(text, offset, reason);

export interface JsonSyntaxError {
  /** 0-based offset into the text scanned. */
  readonly offset: number;
  readonly reason: string;
}
type Found = JsonSyntaxError;

/**
 * Where a scan starts when `text` continues a document rather than beginning it: the brackets
 * still open (outermost first) and what the document expects next. `value` expects a value;
 * `valueOrClose` a value or `]` (just after `[`); `key` a property name (just after a `,` in an
 * object); `keyOrClose` a property name or `}` (just after `{`); `afterValue` a `,`, the closing
 * bracket, or the end of the document. `afterComma` is true when a `value` follows a comma.
 */
export interface JsonScanContext {
  readonly open: readonly ('{' | '[')[];
  readonly expect: 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'afterValue';
  readonly afterComma?: boolean;
}

const enum State {
  Value,
  ValueOrClose, // just after '['
  AfterValue,
  Key, // just after ',' in an object
  KeyOrClose, // just after '{'
}

const NUMBER_TOKEN = /[-+.0-9][-+.0-9A-Za-z]*/y;
const STRICT_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;
const WORD = /[A-Za-z_$][A-Za-z0-9_$]*/y;

const STATES: Readonly<Record<JsonScanContext['expect'], State>> = {
  value: State.Value,
  valueOrClose: State.ValueOrClose,
  key: State.Key,
  keyOrClose: State.KeyOrClose,
  afterValue: State.AfterValue,
};

/**
 * Finds the first syntax error, or null if the text is valid JSON. Iterative: no stack limit.
 * With `from`, `text` is the rest of a document whose beginning was valid and left it in that
 * state; the text then runs to the end of the document.
 */
export function findJsonSyntaxError(text: string, from?: JsonScanContext): Found | null {
  const n = text.length;
  const stack: number[] = from ? from.open.map((b) => (b === '{' ? 123 : 91)) : []; // 123 '{' or 91 '['
  let state: State = from ? STATES[from.expect] : State.Value;
  let afterComma = from?.afterComma ?? false;
  let i = 0;

  for (;;) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
    if (i < n && text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      return { offset: i, reason: 'comments are not allowed in JSON' };
    }

    if (state === State.AfterValue) {
      if (stack.length === 0) {
        return i < n ? { offset: i, reason: `unexpected ${describe(text, i)} after the end of the JSON document` } : null;
      }
      const open = stack[stack.length - 1]!;
      const close = open === 123 ? '}' : ']';
      if (i >= n) return { offset: n, reason: `the file ends before the closing "${close}"` };
      const ch = text[i];
      if (ch === ',') {
        state = open === 123 ? State.Key : State.Value;
        afterComma = true;
        i++;
        continue;
      }
      if (ch === close) {
        stack.pop();
        i++;
        continue;
      }
      const what = open === 123 ? 'a property value' : 'an array item';
      const hint = ch === '"' || ch === '{' || ch === '[' ? ' (is a comma missing?)' : '';
      return { offset: i, reason: `expected "," or "${close}" after ${what} but found ${describe(text, i)}${hint}` };
    }

    if (i >= n) {
      if (stack.length === 0) return { offset: 0, reason: n === 0 ? 'the file is empty' : 'the file contains only whitespace' };
      return { offset: n, reason: `the file ends before the closing "${stack[stack.length - 1] === 123 ? '}' : ']'}"` };
    }
    const ch = text[i]!;

    if (state === State.Key || state === State.KeyOrClose) {
      if (ch === '}') {
        if (state === State.KeyOrClose) {
          stack.pop();
          state = State.AfterValue;
          i++;
          continue;
        }
        return { offset: i, reason: 'a trailing comma before "}" is not allowed in JSON' };
      }
      if (ch !== '"') {
        const hint = ch === "'" ? ' (use double quotes, not single quotes)' : '';
        return { offset: i, reason: `expected a property name in double quotes but found ${describe(text, i)}${hint}` };
      }
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      const name = text.slice(i, end);
      i = end;
      while (i < n && /[ \t\r\n]/.test(text[i]!)) i++;
      if (text[i] !== ':') {
        return { offset: Math.min(i, n), reason: `expected ":" after the property name ${name} but found ${describe(text, i)}` };
      }
      i++;
      state = State.Value;
      afterComma = false;
      continue;
    }

    // State.Value or State.ValueOrClose
    if (ch === ']' && state === State.ValueOrClose) {
      stack.pop();
      state = State.AfterValue;
      i++;
      continue;
    }
    if ((ch === ']' || ch === '}') && afterComma) {
      return { offset: i, reason: `a trailing comma before "${ch}" is not allowed in JSON` };
    }
    afterComma = false;
    if (ch === '{') {
      stack.push(123);
      state = State.KeyOrClose;
      i++;
      continue;
    }
    if (ch === '[') {
      stack.push(91);
      state = State.ValueOrClose;
      i++;
      continue;
    }
    if (ch === '"') {
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      i = end;
      state = State.AfterValue;
      continue;
    }
    if (ch === "'") return { offset: i, reason: 'strings must use double quotes, not single quotes' };
    NUMBER_TOKEN.lastIndex = i;
    const number = NUMBER_TOKEN.exec(text);
    if (number) {
      if (!STRICT_NUMBER.test(number[0])) return { offset: i, reason: `${JSON.stringify(number[0])} is not a valid JSON number` };
      i += number[0].length;
      state = State.AfterValue;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text);
    if (word) {
      const w = word[0];
      if (w === 'true' || w === 'false' || w === 'null') {
        i += w.length;
        state = State.AfterValue;
        continue;
      }
      const lower = w.toLowerCase();
      if (lower === 'true' || lower === 'false' || lower === 'null' || lower === 'none') {
        return { offset: i, reason: `${JSON.stringify(w)} is not a JSON value (use lowercase true, false or null)` };
      }
      return { offset: i, reason: `unexpected word ${JSON.stringify(w.length > 30 ? `${w.slice(0, 30)}…` : w)} (text values must be in double quotes)` };
    }
    return { offset: i, reason: `expected a value but found ${describe(text, i)}` };
  }
}

/** Returns the offset just past the closing quote, or the problem. */
function scanString(text: string, start: number): number | Found {
  const n = text.length;
  let i = start + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92) {
      const next = text[i + 1];
      if (next === undefined) break;
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          return { offset: i, reason: 'invalid \\u escape in a string (expected four hex digits)' };
        }
        i += 6;
        continue;
      }
      if ('"\\/bfnrt'.includes(next)) {
        i += 2;
        continue;
      }
      return { offset: i, reason: `invalid escape "\\${next}" in a string (write a backslash as "\\\\")` };
    }
    if (c < 0x20) {
      return {
        offset: i,
        reason: c === 10 || c === 13 ? 'a string is not closed before the end of the line (missing ")' : 'a control character inside a string must be escaped',
      };
    }
    i++;
  }
  return { offset: start, reason: 'this string is never closed (missing ")' };
}

function describe(text: string, i: number): string {
  if (i >= text.length) return 'the end of the file';
  const ch = text[i]!;
  const code = ch.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return JSON.stringify(ch);
}
