// A record is kept exactly as sent, but checked as JavaScript parses it: every number becomes
// the nearest double. That is harmless for an integer beyond 2^53 or a decimal with more
// digits than a double holds (the schema checks the nearest value, the text is kept whole),
// but a number beyond the double range (about ±1.8e308) becomes ±Infinity, which no schema
// check can say anything true about. And the jsonb copy that queries use is made from the text
// as sent, so every number must also fit PostgreSQL's numeric: at most 16383 digits after the
// decimal point once its exponent is applied (1e-16384 does not, though JavaScript reads it as
// 0), and an exponent below 2^30 in size. A record with any other number is refused, naming it.

/** PostgreSQL's numeric: NUMERIC_DSCALE_MAX, and the exponents its input takes (below INT_MAX / 2). */
const MAX_SCALE = 16383;
const MAX_EXPONENT = 1073741823;

/**
 * A record text longer than this may hold a decimal too long for numeric without an exponent of
 * four digits or more (the scale is the digits after the point minus the exponent).
 */
export const LONG_RECORD_TEXT = MAX_SCALE - 999;

/**
 * True when a parsed record holds ±Infinity somewhere. Walking the parsed value costs less than
 * any scan of the text (a few numbers per record against hundreds of characters).
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

export interface UnusableNumber {
  /** Where it is in the record: `total`, `lines[2].amount`, or '' for the record itself. */
  readonly path: string;
  /** Why it is refused, for the caller to read. */
  readonly message: string;
}

const LITERAL_MAX = 40;
const NUMBER = /^-?\d+(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** What is wrong with one number literal (valid JSON), or null when it can be checked and stored. */
export function numberProblem(literal: string): string | null {
  const shown = shorten(literal);
  if (!Number.isFinite(Number(literal))) {
    return `the number ${shown} is outside the range a JSON number can be checked in (about ±1.8e308); send it as a string`;
  }
  const [, fraction = '', exponentText = '0'] = NUMBER.exec(literal) ?? [];
  const exponent = Number(exponentText);
  if (Math.abs(exponent) >= MAX_EXPONENT) return `the number ${shown} has an exponent too large to be stored; send it as a string`;
  if (fraction.length - exponent > MAX_SCALE) {
    return `the number ${shown} has more than ${MAX_SCALE} digits after the decimal point once its exponent is applied, more than can be stored; send it as a string`;
  }
  return null;
}

/**
 * The first number in `text` (one record's JSON text, already known to be valid JSON) that
 * cannot be checked or stored, with its path; null when there is none. Every number in the text
 * counts, also one under a key that a later repetition of the key replaces: the stored text
 * holds it.
 */
export function findUnusableNumber(text: string): UnusableNumber | null {
  let i = 0;
  const n = text.length;
  let found: UnusableNumber | null = null;

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
    if (c === 45 || (c >= 48 && c <= 57)) {
      const message = numberProblem(text.slice(start, i));
      if (message !== null) found = { path, message };
    }
  };

  readValue('');
  return found;
}

const isScalarChar = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || c === 43 || c === 46;

const shorten = (literal: string) => (literal.length <= LITERAL_MAX ? literal : `${literal.slice(0, 16)}…${literal.slice(-16)} (${literal.length} characters)`);
