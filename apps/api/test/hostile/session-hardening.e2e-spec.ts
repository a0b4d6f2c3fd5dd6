import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signUpAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const cookieValue = (cookies: string[], name: string) => cookies.map((c) => new RegExp(`^${name}=([^;]*)`).exec(c)?.[1]).find(Boolean);

describe('POST /api/auth/logout from another site', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('without the CSRF header is 403 and the session goes on; with it the session ends', async () => {
    const admin = await signUpAdmin(t);
    const res = await admin.agent.post('/api/auth/logout').expect(403);
    expect(res.body.code).toBe('CSRF_FAILED');
    await admin.agent.post('/api/auth/logout').set('x-csrf-token', 'a guessed token').expect(403);
    await admin.get('/api/auth/me').expect(200);
    await admin.post('/api/auth/logout').expect(204);
    await admin.get('/api/auth/me').expect(401);
  });

  it('without any session is a harmless 204', async () => {
    await request(t.http).post('/api/auth/logout').expect(204);
    await request(t.http).post('/api/auth/logout').set('cookie', 'gh_session=no-such-session').expect(204);
  });

  it('over http sends no HSTS', async () => {
    const res = await request(t.http).get('/api/health').expect(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('sessions when PUBLIC_URL is https', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://gatehouse.example.com' });
  });
  afterAll(async () => {
    await t.close();
  });

  const signup = () =>
    request(t.http)
      .post('/api/auth/signup')
      .send({ companyName: 'Host Co', name: 'H', email: `host${Date.now()}@example.com`, password: 'a long enough passphrase' })
      .expect(201);

  it('sets __Host- cookies (Secure, Path=/, no Domain) and sends HSTS', async () => {
    const res = await signup();
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    for (const name of ['__Host-gh_session', '__Host-gh_csrf']) {
      const c = cookies.find((x) => x.startsWith(`${name}=`))!;
      expect(c).toMatch(/; Secure/);
      expect(c).toMatch(/; Path=\//);
      expect(c).not.toMatch(/Domain=/i);
    }
    expect(cookies.some((c) => c.startsWith('gh_session='))).toBe(false);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('reads only the __Host- session cookie: a plain gh_session planted by a sibling host is not a session', async () => {
    const res = await signup();
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const token = cookieValue(cookies, '__Host-gh_session')!;
    await request(t.http).get('/api/auth/me').set('cookie', `gh_session=${token}`).expect(401);
    await request(t.http).get('/api/auth/me').set('cookie', `__Host-gh_session=${token}`).expect(200);
  });
});

describe('the web app under a Content-Security-Policy', () => {
  let t: TestApp;
  let webDist: string;
  beforeAll(async () => {
    webDist = mkdtempSync(join(tmpdir(), 'gatehouse-web-csp-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><meta property="csp-nonce" nonce="__CSP_NONCE__"><title>Gatehouse</title>');
    t = await startTestApp({}, { webDist });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('serves index.html with a strict policy and a fresh style nonce in every answer', async () => {
    const nonces: string[] = [];
    for (const path of ['/', '/integrations/x', '/index.html']) {
      const res = await request(t.http).get(path).expect(200);
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).toContain("default-src 'self'");
      // 'unsafe-eval' only for Ajv's compiled validators (docs/security.md); nothing inline.
      expect(csp).toContain("script-src 'self' 'unsafe-eval';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline/);
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      expect(res.text).toContain(`nonce="${nonce}"`);
      expect(res.text).not.toContain('__CSP_NONCE__');
      nonces.push(nonce);
    }
    expect(new Set(nonces).size).toBe(3);
  });
});
