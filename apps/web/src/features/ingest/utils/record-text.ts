// A record's JSON text as it was pushed (`json` of the records API). The browser's JSON.parse
// would change it (12345678901234567890 becomes 12345678901234567000, 1.0 becomes 1, escapes
// are decoded), so what shows the evidence works on the text itself: tokens are copied as they
// are, only the whitespace between them may change.

const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t';

/** The index just past the string that starts (with its quote) at `i`. */
function stringEnd(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

/**
 * The record indented two spaces per level, every token (number, string, key) exactly as sent
 * and in the order sent: only the whitespace between tokens is replaced. Expects valid JSON
 * (a stored record always is).
 */
export function indentJsonText(text: string): string {
  let out = '';
  let depth = 0;
  const newline = () => `\n${'  '.repeat(depth)}`;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (isSpace(c)) {
      i++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (c === '{' || c === '[') {
      let j = i + 1;
      while (j < text.length && isSpace(text[j]!)) j++;
      if (text[j] === (c === '{' ? '}' : ']')) {
        out += c === '{' ? '{}' : '[]';
        i = j + 1;
      } else {
        depth++;
        out += c + newline();
        i++;
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out += newline() + c;
      i++;
    } else if (c === ',') {
      out += `,${newline()}`;
      i++;
    } else if (c === ':') {
      out += ': ';
      i++;
    } else {
      let j = i + 1;
      while (j < text.length && !isSpace(text[j]!) && !',:]}'.includes(text[j]!)) j++;
      out += text.slice(i, j);
      i = j;
    }
  }
  return out;
}

/**
 * The text of each top-level field of an object record, as sent (`"12345678901234567890"` for
 * the number, `"\"Ada\""` for a string); a repeated key counts with its last value, as when
 * parsed. Empty for a record that is not an object.
 */
export function topLevelFieldTexts(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let i = 0;
  const skip = () => {
    while (i < text.length && isSpace(text[i]!)) i++;
  };
  skip();
  if (text[i] !== '{') return fields;
  i++;
  for (;;) {
    skip();
    if (text[i] !== '"') return fields;
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = keyEnd;
    skip();
    i++; // the colon
    skip();
    const start = i;
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (c === '"') i = stringEnd(text, i) - 1;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
    }
    let end = i;
    while (end > start && isSpace(text[end - 1]!)) end--;
    fields.set(key, text.slice(start, end));
    if (text[i] !== ',') return fields;
    i++;
  }
}
