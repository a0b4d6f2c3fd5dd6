import { describe, expect, it } from '@jest/globals';
import { expectCount, signUpInBrowser } from './support/browser';
import { createEchoConnector, pickSegment, useEchoingApp } from './support/connector-setup';
import { useProductInBrowser } from './support/product-in-browser';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const APP_KEY = 'app-key-call-log-3c9d1e';

describe('Provisioning › call log in the browser', () => {
  const session = useProductInBrowser();
  const echo = useEchoingApp();

  it('opens a call to its masked request and answer, filters by status class and SCIM user, loads older calls, and links a provisioned user to its calls', async () => {
    const { page } = session.browser;
    const { app } = echo;
    await signUpInBrowser(page, { company: 'Call Log Co' });
    const c = await createEchoConnector(page, app.url, 'HR app', APP_KEY);
    const scim = (path: string, body: unknown) =>
      fetch(`${session.product.url}${c.scimPath}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify(body),
      });
    // The identity provider creates one user the app accepts and one it refuses.
    const ann = await scim('/Users', { schemas: [USER_SCHEMA], userName: 'ann@corp.example', displayName: 'Ann Lee', emails: [{ value: 'ann@corp.example', primary: true }], active: true });
    expect(ann.status).toBe(201);
    const annId = ((await ann.json()) as { id: string }).id;
    const refused = await scim('/Users', { schemas: [USER_SCHEMA], userName: 'bo@refused.example', emails: [{ value: 'bo@refused.example', primary: true }], active: true });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    // What the app received did carry the key: the log is what must hide it.
    expect(app.seen[0]!.headers['x-app-key']).toBe(APP_KEY);

    await page.goto(`/provisioning/${c.id}/activity`);
    const calls = page.getByRole('table', { name: 'Connector calls' });
    await expectCount(calls.getByRole('row'), 3);

    // Open the successful create: request and answer, every secret masked.
    await calls.getByRole('row').filter({ hasText: '201' }).getByRole('button', { name: /^Open create_user call/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Call details' });
    const request = drawer.getByRole('group', { name: 'Request' });
    await request.getByLabel('URL').getByText(`${app.url}/v1/users`, { exact: true }).waitFor();
    await request.getByText('X-App-Key:').waitFor();
    await request.getByText('secret hidden').first().waitFor();
    expect(await request.getByLabel('Request body').textContent()).toContain('"email": "ann@corp.example"');
    const response = drawer.getByRole('group', { name: 'Response' });
    await response.getByText('Status').waitFor();
    expect(await response.getByLabel('Response body').textContent()).toContain('"receivedKey": "••••••"');
    await response.getByText('set-cookie:').waitFor();
    const shown = (await drawer.textContent()) ?? '';
    expect(shown).not.toContain(APP_KEY);
    expect(shown).not.toContain('cookie-secret-77');
    await page.screenshot({ path: '/tmp/call-log-detail.png', fullPage: true });
    await drawer.getByRole('button', { name: 'Close call details' }).click();
    await drawer.waitFor({ state: 'hidden' });

    // Status class: only the refused create is a 4xx.
    await pickSegment(page, 'Outcome', '4xx');
    await expectCount(calls.getByRole('row'), 2);
    await calls.getByText('422', { exact: true }).waitFor();
    await calls.getByRole('row').filter({ hasText: '422' }).click();
    await page.getByRole('dialog', { name: 'Call details' }).getByText(/email domain not allowed/).first().waitFor();
    await page.getByRole('button', { name: 'Close call details' }).click();
    await pickSegment(page, 'Outcome', 'All');
    await expectCount(calls.getByRole('row'), 3);

    // A provisioned user links to its calls.
    const users = page.getByRole('table', { name: 'Provisioned users' });
    await users.getByRole('button', { name: 'Show calls for ann@corp.example' }).click();
    await page.getByText(`Calls for SCIM user ${annId}`).waitFor();
    await expectCount(calls.getByRole('row'), 2);
    await calls.getByText('201', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Show calls for every user' }).click();
    await expectCount(calls.getByRole('row'), 3);

    // "Load more": 60 more calls (the page shows 50 at a time), each listed once.
    for (let i = 0; i < 60; i++) {
      const r = await scim('/Users', { schemas: [USER_SCHEMA], userName: `u${i}@corp.example`, emails: [{ value: `u${i}@corp.example`, primary: true }], active: true });
      expect(r.status).toBe(201);
    }
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expectCount(calls.getByRole('row'), 51);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expectCount(calls.getByRole('row'), 63);
    await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
  });
});
