import { findJsonSyntaxError, jsonSyntaxProblemAt, type JsonScanContext, type JsonSyntaxProblem } from '@gatehouse/schemas';

// Reads a `{"data": [records]}` body as it arrives, a piece of text at a time, and hands over
// each record of `data` as soon as it is complete: the whole document is never held.
//
// Only the envelope (the top-level object, its keys, the brackets of its arrays) is read here
// token by token. Each value inside it (a record, or any other member) is only delimited, by a
// scan that follows strings, escapes and brackets, and then given to JSON.parse on its own, so
// records cost about what one JSON.parse of the whole body costs. The scan also yields what the
// checks after parsing need for free: how deeply a record nests, whether its text has any \u
// escape (without one, it cannot hold a NUL or a lone surrogate), and whether any number in it
// has an exponent (without one, every number in it can be stored as written).
//
// The outcome is the same as JSON.parse of the whole text, including a repeated key (the last
// one counts). On a syntax error the rest of the body is kept, and the error is located by the
// same scanner as for a whole document, resumed at the last position known to be valid, so the
// message, line and column are exactly those of parseJsonWithLocation over the whole text.

export interface IngestJsonHandler {
  /**
   * The next record of `data`, parsed; `text` is its JSON text, `depth` how deeply it nests
   * (a scalar 0, `{}` 1), `unicodeEscape` whether its text has any \u escape and `exponent`
   * whether a number in it may have an exponent (an `e` or `E` after a digit, outside strings).
   */
  record(value: unknown, text: string, depth: number, unicodeEscape: boolean, exponent: boolean): void;
  /** Another "data" member begins after an earlier one: as with JSON.parse, the later one counts. */
  dataReplaced(): void;
}

export type IngestJsonResult =
  /** `body` is the document with the records of `data` left out: enough to say what shape it has. */
  | { readonly ok: true; readonly body: unknown; readonly dataIsArray: boolean }
  | { readonly ok: false; readonly problem: JsonSyntaxProblem };

const enum Mode {
  TopValue,
  KeyOrClose, // just after the top-level '{'
  Key, // after a ',' in the top-level object
  Colon, // after a key
  MemberValue,
  AfterMember,
  ItemOrClose, // just after the '[' of a top-level or member array
  Item, // after a ',' in that array
  AfterItem,
  End,
}

/** What a value being delimited becomes once complete. */
const enum Target {
  Top,
  Key,
  Member,
  Record,
  Item,
}

const enum Kind {
  None,
  Container,
  String,
  Scalar,
}

const BOM = 0xfeff;

export class IngestJsonStream {
  private mode = Mode.TopValue;
  private first = true;
  /** Offset in the document (BOM excluded) of the start of the next text written. */
  private offset = 0;
  private line = 1;
  private lineStart = 0;

  // The checkpoint: the last position where the document is known to be valid so far, with the
  // mode there and its line. Text from the checkpoint on is kept in `held` across writes.
  private cp = 0;
  private cpMode = Mode.TopValue;
  private cpLine = 1;
  private cpLineStart = 0;
  private held: string[] = [];

  // The value being delimited.
  private kind = Kind.None;
  private target = Target.Top;
  private start = 0;
  private depth = 0;
  private maxDepth = 0;
  private inString = false;
  private escapePending = false;
  private unicodeEscape = false;
  private exponent = false;

  // The envelope so far.
  private topIsObject = false;
  private inTopArray = false; // the top-level value is an array
  private arrayOfRecords = false;
  private key = '';
  private readonly members = new Map<string, unknown>();
  private topValue: unknown;
  private dataIsArray = false;
  private seenData = false;

  /** Set once a syntax error is found: the text from the checkpoint to the end, to locate it. */
  private failure: { parts: string[]; context: JsonScanContext; line: number; column: number } | null = null;

  constructor(private readonly handler: IngestJsonHandler) {}

  /** True once the body is known not to be valid JSON (the rest is only kept to locate the error). */
  get failed(): boolean {
    return this.failure !== null;
  }

