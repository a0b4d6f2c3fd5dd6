import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordValidator } from '@gatehouse/schemas';
import { SLICE_MS } from '../../common/run-in-slices.js';
import { IngestJsonStream } from './ingest-json-stream.js';
import { IngestRecords, type RecordBatchSink } from './ingest-records.js';
import type { IngestRefusal } from './ingest.errors.js';

/** Bytes decoded and handed to the parser at a time; the event loop gets a turn once a slice has run SLICE_MS. */
const PIECE_BYTES = 64 * 1024;

/** Keeps nothing: a check stores no record. */
const NOWHERE: RecordBatchSink = { add: (_batch, _start, done) => done(), discard: () => undefined, reset: () => undefined };

/**
 * Checks a whole `{"data": [...]}` body, given as UTF-8 bytes in pieces, exactly as a push of it would be checked (the same
 * parser and the same record checks, so a body this calls acceptable is one the push route
 * accepts, and the other way round), without storing anything. The text is read a piece at a
 * time, letting other requests in whenever a slice has run SLICE_MS, so a file of tens of
 * megabytes never holds the event loop for long. 'not-utf8' when the bytes are not UTF-8 text.
 */
export async function checkRecordsBytes(
  validator: RecordValidator,
  chunks: Iterable<Uint8Array>,
  options: { strict?: boolean } = {},
): Promise<{ refusal: IngestRefusal | null; recordCount: number; warnings: ReturnType<IngestRecords['warnings']> } | 'not-utf8'> {
  const records = new IngestRecords(validator, NOWHERE, Number.MAX_SAFE_INTEGER, { sizeHint: PIECE_BYTES, strict: options.strict });
  const json = new IngestJsonStream(records);
  // Streaming: a character split between two pieces is completed by the next one.
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const decode = (piece?: Uint8Array): string | null => {
    try {
      return piece === undefined ? utf8.decode() : utf8.decode(piece, { stream: true });
    } catch {
      return null; // the decoder is fatal: a byte sequence that is not UTF-8
    }
  };
  let started = performance.now();
  for (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += PIECE_BYTES) {
      const text = decode(chunk.subarray(at, at + PIECE_BYTES));
      if (text === null) return 'not-utf8';
      json.write(text);
      if (performance.now() - started >= SLICE_MS) {
        await nextTurn();
        started = performance.now();
      }
    }
  }
  // The end: a character left incomplete is not UTF-8.
  const last = decode();
  if (last === null) return 'not-utf8';
  json.write(last);
  return { refusal: records.refusal(json.end()), recordCount: records.recordCount, warnings: records.warnings() };
}
