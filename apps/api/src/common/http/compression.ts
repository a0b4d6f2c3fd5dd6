import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';

export type Encoding = 'br' | 'gzip';

/**
 * The Content-Encoding to answer in, from the request's Accept-Encoding: brotli when the client
 * takes it (it is the smaller), gzip otherwise, none when it takes neither. Weights are honoured:
 * `br;q=0` refuses brotli, a `*` covers the codings not named, and a client that ranks gzip
 * above brotli gets gzip.
 */
export function negotiateEncoding(acceptEncoding: string | string[] | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of (Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding).split(',')) {
    const [coding = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!coding) continue;
    const q = params.map((p) => /^q\s*=\s*([0-9.]+)$/.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    weights.set(coding, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (coding: Encoding) => weights.get(coding) ?? (coding === 'gzip' ? weights.get('x-gzip') : undefined) ?? weights.get('*') ?? 0;
  const br = weightOf('br');
  const gz = weightOf('gzip');
  if (br > 0 && br >= gz) return 'br';
  if (gz > 0) return 'gzip';
  return null;
}

/** Text formats worth compressing; images, archives and already compressed data are not. */
export function isCompressibleType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type.startsWith('text/') || /^application\/(?:[\w.-]+\+)?(?:json|xml)$/.test(type) || type === 'application/javascript' || type === 'image/svg+xml';
}

/** Answers smaller than this go out as they are: a packet or two either way, and compression has a cost. */
export const MIN_COMPRESSED_BYTES = 1024;
/** Up to this size an answer is compressed inline; larger ones on the thread pool, so the event loop goes on. */
const INLINE_LIMIT = 64 * 1024;

// Settings for answers compressed per request: fast ones, a few times smaller than the JSON.
const BROTLI_FAST = { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };
const GZIP_FAST = { level: 5 };
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

function compressFast(body: Buffer, encoding: Encoding): Buffer | Promise<Buffer> {
  if (body.length <= INLINE_LIMIT) return encoding === 'br' ? brotliCompressSync(body, { ...BROTLI_FAST, params: { ...BROTLI_FAST.params, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }) : gzipSync(body, GZIP_FAST);
  return encoding === 'br' ? brotliAsync(body, { ...BROTLI_FAST, params: { ...BROTLI_FAST.params, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }) : gzipAsync(body, GZIP_FAST);
}

/**
 * Compresses answers sent whole with `res.send` / `res.json` (the API's JSON, SCIM's JSON, CSV
 * exports) when they are at least MIN_COMPRESSED_BYTES of a text type and the client accepts br
 * or gzip; such answers also say `Vary: Accept-Encoding`. Answers written as a stream (files,
 * forwarded SCIM answers, anything piped) never pass through `res.send`, so they are left as
 * they are, as is an answer that already has a Content-Encoding or asks for no-transform.
 */
export function compressAnswers() {
  return (req: Request, res: Response, next: NextFunction) => {
    const send = res.send;
    res.send = function sendCompressed(this: Response, body?: unknown) {
      res.send = send;
      const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.isBuffer(body) ? body : null;
      if (
        !bytes ||
        bytes.length < MIN_COMPRESSED_BYTES ||
        res.statusCode === 204 ||
        res.statusCode === 304 ||
        res.getHeader('Content-Encoding') ||
        /\bno-transform\b/.test(String(res.getHeader('Cache-Control') ?? '')) ||
        !isCompressibleType(res.getHeader('Content-Type') as string | undefined)
      ) {
        return send.call(this, body);
      }
      res.vary('Accept-Encoding');
      const encoding = req.method === 'HEAD' ? null : negotiateEncoding(req.headers['accept-encoding']);
      if (!encoding) return send.call(this, body);
      const finish = (compressed: Buffer) => {
        // res.send names the charset of a text it encodes; for the bytes sent instead, it is said here.
        if (typeof body === 'string') res.setHeader('Content-Type', `${String(res.getHeader('Content-Type')).replace(/;\s*charset=[^;]*/i, '')}; charset=utf-8`);
        res.setHeader('Content-Encoding', encoding);
        send.call(this, compressed);
      };
      try {
        const compressed = compressFast(bytes, encoding);
        if (Buffer.isBuffer(compressed)) finish(compressed);
        else compressed.then(finish, () => send.call(this, body));
      } catch {
        return send.call(this, body);
      }
      return this;
    };
    next();
  };
}
