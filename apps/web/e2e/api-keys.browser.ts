import { describe, expect, it } from '@jest/globals';
import { expectCount, signUpInBrowser } from './support/browser';
import { useProductInBrowser } from './support/product-in-browser';

describe('Settings › Company Settings › API Keys in the browser', () => {
  const session = useProductInBrowser();

  const whoami = (key: string) => fetch(`${session.product.url}/external/v2/whoami`, { headers: { 'x-api-key': key } });

  it('creates a key shown once, which works until it is revoked', async () => {
    const { page } = session.browser;
    await signUpInBrowser(page, { company: 'Keys Browser Co' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('group', { name: 'Settings' }).getByRole('link', { name: 'Company Settings' }).click();
    await page.getByRole('tab', { name: 'API Keys' }).click();
    await page.waitForURL('**/settings/company/api-keys');

    // Empty state: what keys are for, and the way to make one.
    await page.getByRole('heading', { name: 'No API keys yet' }).waitFor();
    await page.getByText(/authenticate to Gatehouse's evidence ingest endpoints/).waitFor();
    await page.getByRole('button', { name: 'Create new API Key' }).click();

    const form = page.getByRole('dialog', { name: 'Create new API Key' });
    await form.waitFor();
    await expect(form.getByLabel('Key Name').getAttribute('placeholder')).resolves.toBe('e.g. Production Integration');
    await form.getByRole('button', { name: 'Create API Key' }).click();
    await form.getByText('Key Name is required').waitFor();
    await form.getByLabel('Key Name').fill('Production Integration');
    await form.getByRole('combobox', { name: 'Expires On' }).click();
    await page.getByRole('option', { name: 'Custom date' }).click();
    await form.getByRole('button', { name: 'Create API Key' }).click();
    await form.getByText('Choose an expiry date').waitFor();
    await form.getByRole('combobox', { name: 'Expires On' }).click();
    await page.getByRole('option', { name: '1 year' }).click();
    await form.getByText(/The key stops working on/).waitFor();
    await form.getByRole('button', { name: 'Create API Key' }).click();

    // The key, once: hidden until the eye toggle, copied with the copy button.
    const created = page.getByRole('dialog', { name: 'API key created' });
    await created
      .getByText("Copy and securely store your API key immediately. You won't be able to view it again after closing this dialog. If you lose your key, you'll need to create a new one.")
      .waitFor();
    // Escape before the key was copied does not throw it away: it asks, and Escape again goes back.
    await page.keyboard.press('Escape');
    const question = created.getByRole('alertdialog', { name: 'Have you copied the key?' });
    await question.getByText(/if you lose it, you'll need to create a new one/).waitFor();
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'hidden' });
    await created.getByRole('button', { name: 'Done' }).click();
    await question.getByRole('button', { name: 'Back to the key' }).click();
    await question.waitFor({ state: 'hidden' });
    const field = created.getByLabel('API key', { exact: true });
    await expect(field.getAttribute('type')).resolves.toBe('password');
    await expect(field.getAttribute('readonly')).resolves.not.toBeNull();
    await created.getByRole('button', { name: 'Show API key' }).click();
    await expect(field.getAttribute('type')).resolves.toBe('text');
    await created.getByRole('button', { name: 'Hide API key' }).waitFor();
    const key = await field.inputValue();
    expect(key).toMatch(/^ghk_[A-Za-z0-9_-]{49}$/);
    await created.getByRole('button', { name: 'Copy API key' }).click();
    await created.getByRole('button', { name: 'Copy API key' }).getByText('Copied').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(key);
    await page.screenshot({ path: '/tmp/api-keys-created.png' });
    // Copied: Escape now closes at once.
    await page.keyboard.press('Escape');
    await created.waitFor({ state: 'hidden' });

    const row = page.getByRole('row', { name: /Production Integration/ });
    await row.getByText('Active').waitFor();
    await row.getByText(`${key.slice(0, 12)}…`).waitFor();
    await row.getByText('Never').waitFor();

    // Closing the dialog lost the key: opening it again starts a new, empty form.
    await page.getByRole('button', { name: 'Create new API Key' }).click();
    await expect(page.getByRole('dialog', { name: 'Create new API Key' }).getByLabel('Key Name').inputValue()).resolves.toBe('');
    await expectCount(page.getByText(key), 0);
    await page.getByRole('dialog', { name: 'Create new API Key' }).getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    const before = await whoami(key);
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ keyName: 'Production Integration', company: { name: 'Keys Browser Co' } });

    // Revoke, confirmed in a dialog; the row turns revoked without a reload.
    await page.getByRole('button', { name: 'Revoke Production Integration' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke API key' });
    await confirm.getByText('Requests using this key will be rejected immediately.', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Revoke API Key' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByText('API key revoked').waitFor();
    await row.getByText('Revoked').waitFor();
    await expectCount(page.getByRole('button', { name: 'Revoke Production Integration' }), 0);

    const after = await whoami(key);
    expect(after.status).toBe(401);
  });

  it('lists a key with a picked expiry date beside the revoked one', async () => {
    const { page } = session.browser;
    await page.getByRole('button', { name: 'Create new API Key' }).click();
    const form = page.getByRole('dialog', { name: 'Create new API Key' });
    await form.getByLabel('Key Name').fill('Staging HR sync');
    await form.getByRole('combobox', { name: 'Expires On' }).click();
    await page.getByRole('option', { name: 'Custom date' }).click();
    await form.getByRole('button', { name: /^Expiry date/ }).click();
    await page.getByRole('button', { name: 'Next month' }).click();
    const day = new Date();
    day.setDate(1);
    day.setMonth(day.getMonth() + 1);
    day.setDate(15);
    const dayLabel = `15 ${day.toLocaleString('en-US', { month: 'long' })} ${day.getFullYear()}`;
    await page.getByRole('button', { name: dayLabel }).click();
    await form.getByRole('button', { name: 'Create API Key' }).click();
    const created = page.getByRole('dialog', { name: 'API key created' });
    const key = await created.getByLabel('API key', { exact: true }).inputValue();
    // Not copied: closing asks first, and the admin may close anyway.
    await created.getByRole('button', { name: 'Close' }).click();
    await created.getByRole('alertdialog', { name: 'Have you copied the key?' }).getByRole('button', { name: 'Close without copying' }).click();
    await created.waitFor({ state: 'hidden' });

    const row = page.getByRole('row', { name: /Staging HR sync/ });
    await row.getByText('Active').waitFor();
    await row.getByText(`${day.toLocaleString('en-US', { month: 'short' })} 15, ${day.getFullYear()}`).waitFor();
    const res = await whoami(key);
    expect(res.status).toBe(200);
    expect(new Date((await res.json()).expiresAt).getTime()).toBe(new Date(day.getFullYear(), day.getMonth(), 15, 23, 59, 59, 999).getTime());

    await page.getByRole('row', { name: /Production Integration/ }).getByText('Revoked').waitFor();
    await page.getByText('API key revoked').waitFor({ state: 'hidden', timeout: 10_000 });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: '/tmp/api-keys.png', fullPage: true });
  });
});
