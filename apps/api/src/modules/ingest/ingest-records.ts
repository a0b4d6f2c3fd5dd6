import { INGEST_MAX_ERRORS, INGEST_MAX_RECORD_DEPTH } from '@gatehouse/contracts';
import { checkRequestBodyShape, type RecordsValidation, type RecordValidator, type ValidationError } from '@gatehouse/schemas';
import { findUnstorableText, SUSPECT_ESCAPE } from './ingest-body-reader.js';
import type { IngestJsonHandler, IngestJsonResult } from './ingest-json-stream.js';
import { findUnusableNumber, hasOutOfRangeNumber, LONG_RECORD_TEXT, type UnusableNumber } from './ingest-number-range.js';
import { IngestErrors, type IngestRefusal } from './ingest.errors.js';

/** Where the records of an acceptable submission go, a batch at a time, as they are checked. */
export interface RecordBatchSink {
  /**
   * `batch`: a JSON array of the records from index `start` on, each exactly as sent (see
   * RecordBatchBuilder). Its memory is reused once `done` is called, which the sink must do
   * when it no longer needs it.
   */
  add(batch: Buffer, start: number, done: () => void): void;
  /** A record has a problem: nothing of this submission will be stored. */
  discard(): void;
  /** A later "data" member replaces the records so far. */
  reset(): void;
}

/**
 * Checks each record of `data` as it arrives (nesting, text the database cannot store, numbers
 * a check or the database cannot take, the schema, duplicate record keys) and passes the
 * records on, as their text was sent, in batches while none has a problem. The refusal at the
 * end is the one a check of the whole parsed body gives: a record nested too deeply anywhere
 * first, then unstorable text, then an unusable number, then every schema and duplicate
 * problem.
 */
export class IngestRecords implements IngestJsonHandler {
  private count = 0;
  private tooDeep = -1;
  private unstorable: { index: number; path: string } | null = null;
  private unusableNumber: (UnusableNumber & { index: number }) | null = null;
  private validation: RecordsValidation;
  private acceptable = true;
  private batches: RecordBatchBuilder;

  private readonly sizeHint?: number;
  private readonly maxDepth: number;
  private readonly strict: boolean;

  /**
   * `sizeHint`: the body's size when declared, to size the first batch's memory. `strict`: refuse
   * properties the schema does not define (the integration's setting) instead of warning.
   */
  constructor(
    private readonly validator: RecordValidator,
    private readonly sink: RecordBatchSink,
    private readonly batchSize: number,
    options: { sizeHint?: number; maxDepth?: number; strict?: boolean } = {},
  ) {
    this.sizeHint = options.sizeHint;
    this.maxDepth = options.maxDepth ?? INGEST_MAX_RECORD_DEPTH;
    this.strict = options.strict ?? false;
    this.validation = validator.startValidation({ maxErrors: INGEST_MAX_ERRORS, strict: this.strict });
    this.batches = new RecordBatchBuilder(sink, batchSize, this.sizeHint);
  }

  get recordCount(): number {
    return this.count;
  }

  record(value: unknown, text: string, depth: number, unicodeEscape: boolean, exponent: boolean): void {
    const index = this.count++;
    if (this.tooDeep >= 0) return;
    // Validation, JSON.stringify and the database are recursive: a record nested too deeply is
    // refused before any of them sees it.
    if (depth > this.maxDepth) {
      this.tooDeep = index;
      return this.refuse();
    }
    if (this.unstorable !== null) return;
    // Only a \u escape can put NUL or a lone surrogate in a string: the walk runs only then.
    if (unicodeEscape && SUSPECT_ESCAPE.test(text)) {
      const path = findUnstorableText(value, '');
      if (path !== null) {
        this.unstorable = { index, path };
        return this.refuse();
      }
    }
    if (this.unusableNumber !== null) return;
    // Only an exponent, a very long decimal or ±Infinity once parsed can make a number unusable:
    // the text is scanned only then.
    if (exponent || text.length > LONG_RECORD_TEXT || hasOutOfRangeNumber(value)) {
      const found = findUnusableNumber(text);
      if (found !== null) {
        this.unusableNumber = { index, ...found };
        return this.refuse();
      }
    }
    if (!this.validation.add(value)) return this.refuse();
    // The record is stored as sent: its own text, not a serialisation of what JSON.parse made of it.
    if (this.acceptable) this.batches.add(text);
  }

  dataReplaced(): void {
    this.count = 0;
    this.tooDeep = -1;
    this.unstorable = null;
    this.unusableNumber = null;
    this.validation = this.validator.startValidation({ maxErrors: INGEST_MAX_ERRORS, strict: this.strict });
    this.acceptable = true;
    this.batches = new RecordBatchBuilder(this.sink, this.batchSize, this.sizeHint);
    this.sink.reset();
  }

