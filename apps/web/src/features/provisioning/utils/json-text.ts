// JSON text typed by an admin: parsed with a syntax error that names its line and column.
// Browsers word JSON.parse errors differently and some give no position at all, so a small
// checker finds the offending place itself; JSON.parse still produces the value.

export type JsonSyntaxError = {
  message: string;
  /** 0-based character offset of the problem. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
};

export type JsonParseResult<T = unknown> = { ok: true; value: T } | { ok: false; error: JsonSyntaxError };

class Stop extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const show = (c: string | undefined) =>
  c === undefined ? 'the end of the text' : c === '\n' ? 'a line break' : c === '"' ? 'a string (is a comma missing?)' : `"${c}"`;

/** The first syntax problem in a JSON text (offset and message), or null when it parses. */
export function findJsonSyntaxError(text: string): { offset: number; message: string } | null {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (message: string, at = i): never => {
    throw new Stop(at, message);
  };

  const string = () => {
    const start = i;
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('Unterminated string: a closing " is missing', start);
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('Invalid \\u escape: four hex digits are expected');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(`Invalid escape \\${e ?? ''} in a string`);
        continue;
      }
      if (c < ' ') fail('Line breaks and tabs inside a string must be escaped (\\n, \\t)');
      i++;
    }
  };

  const value = (): void => {
    ws();
    const c = text[i];
    if (c === undefined) fail('Unexpected end of the text: a value is expected');
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c! >= '0' && c! <= '9')) {
      const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
      m.lastIndex = i;
      const found = m.exec(text);
      if (!found || found[0] === '-') fail('Invalid number');
      i += found![0].length;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    const word = /[A-Za-z_]\w*/y;
    word.lastIndex = i;
    const bare = word.exec(text);
    if (bare) fail(`Unexpected word ${bare[0]}: strings need double quotes`);
    fail(`Unexpected ${show(c)}: a value is expected`);
  };

  const object = () => {
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      ws();
      const c = text[i];
      if (c !== '"') {
        if (c === '}') fail('Trailing comma before "}"');
        if (c === undefined) fail('Unexpected end of the text: "}" is missing');
        fail(`Expected a property name in double quotes, found ${show(c)}`);
      }
      string();
      ws();
      if (text[i] !== ':') fail(`Expected ":" after the property name, found ${show(text[i])}`);
      i++;
      value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      if (text[i] === undefined) fail('Unexpected end of the text: "}" is missing');
      fail(`Expected "," or "}" after a property value, found ${show(text[i])}`);
    }
  };

  const array = () => {
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] === ']') fail('Trailing comma before "]"');
      value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      if (text[i] === undefined) fail('Unexpected end of the text: "]" is missing');
      fail(`Expected "," or "]" after a list item, found ${show(text[i])}`);
    }
  };

  try {
    value();
    ws();
    if (i < n) fail(`Unexpected ${show(text[i])} after the end of the JSON value`);
    return null;
  } catch (err) {
    if (err instanceof Stop) return { offset: Math.min(err.offset, n), message: err.message };
    throw err;
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function syntaxError(text: string, offset: number, message: string): JsonSyntaxError {
  return { message, offset, ...lineColumn(text, offset) };
}

/** Parses any JSON value. */
export function parseJsonText(text: string): JsonParseResult {
  const problem = findJsonSyntaxError(text);
  if (problem) return { ok: false, error: syntaxError(text, problem.offset, problem.message) };
  return { ok: true, value: JSON.parse(text) as unknown };
}

/** Parses text that must hold a JSON object (the Capabilities and Mappings editors). */
export function parseJsonObject(text: string): JsonParseResult<Record<string, unknown>> {
  if (text.trim() === '') return { ok: false, error: syntaxError(text, 0, 'Empty: write a JSON object, e.g. {}') };
  const parsed = parseJsonText(text);
  if (!parsed.ok) return parsed;
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return { ok: false, error: syntaxError(text, text.length - text.trimStart().length, 'Must be a JSON object: { … }') };
  }
  return { ok: true, value: parsed.value as Record<string, unknown> };
}

/** "line 3, column 7: message", as shown under an editor. */
export function describeSyntaxError(error: JsonSyntaxError): string {
  return `Line ${error.line}, column ${error.column}: ${error.message}`;
}

/** Indented JSON, the way the editors show saved values. */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** Key order and whitespace do not matter: two texts are the same setting when their values are equal. */
export function sameJsonValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
