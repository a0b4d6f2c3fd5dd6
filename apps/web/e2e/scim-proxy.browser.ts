import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { expectCount, signUpInBrowser } from './support/browser';
import { useProductInBrowser } from './support/product-in-browser';

type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** An app that speaks SCIM 2.0 itself, on a loopback port: records every request, creates users. */
async function startScimApp() {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const send = (status: number, answer: unknown) => {
        res.writeHead(status, { 'content-type': 'application/scim+json' });
        res.end(JSON.stringify(answer));
      };
      if (req.method === 'POST' && req.url === '/scim/v2/Users') {
        const user = JSON.parse(body) as Record<string, unknown>;
        return send(201, { ...user, id: 'wiki-7', meta: { resourceType: 'User' } });
      }
      if (req.method === 'GET' && req.url?.startsWith('/scim/v2/Users?')) {
        return send(200, { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] });
      }
      send(404, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'not here' });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((done) => server.close(() => done())) };
}

async function shot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `/tmp/scim-proxy-${name}.png`, fullPage: true });
}

describe('Provisioning › SCIM Proxy in the browser', () => {
  const session = useProductInBrowser();
  let app: Awaited<ReturnType<typeof startScimApp>>;
  beforeAll(async () => {
    app = await startScimApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates a proxy to a SCIM app, and forwards an identity provider request there, logged in Activity', async () => {
    const { page } = session.browser;
    const appKey = 'wiki-api-key-51c8e2';
    await signUpInBrowser(page, { company: 'Proxy Browser Co' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Provisioning' }).click();

    // A new proxy: a name and the app's SCIM base URL; plain http is allowed for this local app.
    await page.getByRole('heading', { name: 'No provisioning instances yet' }).waitFor();
    await page.getByRole('button', { name: '+ SCIM Proxy' }).click();
    const create = page.getByRole('dialog', { name: 'New SCIM Proxy instance' });
    await create.getByLabel('Name').fill('Team wiki');
    await create.getByLabel('SCIM base URL').fill(`${app.url}/scim/v2`);
    await create.getByRole('checkbox', { name: /Allow insecure HTTP/ }).check();
    await shot(page, 'create');
    await create.getByRole('button', { name: 'Create instance' }).click();
    await page.waitForURL(/\/provisioning\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Team wiki', level: 2 }).waitFor();
    await page.getByText('SCIM Proxy instance').waitFor();
    // No auth yet: the Settings tab counts that problem (it blocks only enabling).
    await expect(page.getByRole('tab').allTextContents()).resolves.toEqual(['Settings1', 'SCIM connection', 'Activity']);
    await expect(page.getByLabel('SCIM base URL').inputValue()).resolves.toBe(`${app.url}/scim/v2`);

    // Settings: the app's own API key, then enabled.
    await page.getByRole('combobox', { name: 'Auth type' }).click();
    await page.getByRole('option', { name: 'API key header' }).click();
    await page.getByLabel('Header name').fill('X-Wiki-Key');
    await page.getByLabel('API key value', { exact: true }).fill(appKey);
    await page.getByRole('button', { name: 'Save secret' }).click();
    await page.getByText('Secret set').waitFor();
    await page.getByRole('switch', { name: /^Enabled/ }).check({ force: true });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved').waitFor();
    await page.getByText('Enabled', { exact: true }).first().waitFor();
    await shot(page, 'settings');

    // SCIM connection: the token the identity provider will send.
    await page.getByRole('tab', { name: 'SCIM connection' }).click();
    await page.getByText(`Gatehouse forwards them to ${app.url}/scim/v2`, { exact: false }).waitFor();
    const baseUrl = await page.getByLabel('SCIM base URL', { exact: true }).inputValue();
    await page.getByRole('button', { name: 'Generate token' }).click();
    await page.getByRole('button', { name: 'Show SCIM token' }).click();
    const token = await page.getByLabel('SCIM token', { exact: true }).inputValue();

    // The identity provider's requests reach the app as they were sent, with the app's key instead of the token.
    const scimUser = { schemas: [USER_SCHEMA], userName: 'kim@corp.example', displayName: 'Kim Park', active: true };
    const created = await fetch(`${session.product.url}${new URL(baseUrl).pathname}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify(scimUser),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ ...scimUser, id: 'wiki-7', meta: { resourceType: 'User' } });
    const listed = await fetch(`${session.product.url}${new URL(baseUrl).pathname}/Users?filter=userName%20eq%20%22kim%40corp.example%22`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(listed.status).toBe(200);
    expect(app.seen.map((r) => [r.method, r.url])).toEqual([
      ['POST', '/scim/v2/Users'],
      ['GET', '/scim/v2/Users?filter=userName%20eq%20%22kim%40corp.example%22'],
    ]);
    expect(app.seen[0]!.body).toBe(JSON.stringify(scimUser));
    expect(app.seen[0]!.headers['x-wiki-key']).toBe(appKey);
    expect(app.seen[0]!.headers.authorization).toBeUndefined();
    expect(JSON.stringify(app.seen.map((r) => r.headers))).not.toContain(token);

    // Activity: both forwarded calls, filterable by the forwarded request.
    await page.getByRole('tab', { name: 'Activity' }).click();
    const calls = page.getByRole('table', { name: 'Connector calls' });
    await calls.getByText('proxy:POST /Users', { exact: true }).waitFor();
    await calls.getByText('proxy:GET /Users', { exact: true }).waitFor();
    await calls.getByText(`${app.url}/scim/v2/Users`, { exact: true }).waitFor();
    await page.getByText('A SCIM proxy keeps no copy of users and groups', { exact: false }).waitFor();
    await shot(page, 'activity');
    await page.getByRole('combobox', { name: 'Operation' }).click();
    await page.getByRole('option', { name: 'proxy:POST /Users', exact: true }).click();
    await expectCount(calls.getByRole('row'), 2);
    await calls.getByText('201', { exact: true }).waitFor();

    // The list names the type.
    await page.getByRole('link', { name: 'Provisioning' }).first().click();
    const row = page.getByRole('row', { name: /Team wiki/ });
    await row.getByText('SCIM Proxy').waitFor();
    await row.getByText('Enabled').waitFor();
  });
});
