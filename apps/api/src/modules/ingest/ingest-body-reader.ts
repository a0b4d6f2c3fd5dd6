import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, type Gunzip } from 'node:zlib';
import { Utf8Validator } from '../../common/http/utf8-validator.js';
import { IngestErrors } from './ingest.errors.js';

// The ingest route has no body parser in front of it (see app.ts): bodies are large, may be
// gzipped, and must be refused as soon as they pass the limit. They are never held whole: the
// text goes on, piece by piece, to the JSON reader (ingest-json-stream.ts).

export type BodySource = Readable & { headers: IncomingHttpHeaders; setTimeout?: (msecs: number) => unknown };

export interface ReadBodyOptions {
  /** Largest body accepted, both as received and once decompressed. */
  readonly maxBytes: number;
  /** Updated as bytes arrive, so a refusal can say how much was received. */
  readonly progress?: { wireBytes: number };
  /**
   * Refuses the body (408) once nothing has arrived for this long while it was being read. Time
   * the body waits on us (for the database, or a stream slot) does not count.
   */
  readonly idleTimeoutMs?: number;
}

export interface IngestBodyRead {
  /** Bytes as received (compressed when gzipped). */
  readonly wireBytes: number;
  /** SHA-256 (hex) of the decompressed bytes: the same JSON sent gzipped or not is the same body. */
  readonly sha256: string;
}

/**
 * Takes the body's text a piece at a time, in order. A returned promise holds the body until it
 * settles (the rest waits in the socket, not in memory); a rejection, or a throw, ends the read
 * with that error.
 */
export type BodyTextConsumer = (text: string) => void | Promise<void>;

type Encoding = 'identity' | 'gzip';

/** Checks the headers that can refuse a request before a byte of its body is read. */
export function checkBodyHeaders(headers: IncomingHttpHeaders, maxBytes: number): Encoding {
  checkContentType(headers['content-type']);
  const encoding = contentEncoding(headers['content-encoding']);
  const declared = headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) throw IngestErrors.tooLarge(maxBytes, false);
  return encoding;
}

function checkContentType(value: string | undefined): void {
  if (!value) throw IngestErrors.unsupportedMediaType(undefined);
  const [type, ...params] = value.split(';');
  if (type!.trim().toLowerCase() !== 'application/json') throw IngestErrors.unsupportedMediaType(value);
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const charset = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    if (charset !== 'utf-8' && charset !== 'utf8') throw IngestErrors.unsupportedCharset(charset);
  }
}

