import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports ok when the database answers, with a request id', async () => {
    const res = await request(t.http).get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 503 naming the database when it is gone', async () => {
    await t.dataSource.destroy();
    const res = await request(t.http).get('/api/health').expect(503);
    expect(res.body).toEqual({ status: 'error', db: 'error' });
    await t.dataSource.initialize();
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(t.http).get('/api/docs-json').expect(200);
    expect(res.body.paths['/api/auth/signup']).toBeDefined();
    expect(res.body.paths['/api/health']).toBeDefined();
  });

  it('answers an unknown API route with 404 in the error shape', async () => {
    const res = await request(t.http).get('/api/nope').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: 'No route for GET /api/nope' });
  });
});
