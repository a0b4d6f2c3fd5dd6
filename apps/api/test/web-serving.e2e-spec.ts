import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';

/** GET with the given headers; the body as the bytes that came over the wire (never decoded). */
function rawGet(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${baseUrl}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const decode = (res: { headers: IncomingHttpHeaders; body: Buffer }) =>
  res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.body) : res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.body) : res.body;

// A script the size of a real chunk: many lines of code, as compressible as code is.
const BIG_SCRIPT = Array.from({ length: 2000 }, (_, i) => `export function field${i}(record) { return record.values[${i}] ?? 'default ${i % 17}'; }`).join('\n');

/** The API and the built web app share one port: files and deep links go to the web app, API paths never do. */
describe('web app served beside the API', () => {
  let t: TestApp;
  let webDist: string;

  beforeAll(async () => {
    webDist = mkdtempSync(join(tmpdir(), 'gatehouse-web-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Gatehouse</title>');
    mkdirSync(join(webDist, 'assets'));
    writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log("app")');
    // What the web build writes: content-hashed chunks (here without their source maps' comment).
    writeFileSync(join(webDist, 'assets', 'index-Dl9GhGc5.js'), BIG_SCRIPT);
    writeFileSync(join(webDist, 'assets', 'index-Dl9GhGc5.js.map'), '{"version":3,"sources":["../src/secret.ts"],"sourcesContent":["const key = 1"]}');
    writeFileSync(join(webDist, 'assets', 'index-Dl9GhGc5.css'), ':root{--a:1}');
    // A file whose path looks like an API route must not answer in the route's place.
    mkdirSync(join(webDist, 'api'));
    writeFileSync(join(webDist, 'api', 'health'), 'stale file');
    t = await startTestApp({}, { webDist });
  });

  afterAll(async () => {
    await t.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('serves a file without a content hash with an hour of cache lifetime and revalidates it', async () => {
    const res = await request(t.http).get('/assets/app.js').expect(200);
    expect(res.text).toBe('console.log("app")');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    await request(t.http).get('/assets/app.js').set('If-None-Match', res.headers.etag!).expect(304);
  });

  it('lets browsers keep content-hashed assets for a year without asking again', async () => {
    for (const path of ['/assets/index-Dl9GhGc5.js', '/assets/index-Dl9GhGc5.css']) {
      const res = await rawGet(t.baseUrl, path);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('sends scripts brotli-compressed to a browser that accepts it, and gzip to one that only takes gzip', async () => {
    const br = await rawGet(t.baseUrl, '/assets/index-Dl9GhGc5.js', { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(BIG_SCRIPT.length / 5);
    expect(decode(br).toString()).toBe(BIG_SCRIPT);

    const gzip = await rawGet(t.baseUrl, '/assets/index-Dl9GhGc5.js', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.length).toBeLessThan(BIG_SCRIPT.length / 5);
    expect(decode(gzip).toString()).toBe(BIG_SCRIPT);

    // A client that refuses brotli by weight, or accepts no compression, gets what it can read.
    expect((await rawGet(t.baseUrl, '/assets/index-Dl9GhGc5.js', { 'Accept-Encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
    const plain = await rawGet(t.baseUrl, '/assets/index-Dl9GhGc5.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(BIG_SCRIPT);
  });

  it('refuses source maps, which would publish the source', async () => {
    const res = await rawGet(t.baseUrl, '/assets/index-Dl9GhGc5.js.map');
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('sourcesContent');
  });

  it('answers a chunk that is not in this build with 404, not with the web app', async () => {
    // A page loaded before a new build asks for a chunk of the old one.
    const res = await rawGet(t.baseUrl, '/assets/old-chunk-AAAAAAAA.js');
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('<title>Gatehouse</title>');
  });

  it('compresses a large API answer and leaves a small one as it is', async () => {
    const plain = await rawGet(t.baseUrl, '/api/docs-json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const doc = JSON.parse(plain.body.toString());
    expect(doc.info.title).toBe('Gatehouse API');
    for (const encoding of ['br', 'gzip']) {
      const res = await rawGet(t.baseUrl, '/api/docs-json', { 'Accept-Encoding': encoding });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      expect(res.body.length).toBeLessThan(plain.body.length / 4);
      expect(JSON.parse(decode(res).toString())).toEqual(doc);
    }
    const small = await rawGet(t.baseUrl, '/api/health', { 'Accept-Encoding': 'br, gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toMatchObject({ status: 'ok' });
  });

  it('answers a deep link of the web app with index.html, never cached', async () => {
    const res = await request(t.http).get('/integrations/some-id/data').expect(200);
    expect(res.text).toContain('<title>Gatehouse</title>');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('routes API paths to the API even when the web build holds a file of that name', async () => {
    const res = await request(t.http).get('/api/health').expect(200);
    expect(res.text).not.toContain('stale file');
    expect(res.body).toMatchObject({ status: 'ok' });
  });

  it('answers an unknown API path with the API 404, not the web app', async () => {
    const res = await request(t.http).get('/api/no-such-route').expect(404);
    expect(res.text).not.toContain('<title>Gatehouse</title>');
    expect(res.headers['content-type']).toMatch(/json/);
  });
});