  write(text: string): void {
    if (text.length === 0) return;
    if (this.failure !== null) {
      this.failure.parts.push(text);
      return;
    }
    let i = 0;
    if (this.first) {
      this.first = false;
      // A byte-order mark is not part of the document: offsets and columns start after it.
      if (text.charCodeAt(0) === BOM) i = 1;
    }
    const base = this.offset - i;
    const n = text.length;
    this.offset = base + n;

    while (i < n) {
      if (this.kind !== Kind.None) {
        const end = this.kind === Kind.Container ? this.scanContainer(text, i, base) : this.kind === Kind.String ? this.scanString(text, i) : scanScalar(text, i);
        if (end < 0) break;
        i = end;
        if (!this.completeValue(this.valueText(text, base, end), text, base)) return;
        continue;
      }

      let c = text.charCodeAt(i);
      while (c === 32 || c === 10 || c === 13 || c === 9) {
        if (c === 10) {
          this.line++;
          this.lineStart = base + i + 1;
        }
        if (++i === n) break;
        c = text.charCodeAt(i);
      }
      if (i === n) break;
      // The document is valid up to here: move the checkpoint, except between a key and its
      // colon (the scanner reads those as one step) and before the first value (so that a
      // document of only whitespace is reported as such).
      if (this.mode !== Mode.Colon && this.mode !== Mode.TopValue) this.checkpoint(base + i);

      switch (this.mode) {
        case Mode.TopValue:
          if (c === 123) {
            this.topIsObject = true;
            this.mode = Mode.KeyOrClose;
            i++;
          } else if (c === 91) {
            this.inTopArray = true;
            this.arrayOfRecords = false;
            this.mode = Mode.ItemOrClose;
            i++;
          } else if (!this.startValue(c, Target.Top, base + i)) return this.fail(text, base);
          else i++;
          break;
        case Mode.KeyOrClose:
        case Mode.Key:
          if (c === 34) {
            this.startValue(c, Target.Key, base + i);
            i++;
          } else if (c === 125 && this.mode === Mode.KeyOrClose) {
            this.mode = Mode.End;
            i++;
          } else return this.fail(text, base);
          break;
        case Mode.Colon:
          if (c !== 58) return this.fail(text, base);
          this.mode = Mode.MemberValue;
          i++;
          break;
        case Mode.MemberValue:
          if (this.key === 'data') {
            if (this.seenData) this.handler.dataReplaced();
            this.seenData = true;
            this.dataIsArray = c === 91;
          }
          if (c === 91) {
            // Arrays are read item by item, the records of `data` and any other (never held whole).
            this.arrayOfRecords = this.key === 'data';
            this.setMember(this.key, this.arrayOfRecords ? [] : true);
            this.mode = Mode.ItemOrClose;
            i++;
          } else if (!this.startValue(c, Target.Member, base + i)) return this.fail(text, base);
          else i++;
          break;
        case Mode.AfterMember:
          if (c === 44) this.mode = Mode.Key;
          else if (c === 125) this.mode = Mode.End;
          else return this.fail(text, base);
          i++;
          break;
        case Mode.ItemOrClose:
        case Mode.Item:
          if (c === 93 && this.mode === Mode.ItemOrClose) {
            this.closeArray();
            i++;
          } else if (!this.startValue(c, this.arrayOfRecords ? Target.Record : Target.Item, base + i)) return this.fail(text, base);
          else i++;
          break;
        case Mode.AfterItem:
          if (c === 44) this.mode = Mode.Item;
          else if (c === 93) this.closeArray();
          else return this.fail(text, base);
          i++;
          break;
        case Mode.End:
          return this.fail(text, base);
      }
    }

    // Keep the text from the checkpoint on. Between tokens the checkpoint can move to the end of
    // this text (the state is the same across whitespace), so nothing is kept.
    if (this.kind === Kind.None && this.mode !== Mode.Colon && this.mode !== Mode.TopValue) {
      this.checkpoint(this.offset);
    } else if (this.cp >= base) {
      this.held = [text.slice(this.cp - base)];
    } else {
      this.held.push(text);
    }
  }