  /** The records not yet passed on (in the form of a batch), and the index of the first. */
  rest(): { batch: Buffer; start: number } {
    return this.batches.rest();
  }

  /** Properties the schema does not define (likely typos), counted; they refuse a record only when strict. */
  warnings(): { warningCount: number; warnings: ValidationError[] } | null {
    const { warningCount, warnings } = this.validation.result();
    return warningCount === undefined || warnings === undefined ? null : { warningCount, warnings };
  }

  /** Why the body is refused, once all of it has been read; null when it is accepted. */
  refusal(parsed: IngestJsonResult): IngestRefusal | null {
    if (!parsed.ok) return IngestErrors.invalidJson(parsed.problem.message, parsed.problem.line, parsed.problem.column);
    if (!parsed.dataIsArray) return IngestErrors.invalidRecords([checkRequestBodyShape(parsed.body)!], 1, 0);
    if (this.tooDeep >= 0) return IngestErrors.tooDeep(this.tooDeep, this.maxDepth, this.count);
    if (this.unstorable !== null) return IngestErrors.unstorableText(this.unstorable.index, this.unstorable.path, this.count);
    if (this.unusableNumber !== null) {
      const { index, path, message } = this.unusableNumber;
      return IngestErrors.unusableNumber(index, path, message, this.count);
    }
    const result = this.validation.result();
    if (!result.valid) return IngestErrors.invalidRecords(result.errors, result.errorCount, result.recordCount);
    return null;
  }

  private refuse(): void {
    if (!this.acceptable) return;
    this.acceptable = false;
    this.sink.discard();
  }
}

const OPEN = 0x5b; // [
const COMMA = 0x2c;
const CLOSE = 0x5d; // ]
/** The first buffer when the body's size is not known (a gzipped body, say). */
const FIRST_BUFFER_BYTES = 16 * 1024;
/** A batch is passed on at this size even with fewer records (very large records). */
export const MAX_BATCH_BYTES = 512 * 1024;

/**
 * Writes records' JSON text into batches: JSON arrays held as UTF-8 bytes, which PostgreSQL
 * takes as a `json` parameter in binary form as is (json's binary form is its text, so each
 * element keeps its exact text: see IngestRepository). Only commas go between the records;
 * each keeps the whitespace it had inside. Each record's JSON string is dropped as soon as it
 * is copied in, and the buffers are reused from batch to batch, so a large submission leaves
 * no trail of batch-sized strings for the garbage collector: what it holds is the batch being
 * filled and those the database has not taken yet.
 *
 * A batch goes when the next record arrives and the batch has `maxRecords` records or no room
 * for it: a submission of exactly one batch stays a single statement (see IngestRepository).
 */
export class RecordBatchBuilder {
  private readonly spare: Buffer[] = [];
  private buffer: Buffer;
  private length = 0;
  private count = 0;
  private start = 0;

  /**
   * `sizeHint`: the body's size, when known. The records' JSON is about as long as the body, so
   * a small submission (the common case, many a second) gets a buffer its size rather than a
   * fixed one; a larger one grows to `maxBytes`.
   */
  constructor(
    private readonly sink: RecordBatchSink,
    private readonly maxRecords: number,
    sizeHint?: number,
    private readonly maxBytes = MAX_BATCH_BYTES,
  ) {
    const first = sizeHint !== undefined && Number.isFinite(sizeHint) && sizeHint >= 0 ? sizeHint + 16 : FIRST_BUFFER_BYTES;
    this.buffer = Buffer.allocUnsafe(Math.min(first, maxBytes + 2));
    this.open();
  }

  add(json: string): void {
    const bytes = Buffer.byteLength(json);
    // Room for the comma, the record and the closing bracket.
    let needed = this.length + bytes + 2;
    if (this.count === this.maxRecords || (needed > this.maxBytes && this.count > 0)) {
      this.pass();
      needed = this.length + bytes + 2;
    }
    if (needed > this.buffer.length) this.grow(needed);
    if (this.count > 0) this.buffer[this.length++] = COMMA;
    this.length += this.buffer.write(json, this.length);
    this.count++;
  }

  /** The records not passed on, as a batch of their own (possibly empty), and the index of the first. */
  rest(): { batch: Buffer; start: number } {
    this.buffer[this.length] = CLOSE;
    return { batch: this.buffer.subarray(0, this.length + 1), start: this.start };
  }

  private open(): void {
    this.buffer[0] = OPEN;
    this.length = 1;
    this.count = 0;
  }

  private pass(): void {
    const full = this.buffer;
    full[this.length] = CLOSE;
    const batch = full.subarray(0, this.length + 1);
    const start = this.start;
    this.start += this.count;
    this.buffer = this.spare.pop() ?? Buffer.allocUnsafe(full.length);
    this.open();
    this.sink.add(batch, start, () => this.spare.push(full));
  }

  private grow(needed: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(needed, Math.min(this.buffer.length * 2, this.maxBytes)));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
}
