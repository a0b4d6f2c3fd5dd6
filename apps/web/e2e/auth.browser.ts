import { describe, expect, it } from '@jest/globals';
import { signUpInBrowser } from './support/browser';
import { removeDir, startProduct } from './support/product';
import { useProductInBrowser } from './support/product-in-browser';

describe('sign-up, shell, sign-out and sign-in in the browser', () => {
  const session = useProductInBrowser();

  it('signs up, shows the shell, signs out and signs back in', async () => {
    const { page } = session.browser;
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in to Gatehouse' }).waitFor();

    const account = await signUpInBrowser(page, { company: 'Shell Test Co' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Integrations' }).isVisible()).resolves.toBe(true);
    await expect(nav.getByRole('link', { name: 'Provisioning' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('Shell Test Co').isVisible()).resolves.toBe(true);

    await nav.getByRole('group', { name: 'Settings' }).getByRole('link', { name: 'Company Settings' }).click();
    await page.getByRole('heading', { name: 'Company Settings' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Gatehouse' }).waitFor();
    await page.goto('/integrations');
    await page.getByRole('heading', { name: 'Sign in to Gatehouse' }).waitFor();

    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel(/^Password/).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Email or password is incorrect.').waitFor();

    await page.getByLabel(/^Password/).fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Integrations', level: 2 }).waitFor();
    expect(page.url()).toBe(`${session.product.url}/integrations`);
  });

  it('is served with a strict Content-Security-Policy and renders under it', async () => {
    const { page } = session.browser;
    await page.context().clearCookies();
    const res = await page.goto('/sign-up');
    const csp = res!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'unsafe-eval';");
    expect(csp).not.toContain('unsafe-inline');
    await page.getByRole('button', { name: 'Create account' }).waitFor();
    // Mantine's styles applied (its <style> carries the nonce): the button is styled, not a bare one.
    const radius = await page.getByRole('button', { name: 'Create account' }).evaluate((el) => getComputedStyle(el).borderTopLeftRadius);
    expect(radius).not.toBe('0px');
    const inlineAllowed = await page.evaluate(() => document.querySelectorAll('style:not([nonce])').length);
    expect(inlineAllowed).toBe(0);
  });

  it('shows every sign-up problem at its field', async () => {
    const { page } = session.browser;
    await page.context().clearCookies();
    await page.goto('/sign-up');
    await page.getByLabel('Work email').fill('not-an-email');
    await page.getByLabel(/^Password/).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Work email must be a valid email address', { exact: false }).waitFor();
    await page.getByText('Password must be at least 12 characters').waitFor();
    await page.getByText('Company name is required').waitFor();
  });
});

describe('the embedded database keeps data across restarts', () => {
  it('an account created before a restart can sign in after it', async () => {
    const first = await startProduct();
    const email = `restart${Date.now()}@example.com`;
    try {
      const res = await fetch(`${first.url}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ companyName: 'Restart Co', name: 'R', email, password: 'correct horse battery staple' }),
      });
      expect(res.status).toBe(201);
    } finally {
      await first.stop();
    }
    const second = await startProduct({ dataDir: first.dataDir });
    try {
      const res = await fetch(`${second.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'correct horse battery staple' }),
      });
      expect(res.status).toBe(200);
      expect((await res.json()).company.name).toBe('Restart Co');
    } finally {
      await second.stop();
      removeDir(first.dataDir);
    }
  });
});
