import { badRequest, type ScimErrorType } from './errors.js';
import { formatAttributePath, parseAttributePathText, type AttributePath } from './attribute-path.js';

export type ComparisonOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type FilterValue = string | number | boolean | null;

export interface ComparisonNode {
  kind: 'comparison';
  path: AttributePath;
  operator: ComparisonOperator;
  value: FilterValue;
  /** For an unquoted number, the token as written: against a string attribute "1e3" stays "1e3". */
  rawValue?: string;
}
export interface PresentNode {
  kind: 'present';
  path: AttributePath;
}
export interface LogicalNode {
  kind: 'and' | 'or';
  left: FilterNode;
  right: FilterNode;
}
export interface NotNode {
  kind: 'not';
  operand: FilterNode;
}
/** `emails[type eq "work"]`: the inner filter applies to each value of a multi-valued attribute. */
export interface ValuePathNode {
  kind: 'valuePath';
  path: AttributePath;
  filter: FilterNode;
}
export type FilterNode = ComparisonNode | PresentNode | LogicalNode | NotNode | ValuePathNode;

/** A PATCH target: `attrPath` or `valuePath [subAttr]` (RFC 7644 §3.5.2). */
export interface PatchPath extends AttributePath {
  filter?: FilterNode;
  /** With a filter, the sub-attribute after the closing bracket (`emails[...].value`). */
  filterSubAttribute?: string;
}

const COMPARISON_OPERATORS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const ORDERING_OPERATORS = new Set<string>(['gt', 'ge', 'lt', 'le']);
const SUBSTRING_OPERATORS = new Set<string>(['co', 'sw', 'ew']);
const PATH_CHAR = /[A-Za-z0-9_\-$.:]/;
const WORD_CHAR = /[A-Za-z]/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

// Filters come from the network; bounding size and nesting keeps a hostile one from
// exhausting the stack or CPU.
export const MAX_FILTER_LENGTH = 10_000;
export const MAX_FILTER_DEPTH = 32;

class Scanner {
  pos = 0;

  constructor(
    readonly text: string,
    private readonly errorType: ScimErrorType,
    private readonly label: string,
  ) {}

  fail(message: string, at: number = this.pos): never {
    // 1-based so the position matches what a person counts in the query string.
    throw badRequest(this.errorType, `${this.label} at character ${at + 1}: ${message}`);
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text.charAt(this.pos);
  }

  skipWhitespace(): boolean {
    const start = this.pos;
    while (!this.atEnd() && /\s/.test(this.peek())) this.pos++;
    return this.pos > start;
  }

