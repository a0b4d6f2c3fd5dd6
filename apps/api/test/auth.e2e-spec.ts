import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signUpAdmin, startTestApp, type TestApp } from './support/test-app.js';

describe('POST /api/auth/* (sign-up, sign-in, sessions)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS: '3' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('POST /api/auth/signup creates a company and its admin, signs in, and hides the password', async () => {
    const admin = await signUpAdmin(t, { companyName: 'Acme Corp' });
    expect(admin.me.company.name).toBe('Acme Corp');
    const me = await admin.get('/api/auth/me').expect(200);
    expect(me.body.user.email).toBe(admin.credentials.email);
    expect(JSON.stringify(me.body)).not.toMatch(/password/i);
    const row = await t.dataSource.query('SELECT password_hash FROM users WHERE email = $1', [admin.credentials.email]);
    expect(row[0].password_hash).toMatch(/^scrypt\$/);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
    const res = await request(t.http)
      .post('/api/auth/signup')
      .send({ companyName: 'Cookie Co', name: 'C', email: `cookie${Date.now()}@example.com`, password: 'long enough password' })
      .expect(201);
    const session = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('gh_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
  });

  it('refuses a bad sign-up with every problem named, and creates nothing', async () => {
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM companies');
    const res = await request(t.http).post('/api/auth/signup').send({ companyName: '', email: 'not-an-email', password: 'short' }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED' });
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['companyName', 'email', 'name', 'password']);
    expect(res.body.message).toContain('password: password must be at least 12 characters');
    const after = await t.dataSource.query('SELECT count(*)::int AS n FROM companies');
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses a second account with the same email (any case) with 409 and leaves no orphan company', async () => {
    const admin = await signUpAdmin(t);
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM companies');
    const res = await request(t.http)
      .post('/api/auth/signup')
      .send({ companyName: 'Dup', name: 'D', email: admin.credentials.email.toUpperCase(), password: 'another long password' })
      .expect(409);
    expect(res.body.message).toMatch(/already exists/);
    const after = await t.dataSource.query('SELECT count(*)::int AS n FROM companies');
    expect(after[0].n).toBe(before[0].n);
  });

  it('POST /api/auth/login signs in with the right password', async () => {
    const admin = await signUpAdmin(t);
    const agent = request.agent(t.http);
    const res = await agent.post('/api/auth/login').send({ email: admin.credentials.email, password: admin.credentials.password }).expect(200);
    expect(res.body.company.id).toBe(admin.me.company.id);
    await agent.get('/api/auth/me').expect(200);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const admin = await signUpAdmin(t);
    const wrong = await request(t.http).post('/api/auth/login').send({ email: admin.credentials.email, password: 'wrong password here' }).expect(401);
    const unknown = await request(t.http).post('/api/auth/login').send({ email: 'nobody@example.com', password: 'wrong password here' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.message).toBe('Email or password is incorrect.');
  });

  it('rate-limits repeated failed sign-ins with 429 and Retry-After', async () => {
    const admin = await signUpAdmin(t);
    for (let i = 0; i < 3; i++) {
      await request(t.http).post('/api/auth/login').send({ email: admin.credentials.email, password: 'wrong password here' }).expect(401);
    }
    const res = await request(t.http).post('/api/auth/login').send({ email: admin.credentials.email, password: admin.credentials.password }).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.message).toMatch(/Too many sign-in attempts/);
  });

  it('POST /api/auth/logout ends the session on the server', async () => {
    const admin = await signUpAdmin(t);
    const cookie = (await admin.get('/api/auth/me').expect(200)).request.cookies;
    expect(cookie).toBeTruthy();
    await admin.post('/api/auth/logout').expect(204);
    await admin.get('/api/auth/me').expect(401);
    const left = await t.dataSource.query('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [admin.me.user.id]);
    expect(left[0].n).toBe(0);
  });

  it('an expired session is refused', async () => {
    const admin = await signUpAdmin(t);
    await t.dataSource.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [admin.me.user.id]);
    const res = await admin.get('/api/auth/me').expect(401);
    expect(res.body.message).toMatch(/session has expired/);
  });

  it('GET /api/auth/me without a session is 401', async () => {
    const res = await request(t.http).get('/api/auth/me').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  });

  it('a mutating request with the session cookie but without the CSRF token is refused', async () => {
    const admin = await signUpAdmin(t);
    const res = await admin.agent.patch('/api/company').send({ name: 'Hijacked' }).expect(403);
    expect(res.body.code).toBe('CSRF_FAILED');
    expect((await admin.get('/api/company').expect(200)).body.name).toBe(admin.me.company.name);
    await admin.patch('/api/company').send({ name: 'Renamed' }).expect(200);
    expect((await admin.get('/api/company').expect(200)).body.name).toBe('Renamed');
  });

  it('answers malformed JSON with a 400 that says so', async () => {
    const res = await request(t.http).post('/api/auth/login').set('content-type', 'application/json').send('{"email":').expect(400);
    expect(res.body.message).toMatch(/not valid JSON/);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js/);
  });

  it('never writes passwords, cookies or CSRF tokens to the log', async () => {
    const admin = await signUpAdmin(t, { password: 'a very unique password 123' });
    await admin.get('/api/auth/me').expect(200);
    expect(t.logs.text).not.toContain('a very unique password 123');
    expect(t.logs.text).not.toContain(admin.csrf);
    expect(t.logs.text).toContain('[redacted]');
    expect(t.logs.text).not.toMatch(/gh_session=[A-Za-z0-9_-]{20}/);
  });
});

describe('POST /api/auth/signup when sign-up is turned off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIGNUP_ENABLED: 'false' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is refused with 403 and a message saying whom to ask', async () => {
    const res = await request(t.http)
      .post('/api/auth/signup')
      .send({ companyName: 'X', name: 'Y', email: 'y@example.com', password: 'long enough password' })
      .expect(403);
    expect(res.body.message).toMatch(/Sign-up is turned off/);
  });
});

describe('POST /api/auth/signup behind HTTPS (PUBLIC_URL https://…)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://gatehouse.example.com' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('marks the session and CSRF cookies Secure, with __Host- names', async () => {
    const res = await request(t.http)
      .post('/api/auth/signup')
      .send({ companyName: 'Secure Co', name: 'S', email: `secure${Date.now()}@example.com`, password: 'long enough password' })
      .expect(201);
    const cookies = ([] as string[]).concat(res.headers['set-cookie']);
    expect(cookies.find((c) => c.startsWith('__Host-gh_session='))).toMatch(/; Secure/);
    expect(cookies.find((c) => c.startsWith('__Host-gh_csrf='))).toMatch(/; Secure/);
  });
});