  /** Call at the end of the body: the outcome, or where the JSON is invalid. */
  end(): IngestJsonResult {
    if (this.failure === null && this.kind === Kind.Scalar) {
      // A number or word at the very end of the body ends there.
      this.completeValue(this.held.join('').slice(this.start - this.cp), '', this.offset);
    }
    if (this.failure === null && (this.kind !== Kind.None || this.mode !== Mode.End)) this.fail('', this.offset);
    if (this.failure !== null) {
      const { parts, context, line, column } = this.failure;
      this.failure = { parts: [], context, line, column };
      const text = parts.join('');
      const found = findJsonSyntaxError(text, context) ?? { offset: 0, reason: 'the JSON is not valid here' };
      return { ok: false, problem: jsonSyntaxProblemAt(text, found.offset, found.reason, { line, column }) };
    }
    return { ok: true, body: this.body(), dataIsArray: this.dataIsArray };
  }

  private body(): unknown {
    if (this.inTopArray) return [];
    if (!this.topIsObject) return this.topValue;
    const body: Record<string, unknown> = {};
    // defineProperty, not assignment: "__proto__" is an ordinary key in JSON.
    for (const [key, value] of this.members) Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true });
    return body;
  }

  private setMember(key: string, value: unknown): void {
    // A Map keeps the first position of a repeated key with its last value, as JSON.parse does
    // (and an object built from it in that order lists its keys as JSON.parse's result would).
    this.members.set(key, value);
  }

  private checkpoint(at: number): void {
    this.cp = at;
    this.cpMode = this.mode;
    this.cpLine = this.line;
    this.cpLineStart = this.lineStart;
    this.held = [];
  }

  /** Begins delimiting a value at its first character `c`; false when no value begins with it. */
  private startValue(c: number, target: Target, at: number): boolean {
    this.target = target;
    this.start = at;
    this.unicodeEscape = false;
    this.exponent = false;
    if (c === 123 || c === 91) {
      this.kind = Kind.Container;
      this.depth = 1;
      this.maxDepth = 1;
      this.inString = false;
    } else if (c === 34) {
      this.kind = Kind.String;
      this.depth = 0;
      this.maxDepth = 0;
    } else if (isScalarChar(c)) {
      this.kind = Kind.Scalar;
      this.depth = 0;
      this.maxDepth = 0;
    } else {
      return false;
    }
    this.escapePending = false;
    return true;
  }

  /** The text of the value that ends at `end` of `text`. */
  private valueText(text: string, base: number, end: number): string {
    if (this.held.length === 0) return text.slice(this.start - base, end);
    const whole = this.held.join('') + text.slice(0, end);
    return whole.slice(this.start - this.cp);
  }

  /** Handles a complete value; false when it is not valid JSON (the failure is then recorded). */
  private completeValue(valueText: string, text: string, base: number): boolean {
    const kind = this.kind;
    this.kind = Kind.None;
    let value: unknown;
    try {
      value = JSON.parse(valueText);
    } catch {
      this.fail(text, base);
      return false;
    }
    switch (this.target) {
      case Target.Top:
        this.topValue = value;
        this.mode = Mode.End;
        break;
      case Target.Key:
        this.key = value as string;
        this.mode = Mode.Colon;
        break;
      case Target.Member:
        this.setMember(this.key, this.key === 'data' ? value : true);
        this.mode = Mode.AfterMember;
        break;
      case Target.Record:
        this.handler.record(
          value,
          valueText,
          kind === Kind.Container ? this.maxDepth : 0,
          this.unicodeEscape,
          kind === Kind.Container ? this.exponent : kind === Kind.Scalar && SCALAR_EXPONENT.test(valueText),
        );
        this.mode = Mode.AfterItem;
        break;
      case Target.Item:
        this.mode = Mode.AfterItem;
        break;
    }
    return true;
  }

  private closeArray(): void {
    this.arrayOfRecords = false;
    this.mode = this.inTopArray ? Mode.End : Mode.AfterMember;
  }

  /**
   * Records a syntax error somewhere from the checkpoint on, keeping the text from there (held
   * from earlier writes, then `text`, which starts at document offset `base`) and everything
   * written after, to locate the error at the end.
   */
  private fail(text: string, base: number): void {
    const parts = this.cp >= base ? [text.slice(this.cp - base)] : [...this.held, text];
    this.held = [];
    this.kind = Kind.None;
    this.failure = { parts, context: contextOf(this.cpMode, this.topIsObject, this.inTopArray), line: this.cpLine, column: this.cp - this.cpLineStart + 1 };
  }

  /** Delimits a string (the opening quote already read); returns the index after its closing quote, or -1. */
  private scanString(text: string, i: number): number {
    const n = text.length;
    let unicode = this.unicodeEscape;
    if (this.escapePending) {
      this.escapePending = false;
      if (text.charCodeAt(i) === 117) unicode = true;
      i++;
    }
    let end = -1;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        end = i + 1;
        break;
      }
      if (c === 92) {
        if (i + 1 === n) {
          this.escapePending = true;
          break;
        }
        if (text.charCodeAt(++i) === 117) unicode = true;
      }
    }
    this.unicodeEscape = unicode;
    return end;
  }

  /**
   * Delimits an object or array (its opening bracket already read) by following strings and
   * brackets; returns the index after its closing bracket, or -1. The hot loop of the reader.
   */
  private scanContainer(text: string, i: number, base: number): number {
    const n = text.length;
    let depth = this.depth;
    let maxDepth = this.maxDepth;
    let inString = this.inString;
    let unicode = this.unicodeEscape;
    let exponent = this.exponent;
    let line = this.line;
    let lineStart = this.lineStart;
    let end = -1;
    if (this.escapePending) {
      this.escapePending = false;
      if (text.charCodeAt(i) === 117) unicode = true;
      i++;
    }
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === 34) inString = false;
        else if (c === 92) {
          if (i + 1 === n) {
            this.escapePending = true;
            break;
          }
          if (text.charCodeAt(++i) === 117) unicode = true;
        }
      } else if (c === 34) {
        inString = true;
      } else if (c === 123 || c === 91) {
        if (++depth > maxDepth) maxDepth = depth;
      } else if (c === 125 || c === 93) {
        if (--depth === 0) {
          end = i + 1;
          break;
        }
      } else if (c === 10) {
        line++;
        lineStart = base + i + 1;
      } else if (c === 101 || c === 69) {
        // An exponent follows a digit; the e of true or false does not. (At the start of a
        // piece the character before is in the last one: counted as a digit, to be safe.)
        const before = i > 0 ? text.charCodeAt(i - 1) : 48;
        if (before >= 48 && before <= 57) exponent = true;
      }
    }
    this.depth = depth;
    this.maxDepth = maxDepth;
    this.inString = inString;
    this.unicodeEscape = unicode;
    this.exponent = exponent;
    this.line = line;
    this.lineStart = lineStart;
    return end;
  }
}

