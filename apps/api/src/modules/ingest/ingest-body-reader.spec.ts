import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../common/errors/app-error.js';
import { streamIngestBody, type BodySource, type ReadBodyOptions } from './ingest-body-reader.js';
import { IngestRefusal } from './ingest.errors.js';

const MB = 1024 * 1024;

function source(headers: IncomingHttpHeaders): BodySource & PassThrough {
  return Object.assign(new PassThrough(), { headers });
}

/** A request whose body is `body`, sent in 64 kB chunks. */
function requestOf(body: Buffer | string, headers: IncomingHttpHeaders = {}) {
  const req = source({ 'content-type': 'application/json', ...headers });
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  setImmediate(() => {
    for (let i = 0; i < bytes.length; i += 65536) req.write(bytes.subarray(i, i + 65536));
    req.end();
  });
  return req;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** Streams the body and joins its pieces. */
async function readIngestBody(req: BodySource, options: ReadBodyOptions) {
  const pieces: string[] = [];
  const read = await streamIngestBody(req, options, (text) => {
    pieces.push(text);
  });
  return { text: pieces.join(''), ...read };
}

describe('streamIngestBody', () => {
  it('reads a JSON body and hashes it', async () => {
    const body = '{"data":[{"id":"é"}]}';
    const read = await readIngestBody(requestOf(body, { 'content-type': 'application/json; charset=UTF-8' }), { maxBytes: MB });
    expect(read).toEqual({ text: body, wireBytes: Buffer.byteLength(body), sha256: sha256(body) });
  });

  it.each([
    ['a missing Content-Type', undefined, /Content-Type header is missing/],
    ['text/plain', 'text/plain', /Content-Type "text\/plain" is not accepted/],
    ['form data', 'application/x-www-form-urlencoded', /not accepted: send the records as JSON/],
    ['a charset other than UTF-8', 'application/json; charset=latin1', /charset "latin1" is not accepted/],
  ])('refuses %s with 415 before reading', async (_what, contentType, message) => {
    const req = source(contentType === undefined ? {} : { 'content-type': contentType });
    const err = await refusal(readIngestBody(req, { maxBytes: MB }));
    expect(err.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(err.message).toMatch(message);
  });

  it('refuses Content-Encoding other than gzip with 415', async () => {
    const err = await refusal(readIngestBody(requestOf('{}', { 'content-encoding': 'br' }), { maxBytes: MB }));
    expect(err.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(err.message).toBe('Content-Encoding "br" is not accepted: send the body uncompressed or with Content-Encoding: gzip.');
  });

  it('refuses a declared Content-Length over the limit with 413 naming it, before reading', async () => {
    const req = source({ 'content-type': 'application/json', 'content-length': String(MB + 1) });
    const err = await refusal(readIngestBody(req, { maxBytes: MB }));
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.message).toMatch(/larger than the limit of 1 MB \(1048576 bytes\)/);
    expect(err.headers).toEqual({ Connection: 'close' });
    expect(req.readableFlowing).not.toBe(true);
  });

  it('stops reading as soon as an undeclared body passes the limit', async () => {
    const req = source({ 'content-type': 'application/json' });
    let written = 0;
    const pump = setInterval(() => {
      written += 65536;
      req.write(Buffer.alloc(65536, 32));
    }, 1);
    const err = await refusal(readIngestBody(req, { maxBytes: 200_000 }));
    clearInterval(pump);
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(written).toBeLessThan(20 * 65536);
    expect(req.isPaused()).toBe(true);
  });

  it('accepts gzip and hashes the decompressed bytes', async () => {
    const body = JSON.stringify({ data: Array.from({ length: 1000 }, (_, i) => ({ id: `emp_${i}` })) });
    const read = await readIngestBody(requestOf(gzipSync(body), { 'content-encoding': 'gzip' }), { maxBytes: MB });
    expect(read.text).toBe(body);
    expect(read.sha256).toBe(sha256(body));
    expect(read.wireBytes).toBe(gzipSync(body).length);
  });

  it('applies the limit to the decompressed size: a gzip bomb stops at the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * MB, 32));
    expect(bomb.length).toBeLessThan(MB / 4);
    const before = process.memoryUsage().arrayBuffers;
    const err = await refusal(readIngestBody(requestOf(bomb, { 'content-encoding': 'gzip' }), { maxBytes: MB }));
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.message).toMatch(/limit of 1 MB \(1048576 bytes\) once decompressed/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * MB);
  });

  it('refuses a body that claims gzip but is not', async () => {
    const err = await refusal(readIngestBody(requestOf('{"data":[]}', { 'content-encoding': 'gzip' }), { maxBytes: MB }));
    expect(err).toBeInstanceOf(IngestRefusal);
    expect(err.message).toBe('The body was sent with Content-Encoding: gzip but is not valid gzip data.');
  });

  it('hands over whole characters when a chunk ends inside one', async () => {
    const body = Buffer.from('{"data":[{"id":"😀é"}]}');
    const req = source({ 'content-type': 'application/json' });
    setImmediate(() => {
      for (let i = 0; i < body.length; i++) req.write(body.subarray(i, i + 1));
      req.end();
    });
    const pieces: string[] = [];
    await streamIngestBody(req, { maxBytes: MB }, (text) => {
      pieces.push(text);
    });
    expect(pieces.join('')).toBe(body.toString());
    expect(pieces.every((p) => !/[\ud800-\udbff]$/.test(p))).toBe(true);
  });

  describe('invalid UTF-8', () => {
    const prefix = Buffer.from('{"data":[{"id":"');
    const suffix = Buffer.from('"}]}');
    it.each([
      ['an invalid continuation (c3 28)', [0xc3, 0x28]],
      ['bytes that are never UTF-8 (ff fe)', [0xff, 0xfe]],
      ['an overlong NUL (c0 80)', [0xc0, 0x80]],
      ['a surrogate encoded as UTF-8 (ed a0 80)', [0xed, 0xa0, 0x80]],
    ])('refuses %s naming its byte offset, plain and gzipped', async (_what, bad) => {
      const body = Buffer.concat([prefix, Buffer.from(bad), suffix]);
      const plain = await refusal(readIngestBody(requestOf(body), { maxBytes: MB }));
      expect(plain).toBeInstanceOf(IngestRefusal);
      expect(plain.message).toMatch(new RegExp(`not valid UTF-8: the byte sequence at byte offset ${prefix.length} is not`));
      const gzipped = await refusal(readIngestBody(requestOf(gzipSync(body), { 'content-encoding': 'gzip' }), { maxBytes: MB }));
      expect(gzipped.message).toMatch(new RegExp(`byte offset ${prefix.length} of the decompressed body`));
    });

    it('refuses a character cut short at the very end of the body', async () => {
      const body = Buffer.concat([Buffer.from('{"data":[]}'), Buffer.from([0xe2, 0x82])]);
      const err = await refusal(readIngestBody(requestOf(body), { maxBytes: MB }));
      expect(err.message).toMatch(/byte offset 11 is not/);
    });

    it('accepts a character split across chunks, and counts offsets across chunks', async () => {
      const good = Buffer.from('{"data":[{"id":"€"}]} ');
      const req = source({ 'content-type': 'application/json' });
      setImmediate(() => {
        for (let i = 0; i < good.length; i++) req.write(good.subarray(i, i + 1));
        req.end();
      });
      expect((await readIngestBody(req, { maxBytes: MB })).text).toBe(good.toString());
      const bad = Buffer.concat([good, Buffer.from([0xc3]), Buffer.from([0x28])]);
      const req2 = source({ 'content-type': 'application/json' });
      setImmediate(() => {
        for (let i = 0; i < bad.length; i++) req2.write(bad.subarray(i, i + 1));
        req2.end();
      });
      expect((await refusal(readIngestBody(req2, { maxBytes: MB }))).message).toMatch(new RegExp(`byte offset ${good.length} is not`));
    });
  });

  it('holds the body while the consumer is busy, and goes on once it is done', async () => {
    const body = 'x'.repeat(4 * 65536);
    const req = requestOf(body);
    let busy = false;
    let overlapped = false;
    let received = 0;
    const read = await streamIngestBody(req, { maxBytes: MB }, (text) => {
      if (busy) overlapped = true;
      received += text.length;
      busy = true;
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          busy = false;
          resolve();
        }, 5),
      );
    });
    expect(overlapped).toBe(false);
    expect(received).toBe(body.length);
    expect(read.sha256).toBe(sha256(body));
  });

  it('ends with the error of a consumer that fails, and stops reading', async () => {
    const req = requestOf('x'.repeat(4 * 65536));
    const failure = new Error('database gone');
    await expect(streamIngestBody(req, { maxBytes: MB }, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(req.isPaused()).toBe(true);
  });

  it('rejects when the client goes away before the end', async () => {
    const req = source({ 'content-type': 'application/json' });
    setImmediate(() => {
      req.write('{"data":[');
      req.destroy();
    });
    const err = await refusal(readIngestBody(req, { maxBytes: MB }));
    expect(err.message).toMatch(/ended before it was complete/);
  });

  describe('idle timeout', () => {
    it('refuses with 408 a body that stops arriving, and stops reading', async () => {
      const req = source({ 'content-type': 'application/json' });
      setImmediate(() => req.write('{"data":['));
      const started = Date.now();
      const err = await refusal(readIngestBody(req, { maxBytes: MB, idleTimeoutMs: 1000 }));
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(err.code).toBe('REQUEST_TIMEOUT');
      expect(err.message).toMatch(/^No data arrived for 1 second while .*; the push was not stored\. Send the whole body without pauses/);
      expect(err.headers).toEqual({ Connection: 'close' });
      expect(req.isPaused()).toBe(true);
    });

    it('refuses a gzipped body that stops arriving the same way', async () => {
      const req = source({ 'content-type': 'application/json', 'content-encoding': 'gzip' });
      const gzipped = gzipSync(JSON.stringify({ data: [{ id: '1' }, { id: '2' }] }));
      setImmediate(() => req.write(gzipped.subarray(0, gzipped.length - 8)));
      const err = await refusal(readIngestBody(req, { maxBytes: MB, idleTimeoutMs: 200 }));
      expect(err.code).toBe('REQUEST_TIMEOUT');
    });

    it('restarts the clock with every piece that arrives', async () => {
      const req = source({ 'content-type': 'application/json' });
      const pieces = ['{"data":[', '{"id":"1"}', ',{"id":"2"}', ']}'];
      void (async () => {
        for (const piece of pieces) {
          req.write(piece);
          await new Promise((r) => setTimeout(r, 150));
        }
        req.end();
      })();
      const read = await readIngestBody(req, { maxBytes: MB, idleTimeoutMs: 250 });
      expect(read.text).toBe(pieces.join(''));
    });

    it('does not count the time the body waits on the consumer', async () => {
      const body = '{"data":[{"id":"1"}]}';
      const read = await streamIngestBody(requestOf(body), { maxBytes: MB, idleTimeoutMs: 100 }, () => new Promise<void>((r) => setTimeout(r, 300)));
      expect(read.sha256).toBe(sha256(body));
    });
  });
});