  readWhile(test: (ch: string) => boolean): string {
    const start = this.pos;
    while (!this.atEnd() && test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** The word at the cursor, without consuming it. */
  peekWord(): string {
    let end = this.pos;
    while (end < this.text.length && WORD_CHAR.test(this.text.charAt(end))) end++;
    return this.text.slice(this.pos, end);
  }

  found(): string {
    if (this.atEnd()) return 'end of input';
    const rest = this.text.slice(this.pos);
    const token = /^[^\s()[\]]+/.exec(rest)?.[0] ?? rest.charAt(0);
    return `"${token.length > 30 ? `${token.slice(0, 30)}…` : token}"`;
  }

  expect(ch: string, what: string): void {
    this.skipWhitespace();
    if (this.peek() !== ch) this.fail(`expected ${what} but found ${this.found()}`);
    this.pos++;
  }
}

class FilterParser {
  constructor(private readonly s: Scanner) {}

  parseOr(depth: number, inValuePath: boolean): FilterNode {
    let left = this.parseAnd(depth, inValuePath);
    while (this.acceptKeyword('or')) {
      left = { kind: 'or', left, right: this.parseAnd(depth, inValuePath) };
    }
    return left;
  }

  private parseAnd(depth: number, inValuePath: boolean): FilterNode {
    let left = this.parseUnary(depth, inValuePath);
    while (this.acceptKeyword('and')) {
      left = { kind: 'and', left, right: this.parseUnary(depth, inValuePath) };
    }
    return left;
  }

  // Logical keywords must be separated from what follows ("and(" is fine, "andy" is not).
  private acceptKeyword(keyword: 'and' | 'or'): boolean {
    const save = this.s.pos;
    this.s.skipWhitespace();
    const word = this.s.peekWord();
    if (word.toLowerCase() === keyword) {
      const next = this.s.text.charAt(this.s.pos + word.length);
      if (next === '' || /\s/.test(next) || next === '(') {
        this.s.pos += word.length;
        return true;
      }
    }
    this.s.pos = save;
    return false;
  }

  private parseUnary(depth: number, inValuePath: boolean): FilterNode {
    this.s.skipWhitespace();
    const word = this.s.peekWord();
    if (word.toLowerCase() === 'not') {
      const save = this.s.pos;
      this.s.pos += word.length;
      this.s.skipWhitespace();
      if (this.s.peek() === '(') return { kind: 'not', operand: this.parseGroup(depth, inValuePath) };
      const next = this.s.peekWord().toLowerCase();
      if (!COMPARISON_OPERATORS.has(next) && next !== 'pr') this.s.fail(`expected "(" after "not" but found ${this.s.found()}`);
      // An attribute that happens to be called "not"; parse it as an ordinary expression.
      this.s.pos = save;
    }
    if (this.s.peek() === '(') return this.parseGroup(depth, inValuePath);
    return this.parseAttributeExpression(depth, inValuePath);
  }

  private parseGroup(depth: number, inValuePath: boolean): FilterNode {
    if (depth >= MAX_FILTER_DEPTH) this.s.fail(`nesting deeper than ${MAX_FILTER_DEPTH} levels`);
    this.s.expect('(', '"("');
    const inner = this.parseOr(depth + 1, inValuePath);
    this.s.expect(')', `")", "and" or "or"`);
    return inner;
  }

  private parseAttributeExpression(depth: number, inValuePath: boolean): FilterNode {
    this.s.skipWhitespace();
    const start = this.s.pos;
    const text = this.s.readWhile((ch) => PATH_CHAR.test(ch));
    if (!text) this.s.fail(`expected an attribute name, "not" or "(" but found ${this.s.found()}`);
    const path = parseAttributePathText(text, (message, offset) => this.s.fail(message, start + offset));
    if (!path.attribute) this.s.fail(`expected an attribute name after the schema URN "${path.schema}"`, start);

    if (this.s.peek() === '[') {
      if (inValuePath) this.s.fail('value filters cannot be nested');
      if (path.subAttribute) this.s.fail(`a value filter must follow a multi-valued attribute, not "${formatAttributePath(path)}"`);
      if (depth >= MAX_FILTER_DEPTH) this.s.fail(`nesting deeper than ${MAX_FILTER_DEPTH} levels`);
      this.s.pos++;
      const filter = this.parseOr(depth + 1, true);
      this.s.expect(']', `"]", "and" or "or"`);
      if (this.s.peek() === '.') {
        // emails[type eq "work"].value eq "x": the comparison applies to the same value
        // that matched the bracket filter, so it folds into the bracket filter.
        this.s.pos++;
        const subStart = this.s.pos;
        const sub = this.s.readWhile((ch) => PATH_CHAR.test(ch) && ch !== '.' && ch !== ':');
        const subPath = parseAttributePathText(sub, (message, offset) => this.s.fail(message, subStart + offset));
        if (!sub || subPath.subAttribute) this.s.fail('expected a sub-attribute name after "]."', subStart);
        const comparison = this.parseOperatorAndValue(subPath);
        return { kind: 'valuePath', path, filter: { kind: 'and', left: filter, right: comparison } };
      }
      return { kind: 'valuePath', path, filter };
    }
    return this.parseOperatorAndValue(path);
  }

  private parseOperatorAndValue(path: AttributePath): ComparisonNode | PresentNode {
    if (!this.s.skipWhitespace() && !this.s.atEnd()) {
      this.s.fail(`expected a space and an operator after "${formatAttributePath(path)}" but found ${this.s.found()}`);
    }
    const opStart = this.s.pos;
    const op = this.s.readWhile((ch) => WORD_CHAR.test(ch)).toLowerCase();
    if (op === 'pr') return { kind: 'present', path };
    if (!COMPARISON_OPERATORS.has(op)) {
      this.s.pos = opStart;
      this.s.fail(`expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) but found ${this.s.found()}`);
    }
    if (!this.s.skipWhitespace()) this.s.fail(`expected a space and a value after "${op}" but found ${this.s.found()}`);
    const valueStart = this.s.pos;
    const { value, raw } = this.parseValue();
    const operator = op as ComparisonOperator;
    if ((typeof value === 'boolean' || value === null) && (ORDERING_OPERATORS.has(op) || SUBSTRING_OPERATORS.has(op))) {
      // RFC 7644 §3.4.2.2: ordering and substring operators are undefined for booleans.
      this.s.fail(`operator "${op}" cannot be used with ${String(value)}`, valueStart);
    }
    const node: ComparisonNode = { kind: 'comparison', path, operator, value };
    if (raw !== undefined) node.rawValue = raw;
    return node;
  }

  private parseValue(): { value: FilterValue; raw?: string } {
    if (this.s.atEnd()) this.s.fail('expected a value but found end of input');
    if (this.s.peek() === '"') return { value: this.parseString() };
    // Entra ID sends values unquoted (externalId eq 1234abcd-...), and Microsoft's reference
    // tests do the same with dates and domains; a bare token runs to whitespace or a bracket.
    const raw = this.s.readWhile((ch) => !/[\s()[\]]/.test(ch));
    if (!raw) this.s.fail(`expected a value but found ${this.s.found()}`);
    const lower = raw.toLowerCase();
    if (lower === 'true') return { value: true };
    if (lower === 'false') return { value: false };
    if (lower === 'null') return { value: null };
    if (NUMBER.test(raw)) return { value: Number(raw), raw };
    return { value: raw };
  }

  private parseString(): string {
    const start = this.s.pos;
    this.s.pos++;
    let out = '';
    while (!this.s.atEnd()) {
      const ch = this.s.peek();
      if (ch === '"') {
        this.s.pos++;
        return out;
      }
      if (ch === '\\') {
        const esc = this.s.text.charAt(this.s.pos + 1);
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (esc in simple) {
          out += simple[esc];
          this.s.pos += 2;
          continue;
        }
        if (esc === 'u') {
          const hex = this.s.text.slice(this.s.pos + 2, this.s.pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.s.fail('invalid \\u escape in string', this.s.pos);
          out += String.fromCharCode(parseInt(hex, 16));
          this.s.pos += 6;
          continue;
        }
        this.s.fail(`invalid escape "\\${esc}" in string`);
      }
      out += ch;
      this.s.pos++;
    }
    return this.s.fail('unterminated string (missing closing quote)', start);
  }
}

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2). Names and operators are case-insensitive and
 * canonicalised; errors are 400 invalidFilter with the 1-based character position.
 */
export function parseFilter(text: string): FilterNode {
  if (typeof text !== 'string' || text.trim() === '') throw badRequest('invalidFilter', 'Invalid filter: the filter is empty');
  if (text.length > MAX_FILTER_LENGTH) {
    throw badRequest('invalidFilter', `Invalid filter: longer than ${MAX_FILTER_LENGTH} characters`);
  }
  const scanner = new Scanner(text, 'invalidFilter', 'Invalid filter');
  const node = new FilterParser(scanner).parseOr(0, false);
  scanner.skipWhitespace();
  if (!scanner.atEnd()) {
    const what = scanner.peek() === ')' ? 'an unmatched ")"' : scanner.found();
    scanner.fail(`expected "and", "or" or end of filter but found ${what}`);
  }
  return node;
}

/**
 * Parses a PATCH `path` (RFC 7644 §3.5.2): `attr`, `attr.sub`, `attr[filter]`,
 * `attr[filter].sub`, each optionally URN-qualified. Errors are 400 invalidPath.
 */
export function parsePatchPath(text: string): PatchPath {
  if (typeof text !== 'string' || text.trim() === '') throw badRequest('invalidPath', 'Invalid path: the path is empty');
  if (text.length > MAX_FILTER_LENGTH) throw badRequest('invalidPath', `Invalid path: longer than ${MAX_FILTER_LENGTH} characters`);
  const s = new Scanner(text, 'invalidPath', `Invalid path "${text.length > 80 ? `${text.slice(0, 80)}…` : text}"`);
  s.skipWhitespace();
  const start = s.pos;
  const pathText = s.readWhile((ch) => PATH_CHAR.test(ch));
  if (!pathText) s.fail(`expected an attribute name but found ${s.found()}`);
  const path: PatchPath = parseAttributePathText(pathText, (message, offset) => s.fail(message, start + offset));

  if (s.peek() === '[') {
    if (!path.attribute) s.fail('a value filter needs an attribute before "["');
    if (path.subAttribute) s.fail(`a value filter must follow a multi-valued attribute, not "${formatAttributePath(path)}"`);
    s.pos++;
    path.filter = new FilterParser(s).parseOr(1, true);
    s.expect(']', `"]", "and" or "or"`);
    if (s.peek() === '.') {
      s.pos++;
      const subStart = s.pos;
      const sub = s.readWhile((ch) => PATH_CHAR.test(ch) && ch !== '.' && ch !== ':');
      if (!sub) s.fail(`expected a sub-attribute name after "]." but found ${s.found()}`);
      const subPath = parseAttributePathText(sub, (message, offset) => s.fail(message, subStart + offset));
      path.filterSubAttribute = subPath.attribute;
    }
  }
  s.skipWhitespace();
  if (!s.atEnd()) s.fail(`unexpected ${s.found()}`);
  return path;
}