const SCALAR_EXPONENT = /[eE]/;

/** Characters of numbers and of words (true, false, null, and the mistakes the scanner names). */
function isScalarChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || c === 43 || c === 46 || c === 95 || c === 36;
}

/** Delimits a number or word; returns the index of the first character after it, or -1. */
function scanScalar(text: string, i: number): number {
  const n = text.length;
  for (; i < n; i++) if (!isScalarChar(text.charCodeAt(i))) return i;
  return -1;
}

/** What the whole-document scanner expects at a position where the reader was in `mode`. */
function contextOf(mode: Mode, topIsObject: boolean, inTopArray: boolean): JsonScanContext {
  const object: ('{' | '[')[] = topIsObject ? ['{'] : [];
  const array: ('{' | '[')[] = inTopArray ? ['['] : [...object, '['];
  switch (mode) {
    case Mode.TopValue:
      return { open: [], expect: 'value' };
    case Mode.KeyOrClose:
      return { open: object, expect: 'keyOrClose' };
    case Mode.Key:
    case Mode.Colon:
      return { open: object, expect: 'key' };
    case Mode.MemberValue:
      return { open: object, expect: 'value' };
    case Mode.AfterMember:
      return { open: object, expect: 'afterValue' };
    case Mode.ItemOrClose:
      return { open: array, expect: 'valueOrClose' };
    case Mode.Item:
      return { open: array, expect: 'value', afterComma: true };
    case Mode.AfterItem:
      return { open: array, expect: 'afterValue' };
    case Mode.End:
      return { open: [], expect: 'afterValue' };
  }
}
