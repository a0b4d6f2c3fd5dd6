// The built web app's files (apps/web/dist), served from memory: each file is read once, on its
// first request, together with its brotli and gzip forms (the .br/.gz files the web build writes
// beside it, or compressed here once when a build has none).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';
import { isCompressibleType, MIN_COMPRESSED_BYTES, negotiateEncoding, type Encoding } from './common/http/compression.js';

/** Files whose name carries the web build's content hash (`index-B4x9_kQz.js`, 8 characters) never change under that name. */
const HASHED_ASSET = /^\/assets\/[^/]+-[\w-]{8}\.[a-z0-9]+$/i;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Other files (favicon.svg) may change in a new build under the same name. */
const SHORT_LIVED = 'public, max-age=3600';

type Entry = { body: Buffer; type: string; cacheControl: string; etag: string; lastModified: string; compressible: boolean; encoded: Map<Encoding, Promise<Buffer>> };

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const compressOnce = (body: Buffer, encoding: Encoding) =>
  encoding === 'br'
    ? brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
    : gzipAsync(body, { level: 9 });
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

/**
 * Serves the files of `dir` as they were when the app started (the list is taken once: a request
 * for any other path, or a deep link of the web app, never touches the disk). Hashed assets are
 * cached by browsers for a year, other files for an hour. Source maps (`*.map`) are refused with
 * 404, and so is an unknown path under /assets/ (a chunk of an older build, not the web app's
 * index.html), while any other unknown path goes to `next` (the web app's deep links).
 */
export function webFiles(dir: string, setHeaders: (res: Response) => void) {
  const files = new Map<string, string>();
  const onDisk = new Set<string>();
  const walk = (folder: string) => {
    for (const item of readdirSync(folder, { withFileTypes: true })) {
      if (item.name.startsWith('.')) continue;
      const path = join(folder, item.name);
      if (item.isDirectory()) walk(path);
      else if (item.isFile()) {
        onDisk.add(path);
        if (!/\.(br|gz|map)$/.test(item.name)) files.set(`/${relative(dir, path).split(sep).join('/')}`, path);
      }
    }
  };
  walk(dir);
  const entries = new Map<string, Entry>();

  const entryOf = (urlPath: string): Entry | undefined => {
    const cached = entries.get(urlPath);
    if (cached) return cached;
    const path = files.get(urlPath);
    if (!path) return undefined;
    const body = readFileSync(path);
    const { mtime } = statSync(path);
    const type = contentTypeOf(path);
    const entry: Entry = {
      body,
      type,
      cacheControl: HASHED_ASSET.test(urlPath) ? IMMUTABLE : SHORT_LIVED,
      // Weak: the brotli, gzip and plain forms are the same content.
      etag: `W/"${body.length.toString(16)}-${mtime.getTime().toString(16)}"`,
      lastModified: mtime.toUTCString(),
      compressible: body.length >= MIN_COMPRESSED_BYTES && isCompressibleType(type),
      encoded: new Map(),
    };
    entries.set(urlPath, entry);
    return entry;
  };

  const encodedForm = (urlPath: string, entry: Entry, encoding: Encoding): Promise<Buffer> => {
    let form = entry.encoded.get(encoding);
    if (!form) {
      const built = `${files.get(urlPath)!}${SUFFIX[encoding]}`;
      form = onDisk.has(built) ? Promise.resolve(readFileSync(built)) : compressOnce(entry.body, encoding);
      // A failure is not kept: the next request tries again (this one gets the plain file).
      form.catch(() => entry.encoded.delete(encoding));
      entry.encoded.set(encoding, form);
    }
    return form;
  };

  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    // Source maps stay on the build machine: they would publish the whole source.
    if (urlPath.endsWith('.map')) return notFound(res);
    const entry = entryOf(urlPath);
    if (!entry) return urlPath.startsWith('/assets/') ? notFound(res) : next();
    setHeaders(res);
    res.setHeader('Content-Type', entry.type);
    res.setHeader('Cache-Control', entry.cacheControl);
    res.setHeader('ETag', entry.etag);
    res.setHeader('Last-Modified', entry.lastModified);
    if (entry.compressible) res.vary('Accept-Encoding');
    if (isFresh(req, entry)) {
      res.status(304).end();
      return;
    }
    const encoding = entry.compressible ? negotiateEncoding(req.headers['accept-encoding']) : null;
    const reply = (body: Buffer, contentEncoding: Encoding | null) => {
      if (contentEncoding) res.setHeader('Content-Encoding', contentEncoding);
      res.setHeader('Content-Length', body.length);
      if (req.method === 'HEAD') res.end();
      else res.end(body);
    };
    if (!encoding) return reply(entry.body, null);
    encodedForm(urlPath, entry, encoding).then(
      (body) => reply(body, encoding),
      () => reply(entry.body, null),
    );
  };
}

function notFound(res: Response) {
  res.status(404).type('text/plain').send('Not Found');
}

function isFresh(req: Request, entry: Entry): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch) return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === entry.etag.slice(2) || tag.trim() === '*');
  const since = req.headers['if-modified-since'];
  return since !== undefined && Date.parse(since) >= Date.parse(entry.lastModified);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

function contentTypeOf(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}