function contentEncoding(value: string | undefined): Encoding {
  const encoding = (value ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return 'identity';
  if (encoding === 'gzip' || encoding === 'x-gzip') return 'gzip';
  throw IngestErrors.unsupportedEncoding(value!);
}

/**
 * Streams the body to `consume` as UTF-8 text, decompressed, hashing it on the way; nothing of it
 * is kept here. Refuses it as soon as it passes `maxBytes` on the wire or, for gzip, once
 * decompressed (a small bomb stops at the limit and never inflates further). Rejects if the
 * client goes away before the end, so nothing half-received is ever stored.
 */
export function streamIngestBody(req: BodySource, options: ReadBodyOptions, consume: BodyTextConsumer): Promise<IngestBodyRead> {
  const { maxBytes, idleTimeoutMs } = options;
  let encoding: Encoding;
  try {
    encoding = checkBodyHeaders(req.headers, maxBytes);
  } catch (err) {
    return Promise.reject(err);
  }

  return new Promise<IngestBodyRead>((resolve, reject) => {
    const hash = createHash('sha256');
    // Keeps a character split between two chunks whole; decodes exactly as the whole body would be.
    const decoder = new StringDecoder('utf8');
    // The decoder would turn invalid bytes into U+FFFD and store text that was never sent.
    const utf8 = new Utf8Validator();
    let size = 0;
    let wireBytes = 0;
    let settled = false;
    let gunzip: Gunzip | null = null;
    // A client that stops sending would otherwise keep its request, and the transaction and
    // stream slot of a large push, until it goes away. The clock runs only while we are ready
    // for more: `holds` counts the reasons the body is paused on our side.
    let idle: NodeJS.Timeout | null = null;
    let holds = 0;
    const stopIdleClock = () => {
      if (idle) clearTimeout(idle);
      idle = null;
    };
    const startIdleClock = () => {
      stopIdleClock();
      if (idleTimeoutMs === undefined || settled || holds > 0) return;
      idle = setTimeout(() => fail(IngestErrors.idle(Math.round(idleTimeoutMs / 1000))), idleTimeoutMs);
    };
    const hold = () => {
      holds++;
      stopIdleClock();
    };
    const unhold = () => {
      holds--;
      startIdleClock();
    };

    const cleanup = () => {
      stopIdleClock();
      req.off('data', onWireData);
      req.off('end', onWireEnd);
      req.off('error', onAbort);
      req.off('close', onClose);
      if (gunzip) {
        gunzip.off('data', onData);
        gunzip.off('end', onEnd);
        gunzip.off('error', onGzipError);
        gunzip.destroy();
      }
    };
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      cleanup();
      // Stop reading: whatever else the client sends is not ours to take.
      req.pause();
      reject(err);
    };
    /** Hands text over, then calls `then`; while the consumer holds the body, the source is paused. */
    const deliver = (text: string, then: () => void): void => {
      let held: void | Promise<void>;
      try {
        held = consume(text);
      } catch (err) {
        return fail(err);
      }
      if (held === undefined) return then();
      const source = gunzip ?? req;
      source.pause();
      hold();
      held.then(() => {
        if (settled) return;
        then();
        source.resume();
        unhold();
      }, fail);
    };
    const onData = (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) return fail(IngestErrors.tooLarge(maxBytes, encoding === 'gzip'));
      const invalidAt = utf8.write(chunk);
      if (invalidAt >= 0) return fail(IngestErrors.invalidUtf8(invalidAt, encoding === 'gzip'));
      hash.update(chunk);
      const text = decoder.write(chunk);
      if (text.length > 0) deliver(text, noop);
    };
    const onEnd = () => {
      if (settled) return;
      const finish = () => {
        if (settled) return;
        settled = true;
        cleanup();
        resolve({ wireBytes, sha256: hash.digest('hex') });
      };
      const cutAt = utf8.end();
      if (cutAt >= 0) return fail(IngestErrors.invalidUtf8(cutAt, encoding === 'gzip'));
      const rest = decoder.end();
      if (rest.length > 0) deliver(rest, finish);
      else finish();
    };
    const onWireData = (chunk: Buffer) => {
      if (settled) return;
      wireBytes += chunk.length;
      idle?.refresh();
      if (options.progress) options.progress.wireBytes = wireBytes;
      if (wireBytes > maxBytes) return fail(IngestErrors.tooLarge(maxBytes, false));
      if (gunzip) {
        // Respect the decompressor's backpressure so a bomb is inflated only as fast as we count.
        if (!gunzip.write(chunk)) {
          req.pause();
          hold();
          gunzip.once('drain', () => {
            if (settled) return;
            req.resume();
            unhold();
          });
        }
      } else onData(chunk);
    };
    const onWireEnd = () => {
      if (gunzip) gunzip.end();
      else onEnd();
    };
    const onAbort = () => fail(IngestErrors.incomplete());
    const onClose = () => {
      if (!req.readableEnded) fail(IngestErrors.incomplete());
    };
    const onGzipError = () => fail(IngestErrors.invalidGzip());

    if (encoding === 'gzip') {
      gunzip = createGunzip();
      gunzip.on('data', onData);
      gunzip.on('end', onEnd);
      gunzip.on('error', onGzipError);
    }
    req.on('data', onWireData);
    req.on('end', onWireEnd);
    req.on('error', onAbort);
    req.on('close', onClose);
    // This request's own idle clock replaces the server's socket timeout (app.ts), which would
    // also count the time the body waits on us.
    req.setTimeout?.(0);
    req.resume();
    startIdleClock();
  });
}

const noop = () => {};

// Escapes JSON allows but PostgreSQL's jsonb refuses: NUL and (possibly unpaired) surrogates.
export const SUSPECT_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Path (`name`, `tags[2]`) of the first key or string holding NUL or an unpaired surrogate. */
export function findUnstorableText(value: unknown, path: string): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : null;
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const child = path === '' ? key : `${path}.${key}`;
    if (UNSTORABLE.test(key)) return child;
    const found = findUnstorableText((value as Record<string, unknown>)[key], child);
    if (found !== null) return found;
  }
  return null;
}
