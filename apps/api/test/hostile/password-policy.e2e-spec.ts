import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('POST /api/auth/signup with guessable passwords', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['12 spaces', ' '.repeat(12), 'password must not be only spaces'],
    // NUL is refused for every text field before validation (it cannot be stored); other control characters by the policy.
    ['12 NUL characters', '\u0000'.repeat(12), 'must not contain the NUL character'],
    ['control characters', 'abc\u0001def\u0007ghij', 'password must not contain control characters'],
    ['one letter repeated', 'aaaaaaaaaaaa', 'password must not be one character or a short group of characters repeated'],
    ['digits in order', '123456789012', 'password must not be a run of keys or letters in order'],
    ['a common password with digits', 'password1234', 'password is one of the most used passwords'],
  ])('refuses %s with 400 naming the password, and creates nothing', async (_label, password, message) => {
    const email = `weak${Date.now()}@example.com`;
    const res = await request(t.http).post('/api/auth/signup').send({ companyName: 'Weak Co', name: 'W', email, password }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual([{ path: 'password', message: expect.stringContaining(message) }]);
    const rows = await t.dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]);
    expect(rows[0].n).toBe(0);
  });

  it('accepts a passphrase', async () => {
    await request(t.http)
      .post('/api/auth/signup')
      .send({ companyName: 'Strong Co', name: 'S', email: `strong${Date.now()}@example.com`, password: 'mauve lantern 42 quietly' })
      .expect(201);
  });
});
