import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signUpAdmin, startTestApp, type TestApp } from '../support/test-app.js';

// The test client is on loopback, a trusted proxy by default, so X-Forwarded-For names the
// client address the limits count by.
const login = (t: TestApp, email: string, password: string, from = '198.51.100.1') =>
  request(t.http).post('/api/auth/login').set('x-forwarded-for', from).send({ email, password });

const statuses = (responses: Array<{ status: number }>) => {
  const count: Record<number, number> = {};
  for (const r of responses) count[r.status] = (count[r.status] ?? 0) + 1;
  return count;
};

describe('POST /api/auth/login under attack (production limits)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS: '10' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('a concurrent burst of 20 guesses gets 10 answers and 10 × 429, and the right password within it does not slip through past the limit', async () => {
    const admin = await signUpAdmin(t);
    const { email, password } = admin.credentials;
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(t, email, i === 17 ? password : `wrong password ${i}`, '203.0.113.9')),
    );
    const count = statuses(burst);
    expect(count[429]).toBe(10);
    expect((count[401] ?? 0) + (count[200] ?? 0)).toBe(10);
    for (const r of burst.filter((r) => r.status === 429)) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    // The limit is full: from this address even the right password is refused.
    const after = await login(t, email, password, '203.0.113.9').expect(429);
    expect(after.body.message).toMatch(/Too many sign-in attempts/);
  });

  it('guesses from one address do not lock the owner out at another', async () => {
    const admin = await signUpAdmin(t);
    const { email, password } = admin.credentials;
    for (let i = 0; i < 10; i++) await login(t, email, `guess ${i} wrong!!`, '203.0.113.20').expect(401);
    await login(t, email, 'guess 10 wrong!!', '203.0.113.20').expect(429);
    const owner = await login(t, email, password, '198.51.100.77').expect(200);
    expect(owner.body.user.email).toBe(email);
  });

  it('a correct sign-in gives its place back: the owner can sign in again and again', async () => {
    const admin = await signUpAdmin(t);
    for (let i = 0; i < 12; i++) await login(t, admin.credentials.email, admin.credentials.password, '198.51.100.5').expect(200);
  });
});

describe('POST /api/auth/login: per-address and per-email limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS: '2', LOGIN_MAX_ATTEMPTS_PER_IP: '4', LOGIN_MAX_ATTEMPTS_PER_EMAIL: '5' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('one address trying many emails is stopped by the per-address limit', async () => {
    for (let i = 0; i < 4; i++) await login(t, `victim${i}@example.com`, 'some wrong password', '203.0.113.50').expect(401);
    const res = await login(t, 'victim99@example.com', 'some wrong password', '203.0.113.50').expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await login(t, 'victim99@example.com', 'some wrong password', '203.0.113.51').expect(401);
  });

  it('guesses spread over many addresses hit the per-email limit, but the owner at an address that signed in before still gets in', async () => {
    const admin = await signUpAdmin(t);
    const { email, password } = admin.credentials;
    await login(t, email, password, '198.51.100.10').expect(200);
    for (let a = 1; a <= 3; a++) {
      for (let i = 0; i < 2; i++) {
        const res = await login(t, email, 'distributed guess', `203.0.113.${100 + a}`);
        expect([401, 429]).toContain(res.status);
      }
    }
    // Five guesses counted: a sixth address is refused before its password is checked...
    await login(t, email, password, '203.0.113.110').expect(429);
    // ...while the owner's usual address is not held by the per-email limit.
    await login(t, email, password, '198.51.100.10').expect(200);
  });
});

describe('X-Forwarded-For from a peer that is not a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS: '2', TRUST_PROXY: '10.0.0.0/8' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is ignored: changing it does not buy more guesses', async () => {
    const admin = await signUpAdmin(t);
    const { email } = admin.credentials;
    await login(t, email, 'wrong password one', '203.0.113.1').expect(401);
    await login(t, email, 'wrong password two', '203.0.113.2').expect(401);
    await login(t, email, 'wrong password three', '203.0.113.3').expect(429);
  });
});

describe('POST /api/auth/signup under attack', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIGNUP_MAX_PER_IP: '3', SIGNUP_MAX_PER_EMAIL: '2' });
  });
  afterAll(async () => {
    await t.close();
  });

  const signup = (email: string, from: string) =>
    request(t.http)
      .post('/api/auth/signup')
      .set('x-forwarded-for', from)
      .send({ companyName: 'Probe Co', name: 'P', email, password: 'a long enough passphrase' });

  it('one address is limited per hour, with 429 and Retry-After, and creates nothing once refused', async () => {
    for (let i = 0; i < 3; i++) await signup(`probe${i}.${Date.now()}@example.com`, '203.0.113.60').expect(201);
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM companies');
    const res = await signup(`probe4.${Date.now()}@example.com`, '203.0.113.60').expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.message).toMatch(/Too many sign-ups/);
    const after = await t.dataSource.query('SELECT count(*)::int AS n FROM companies');
    expect(after[0].n).toBe(before[0].n);
    await signup(`probe5.${Date.now()}@example.com`, '203.0.113.61').expect(201);
  });

  it('probing whether an email is taken is limited per email too, whatever the address', async () => {
    const email = `taken.${Date.now()}@example.com`;
    await signup(email, '203.0.113.70').expect(201);
    await signup(email, '203.0.113.71').expect(409);
    await signup(email, '203.0.113.72').expect(429);
  });
});

describe('password hashing under a burst of sign-ups', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('a sign-in during 12 concurrent sign-ups answers before most of them', async () => {
    const admin = await signUpAdmin(t);
    let signupsDone = 0;
    const burst = Array.from({ length: 12 }, (_, i) =>
      request(t.http)
        .post('/api/auth/signup')
        .send({ companyName: `Burst ${i}`, name: 'B', email: `burst${i}.${Date.now()}@example.com`, password: 'a long enough passphrase' })
        .then((res) => {
          signupsDone += 1;
          return res;
        }),
    );
    // Let the burst reach the server and queue its hashing first.
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    await login(t, admin.credentials.email, admin.credentials.password).expect(200);
    const signInMs = Date.now() - started;
    const doneAtSignIn = signupsDone;
    const results = await Promise.all(burst);
    const burstMs = Date.now() - started;
    expect(results.every((r) => r.status === 201)).toBe(true);
    // Sign-up hashing takes two worker threads at most: the sign-in's check does not queue behind it.
    expect(doneAtSignIn).toBeLessThan(6);
    expect(signInMs).toBeLessThan(burstMs / 2);
  }, 120_000);
});
