import { describe, expect, it } from '@jest/globals';
import { expectCount, signUpInBrowser } from './support/browser';
import { apiInPage, createEchoConnector, useEchoingApp } from './support/connector-setup';
import { useProductInBrowser } from './support/product-in-browser';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const APP_KEY = 'app-key-status-8e1f2a';

describe('Provisioning › what the instance page says about itself', () => {
  const session = useProductInBrowser();
  const echo = useEchoingApp();

  it('opens a brand-new instance without errors: "Not set up yet" until the admin fills it in or turns it on', async () => {
    const { page } = session.browser;
    await signUpInBrowser(page, { company: 'Fresh Instance Co' });
    const created = await apiInPage<{ id: string }>(page, 'POST', '/api/connectors', { name: 'Fresh app', type: 'custom_http', enabled: false });
    expect(created.status).toBe(201);
    await page.goto(`/provisioning/${created.body.id}`);
    await page.getByRole('heading', { name: 'Fresh app', level: 2 }).waitFor();
    await page.getByRole('status').filter({ hasText: /^Not set up yet$/ }).waitFor();
    const main = page.locator('main');
    expect(await main.innerText()).not.toMatch(/problem|must be|required/i);
    expect(await page.getByRole('tab', { name: 'Settings' }).innerText()).toBe('Settings');

    // Turning it on is where the missing parts become problems.
    await page.getByRole('switch', { name: 'Enabled' }).check({ force: true });
    await page.getByRole('status').filter({ hasText: /problem/ }).waitFor();
    await page.getByText(/must be an object with a type|required/).first().waitFor();
  });

  it("keeps Last call and the Activity tab in step without a reload; an app's 404 to a read is not shown as the last error, a refusal is", async () => {
    const { page } = session.browser;
    const { app } = echo;
    await page.context().clearCookies();
    await signUpInBrowser(page, { company: 'Live Status Co' });
    const c = await createEchoConnector(page, app.url, 'Live app', APP_KEY);
    // get_user reads a path the app does not have: it answers 404, as for a user deleted in the app.
    const added = await apiInPage(page, 'PATCH', `/api/connectors/${c.id}`, {
      capabilities: { create_user: true, update_user: true, get_user: true },
      mappings: {
        ...(await apiInPage<{ mappings: Record<string, unknown> }>(page, 'GET', `/api/connectors/${c.id}`)).body.mappings,
        get_user: { http_method: 'GET', url_template: `${app.url}/v1/people/{integration_user_id}`, success_status: [200], response_fields: { id: 'data.id' } },
      },
    });
    expect(added.status).toBe(200);
    const scim = (method: string, path: string, body?: unknown) =>
      fetch(`${session.product.url}${c.scimPath}${path}`, {
        method,
        headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/scim+json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    await page.goto(`/provisioning/${c.id}/activity`);
    const lastCall = page.getByText(/^Last call: /);
    await lastCall.getByText('Last call: Never').waitFor();
    const calls = page.getByRole('table', { name: 'Connector calls' });

    // The identity provider creates a user while the page is open: both views follow.
    const ann = await scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'ann@corp.example', emails: [{ value: 'ann@corp.example', primary: true }], active: true });
    expect(ann.status).toBe(201);
    await expectCount(calls.getByRole('row').filter({ hasText: 'create_user' }), 1, 8000);
    await expectCount(page.getByText('Last call: Never'), 0, 8000);

    // It reads the user, which the app no longer has: a routine 404, listed but not an error of the instance.
    await scim('GET', `/Users/${((await ann.json()) as { id: string }).id}`);
    await expectCount(calls.getByRole('row').filter({ hasText: 'get_user' }), 1, 8000);
    await calls.getByRole('row').filter({ hasText: 'get_user' }).getByText('404', { exact: true }).first().waitFor();
    expect(await page.getByText(/^Last error:/).count()).toBe(0);

    // The app refuses a create: that is the last error, shown without a reload.
    const refused = await scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'bo@refused.example', emails: [{ value: 'bo@refused.example', primary: true }], active: true });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    await page.getByText(/^Last error: POST .* answered 422/).waitFor({ timeout: 8000 });
    await expectCount(calls.getByRole('row').filter({ hasText: '422' }), 1, 8000);
  }, 90_000);
});
