// A record is kept exactly as sent, but checked as JavaScript parses it: every number becomes
// the nearest double. That is harmless for an integer beyond 2^53 or a decimal with more
// digits than a double holds (the schema checks the nearest value, the text is kept whole),
// but a number beyond the double range (about ±1.8e308) becomes ±Infinity, which no schema
// check can say anything true about. Such a record is refused, naming the number.

/**
 * True when a parsed record holds ±Infinity somewhere. Walking the parsed value costs less than
 * any scan of the text (a few numbers per record against hundreds of characters); only then is
 * the text scanned, to say where the number is and how it was written.
 */
export function hasOutOfRangeNumber(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const item of value) if (hasOutOfRangeNumber(item)) return true;
    return false;
  }
  for (const key in value) if (hasOutOfRangeNumber((value as Record<string, unknown>)[key])) return true;
  return false;
}

export interface OutOfRangeNumber {
  /** Where it is in the record: `total`, `lines[2].amount`, or '' for the record itself. */
  readonly path: string;
  /** The number as sent (shortened when very long). */
  readonly literal: string;
}

const LITERAL_MAX = 40;

/**
 * The first number in `text` (one record's JSON text, already known to be valid JSON) that
 * parses to ±Infinity, with its path; null when there is none.
 */
export function findOutOfRangeNumber(text: string): OutOfRangeNumber | null {
  let i = 0;
  const n = text.length;
  let found: OutOfRangeNumber | null = null;

  const skipSpace = () => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
    }
  };
  /** Reads the string starting at i (a quote) and returns its text with the quotes. */
  const readString = (): string => {
    const start = i++;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 92) i++;
      else if (c === 34) break;
    }
    i++;
    return text.slice(start, i);
  };
  const readValue = (path: string): void => {
    skipSpace();
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      const object = c === 123;
      i++;
      skipSpace();
      if (text.charCodeAt(i) === (object ? 125 : 93)) {
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        let child: string;
        if (object) {
          skipSpace();
          const key = JSON.parse(readString()) as string;
          child = path === '' ? key : `${path}.${key}`;
          skipSpace();
          i++; // the colon
        } else {
          child = `${path}[${index}]`;
        }
        readValue(child);
        if (found !== null) return;
        skipSpace();
        if (text.charCodeAt(i++) !== 44) return; // the closing bracket
      }
    }
    if (c === 34) {
      readString();
      return;
    }
    const start = i;
    while (i < n && isScalarChar(text.charCodeAt(i))) i++;
    const literal = text.slice(start, i);
    if ((c === 45 || (c >= 48 && c <= 57)) && !Number.isFinite(Number(literal))) found = { path, literal: shorten(literal) };
  };

  readValue('');
  return found;
}

const isScalarChar = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || c === 43 || c === 46;

const shorten = (literal: string) => (literal.length <= LITERAL_MAX ? literal : `${literal.slice(0, 16)}…${literal.slice(-16)} (${literal.length} characters)`);
