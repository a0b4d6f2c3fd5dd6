import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { expectCount, signUpInBrowser } from './support/browser';
import { createEchoConnector, pickSegment, useEchoingApp } from './support/connector-setup';
import { useProductInBrowser } from './support/product-in-browser';

const APP_KEY = 'app-key-on-demand-8e2f4a';

/** Replaces the whole text of a field the way a person pasting would. */
async function replaceText(page: Page, label: string, text: string) {
  const field = page.getByLabel(label);
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

describe('Provisioning › provision on demand in the browser', () => {
  const session = useProductInBrowser();
  const echo = useEchoingApp();

  it('creates a typed user, updates a picked one, and shows a refusal, each with its calls and SCIM answer, all in the call log', async () => {
    const { page } = session.browser;
    const { app } = echo;
    await signUpInBrowser(page, { company: 'On Demand Co' });
    const c = await createEchoConnector(page, app.url, 'Payroll app', APP_KEY);
    await page.goto(`/provisioning/${c.id}/activity`);
    await page.getByText('No calls yet.', { exact: false }).waitFor();

    // A typed SCIM user with a new userName: created, as the identity provider's POST /Users would.
    await page.getByRole('button', { name: 'Provision on demand' }).click();
    const dialog = page.getByRole('dialog', { name: 'Provision on demand' });
    await pickSegment(page, 'User to provision', 'Type a SCIM user');
    await replaceText(
      page,
      'SCIM user (JSON)',
      JSON.stringify({ userName: 'dana@corp.example', displayName: 'Dana Cruz', emails: [{ value: 'dana@corp.example', primary: true }], active: true }),
    );
    await dialog.getByRole('button', { name: 'Run provisioning' }).click();
    const result = dialog.getByRole('region', { name: 'Provisioning result' });
    await result.getByText('POST /Users').waitFor();
    await result.getByText('Succeeded').waitFor();
    expect(await result.getByLabel('SCIM answer').textContent()).toContain('"userName": "dana@corp.example"');
    await result.getByText('Calls to the app (1)').waitFor();
    await result.getByRole('button', { name: /create_user/ }).click();
    const call = result.getByRole('region', { name: 'Call create_user' });
    expect(await call.getByLabel('Request body').textContent()).toContain('"email": "dana@corp.example"');
    expect(await call.getByLabel('Response body').textContent()).toContain('"receivedKey": "••••••"');
    expect((await dialog.textContent()) ?? '').not.toContain(APP_KEY);
    expect(app.seen.map((r) => [r.method, r.url])).toEqual([['POST', '/v1/users']]);
    await page.screenshot({ path: '/tmp/provision-on-demand-create.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Close provision on demand' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Nothing hidden: the call is in the log, and the user in "Provisioned users".
    const calls = page.getByRole('table', { name: 'Connector calls' });
    await expectCount(calls.getByRole('row'), 2);
    const users = page.getByRole('table', { name: 'Provisioned users' });
    await users.getByText('dana@corp.example').waitFor();

    // A stored user picked from the list, changed in the typed form: updated (PUT /Users/{id} → update_user).
    await users.getByRole('button', { name: 'Provision dana@corp.example on demand' }).click();
    await expect(dialog.getByRole('combobox', { name: 'Provisioned user' }).inputValue()).resolves.toBe('dana@corp.example');
    await dialog.getByRole('button', { name: 'Run provisioning' }).click();
    await result.getByText('PUT /Users/{id}').waitFor();
    // Nothing changed since the identity provider's last word: nothing is sent.
    await result.getByText('Calls to the app (0)').waitFor();
    await pickSegment(page, 'User to provision', 'Type a SCIM user');
    await replaceText(
      page,
      'SCIM user (JSON)',
      JSON.stringify({ userName: 'dana@corp.example', displayName: 'Dana Cruz-Lee', emails: [{ value: 'dana@corp.example', primary: true }], active: true }),
    );
    await dialog.getByRole('button', { name: 'Run provisioning' }).click();
    await result.getByText('Calls to the app (1)').waitFor();
    await result.getByRole('button', { name: /update_user/ }).waitFor();
    expect(app.seen.map((r) => r.method)).toEqual(['POST', 'PATCH']);
    expect(app.seen[1]!.body).toContain('Dana Cruz-Lee');

    // The app refuses: the SCIM error the identity provider would get, and the failed call.
    await replaceText(
      page,
      'SCIM user (JSON)',
      JSON.stringify({ userName: 'eli@refused.example', emails: [{ value: 'eli@refused.example', primary: true }], active: true }),
    );
    await dialog.getByRole('button', { name: 'Run provisioning' }).click();
    await result.getByText('Failed').waitFor();
    expect(await result.getByLabel('SCIM answer').textContent()).toContain('email domain not allowed');
    await result.getByRole('button', { name: /create_user/ }).waitFor();
    await result.getByText('422').first().waitFor();

    // A typo in the JSON is caught before anything is sent.
    const before = app.seen.length;
    await replaceText(page, 'SCIM user (JSON)', '{"userName": ');
    await dialog.getByRole('button', { name: 'Run provisioning' }).click();
    await dialog.getByText(/Line 1, column/).waitFor();
    expect(app.seen.length).toBe(before);
  });
});
