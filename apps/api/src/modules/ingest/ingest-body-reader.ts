import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { createGunzip, type Gunzip } from 'node:zlib';
import { INGEST_MAX_RECORD_DEPTH } from '@gatehouse/contracts';
import { parseJsonWithLocation } from '@gatehouse/schemas';
import { IngestErrors } from './ingest.errors.js';

// The ingest route has no body parser in front of it (see app.ts): bodies are large, may be
// gzipped, and must be refused as soon as they pass the limit rather than after buffering.

export type BodySource = Readable & { headers: IncomingHttpHeaders };

export interface ReadBodyOptions {
  /** Largest body accepted, both as received and once decompressed. */
  readonly maxBytes: number;
  /** Updated as bytes arrive, so a refusal can say how much was received. */
  readonly progress?: { wireBytes: number };
}

export interface IngestBody {
  /** The body as UTF-8 text, decompressed. */
  readonly text: string;
  /** Bytes as received (compressed when gzipped). */
  readonly wireBytes: number;
  /** SHA-256 (hex) of the decompressed bytes: the same JSON sent gzipped or not is the same body. */
  readonly sha256: string;
}

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
 * Reads the whole body, refusing it as soon as it passes `maxBytes` on the wire or, for gzip,
 * once decompressed (a small bomb stops at the limit and never inflates further). Rejects if
 * the client goes away before the end, so nothing half-received is ever stored.
 */
export function readIngestBody(req: BodySource, options: ReadBodyOptions): Promise<IngestBody> {
  const { maxBytes } = options;
  let encoding: Encoding;
  try {
    encoding = checkBodyHeaders(req.headers, maxBytes);
  } catch (err) {
    return Promise.reject(err);
  }

  return new Promise<IngestBody>((resolve, reject) => {
    const hash = createHash('sha256');
    // With a declared length the body goes straight into one buffer of that size: no list of
    // chunks alive next to their concatenation, which matters for the peak memory of big bodies.
    const declared = encoding === 'identity' ? Number(req.headers['content-length']) : NaN;
    let whole: Buffer | null = Number.isInteger(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    let wireBytes = 0;
    let settled = false;
    let gunzip: Gunzip | null = null;

    const cleanup = () => {
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
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      cleanup();
      chunks.length = 0;
      whole = null;
      // Stop reading: whatever else the client sends is not ours to buffer.
      req.pause();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) return fail(IngestErrors.tooLarge(maxBytes, encoding === 'gzip'));
      hash.update(chunk);
      if (whole !== null && size <= whole.length) chunk.copy(whole, size - chunk.length);
      else {
        // More than declared (the HTTP parser prevents this) or no declared length: collect.
        if (whole !== null) chunks.push(whole.subarray(0, size - chunk.length));
        whole = null;
        chunks.push(chunk);
      }
    };
    const onEnd = () => {
      if (settled) return;
      settled = true;
      cleanup();
      let text: string;
      try {
        const body = whole ?? Buffer.concat(chunks, size);
        whole = null;
        chunks.length = 0;
        text = body.toString('utf8', 0, size);
      } catch {
        // Only for limits beyond what one JS string can hold (~512 MB).
        return reject(IngestErrors.tooLarge(maxBytes, encoding === 'gzip'));
      }
      resolve({ text, wireBytes, sha256: hash.digest('hex') });
    };
    const onWireData = (chunk: Buffer) => {
      if (settled) return;
      wireBytes += chunk.length;
      if (options.progress) options.progress.wireBytes = wireBytes;
      if (wireBytes > maxBytes) return fail(IngestErrors.tooLarge(maxBytes, false));
      if (gunzip) {
        // Respect the decompressor's backpressure so a bomb is inflated only as fast as we count.
        if (!gunzip.write(chunk)) {
          req.pause();
          gunzip.once('drain', () => {
            if (!settled) req.resume();
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
    req.resume();
  });
}

// Escapes JSON allows but PostgreSQL's jsonb refuses: NUL and (possibly unpaired) surrogates.
const SUSPECT_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Parses the body, reporting where JSON syntax fails; refuses records nested too deeply or
 * holding text the database cannot store, naming the record.
 */
export function parseIngestJson(text: string): unknown {
  const parsed = parseJsonWithLocation(text);
  if (!parsed.ok) throw IngestErrors.invalidJson(parsed.error.message, parsed.error.line, parsed.error.column);
  const body = parsed.value;
  // Only records go on to validation, JSON.stringify and the database; anything else in the
  // envelope is ignored or refused by its shape, so only records need these checks.
  const data = body !== null && typeof body === 'object' ? (body as { data?: unknown }).data : undefined;
  if (Array.isArray(data)) {
    for (let index = 0; index < data.length; index++) {
      if (exceedsDepth(data[index], INGEST_MAX_RECORD_DEPTH)) throw IngestErrors.tooDeep(index, INGEST_MAX_RECORD_DEPTH, data.length);
    }
    // A scan of the text is cheap; the walk runs only when a suspect escape is present.
    if (SUSPECT_ESCAPE.test(text)) {
      for (let index = 0; index < data.length; index++) {
        const path = findUnstorableText(data[index], '');
        if (path !== null) throw IngestErrors.unstorableText(index, path, data.length);
      }
    }
  }
  return body;
}

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

/**
 * True when a value has objects or arrays nested more than `max` levels (a scalar is depth 0,
 * `{}` depth 1). JSON.parse itself is not recursive in V8, but validation, JSON.stringify and the
 * database are: a 100k-deep array would overflow them. The recursion here stops at `max`.
 */
export function exceedsDepth(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (max <= 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (exceedsDepth(value[i], max - 1)) return true;
    return false;
  }
  for (const key in value) if (exceedsDepth((value as Record<string, unknown>)[key], max - 1)) return true;
  return false;
}
