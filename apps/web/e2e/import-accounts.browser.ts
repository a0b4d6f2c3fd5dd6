import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { expectCount, signUpInBrowser } from './support/browser';
import { useProductInBrowser } from './support/product-in-browser';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** An app that already has its accounts, on a loopback port: lists users and groups, takes user updates, records every request. */
async function startApp() {
  const seen: Array<{ method: string; url: string; body: string }> = [];
  const users = [
    { id: 'u-ada', login: 'ada', email: 'ada@example.com', name: 'Ada Lovelace', active: true },
    { id: 'u-zed', login: 'zed', email: 'zed@example.com', name: 'Zed Former-Employee', active: true },
  ];
  const groups = [{ id: 'g-eng', name: 'Engineering' }];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      const send = (status: number, answer: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      if (req.method === 'GET' && req.url === '/v1/users') return send(200, { items: users });
      if (req.method === 'GET' && req.url === '/v1/groups') return send(200, { groups });
      const update = /^\/v1\/users\/([^/]+)$/.exec(req.url ?? '');
      const user = users.find((u) => u.id === update?.[1]);
      if (req.method === 'PATCH' && user) {
        user.active = (JSON.parse(body) as { active: boolean }).active;
        return send(200, { data: user });
      }
      send(404, { error: { message: 'no such route' } });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, users, close: () => new Promise<void>((done) => server.close(() => done())) };
}

/** An admin API call with the browser's session (and its CSRF token). */
async function adminApi(page: Page, method: 'POST' | 'PUT', path: string, data: unknown) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'gh_csrf')?.value ?? '';
  const res = await page.request.fetch(path, { method, data, headers: { 'x-csrf-token': csrf } });
  expect(res.status()).toBeLessThan(300);
  return res.json() as Promise<Record<string, string>>;
}

describe('Provisioning › Import accounts in the browser', () => {
  const session = useProductInBrowser();
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it("reviews the app's accounts against what the IdP provisioned, and links a match so the next change reaches it", async () => {
    const { page } = session.browser;
    await signUpInBrowser(page, { company: 'Access Review Co' });
    // An instance whose identity provider provisioned users before the app's accounts were linked (create_user off).
    const connector = await adminApi(page, 'POST', '/api/connectors', {
      name: 'HR portal',
      enabled: true,
      allowInsecureHttp: true,
      auth: { type: 'bearer' },
      capabilities: { create_user: false, update_user: true, list_users: true, list_groups: true },
      mappings: {
        update_user: {
          http_method: 'PATCH',
          url_template: `${app.url}/v1/users/{integration_user_id}`,
          body_kind: 'json',
          body_template: '{"active":{scim_user_active}}',
          success_status: [200],
          response_fields: { id: 'data.id' },
        },
        list_users: {
          http_method: 'GET',
          url_template: `${app.url}/v1/users`,
          success_status: [200],
          response_fields: { items: 'items', id: 'id', userName: 'login', email: 'email', displayName: 'name', active: 'active' },
        },
        list_groups: { http_method: 'GET', url_template: `${app.url}/v1/groups`, success_status: [200], response_fields: { items: 'groups', id: 'id', name: 'name' } },
      },
    });
    await adminApi(page, 'PUT', `/api/connectors/${connector.id}/secret`, { api_token: 'hr-portal-token-3b1d' });
    const { token, baseUrl } = await adminApi(page, 'POST', `/api/connectors/${connector.id}/scim-token`, {});
    const idp = (method: string, path: string, body: unknown) =>
      fetch(`${session.product.url}${new URL(baseUrl!).pathname}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify(body),
      });
    const ids: Record<string, string> = {};
    for (const userName of ['ada@example.com', 'linus@example.com']) {
      const created = await idp('POST', '/Users', { schemas: [USER_SCHEMA], userName, displayName: userName, emails: [{ value: userName, primary: true }], active: true });
      expect(created.status).toBe(201);
      ids[userName] = ((await created.json()) as { id: string }).id;
    }
    expect((await idp('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'engineering' })).status).toBe(201);

    // The tab runs nothing until asked.
    await page.goto(`/provisioning/${connector.id}`);
    await page.getByRole('tab', { name: 'Import accounts' }).click();
    await page.waitForURL(new RegExp(`/provisioning/${connector.id}/import$`));
    expect(app.seen).toEqual([]);
    await page.getByRole('button', { name: 'Import accounts' }).click();

    // Users: Ada in both, Zed only in the app, Linus only in the identity provider; the engineering group in both.
    const matched = page.getByRole('table', { name: 'Matched users' });
    await matched.getByText('ada@example.com', { exact: true }).first().waitFor();
    await expectCount(page.getByRole('heading', { name: 'Matched (1)' }), 2);
    await expectCount(page.getByRole('heading', { name: 'Only in the app (1)' }), 1);
    await expectCount(page.getByRole('heading', { name: 'Only in the IdP (1)' }), 1);
    await expectCount(page.getByRole('heading', { name: 'Only in the app (0)' }), 1);
    await expectCount(page.getByRole('heading', { name: 'Only in the IdP (0)' }), 1);
    await expect(matched.getByRole('row').nth(1).innerText()).resolves.toMatch(/ada@example\.com[\s\S]*u-ada[\s\S]*Email/);
    await page.getByRole('table', { name: 'Users only in the app' }).getByText('Zed Former-Employee').waitFor();
    await page.getByRole('table', { name: 'Users only in the identity provider' }).getByText('linus@example.com').first().waitFor();
    await page.getByRole('table', { name: 'Users only in the identity provider' }).getByText('Gatehouse only (not linked)').waitFor();
    await page.getByRole('table', { name: 'Matched groups' }).getByText('engineering', { exact: true }).waitFor();
    await page.getByText('2 users read from one list_users answer. Gatehouse does not follow pages', { exact: false }).waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: '/tmp/import-accounts-review.png', fullPage: true });
    expect(app.seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/users', 'GET /v1/groups']);

    // One click links Ada; the review is read again and shows the pair linked.
    await page.getByRole('button', { name: 'Link ada@example.com to app account u-ada' }).click();
    await page.getByText('ada@example.com is linked to app account u-ada', { exact: false }).waitFor();
    await matched.getByText('Linked', { exact: true }).waitFor();
    await expectCount(page.getByRole('button', { name: 'Link ada@example.com to app account u-ada' }), 0);

    // The identity provider's next change for Ada now reaches her account in the app.
    const before = app.seen.length;
    const patched = await idp('PATCH', `/Users/${ids['ada@example.com']}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    // The instance keeps the default IdP profile (generic): a PATCH answers 200 with the resource.
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { active: boolean }).active).toBe(false);
    expect(app.seen.slice(before).map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual(['PATCH /v1/users/u-ada {"active":false}']);
    expect(app.users.find((u) => u.id === 'u-ada')!.active).toBe(false);
  });
});
