import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The API and the built web app share one port: files and deep links go to the web app, API paths never do. */
describe('web app served beside the API', () => {
  let t: TestApp;
  let webDist: string;

  beforeAll(async () => {
    webDist = mkdtempSync(join(tmpdir(), 'gatehouse-web-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Gatehouse</title>');
    mkdirSync(join(webDist, 'assets'));
    writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log("app")');
    // A file whose path looks like an API route must not answer in the route's place.
    mkdirSync(join(webDist, 'api'));
    writeFileSync(join(webDist, 'api', 'health'), 'stale file');
    t = await startTestApp({}, { webDist });
  });

  afterAll(async () => {
    await t.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('serves built assets with a cache lifetime', async () => {
    const res = await request(t.http).get('/assets/app.js').expect(200);
    expect(res.text).toBe('console.log("app")');
    expect(res.headers['cache-control']).toMatch(/max-age=3600/);
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
