import { describe, expect, it } from '@jest/globals';
import type { Dialog, Page } from 'playwright-core';
import { createThroughApi, expectCount, signUpInBrowser } from './support/browser';
import { drawLogoPng } from './support/logo-png';
import { useProductInBrowser } from './support/product-in-browser';

const leaveDialog = (page: Page) => page.getByRole('dialog', { name: 'Leave without saving?' });

/** Reloads the page, answering any question the browser asks with "leave", and returns the questions' types. */
async function reload(page: Page): Promise<string[]> {
  const asked: string[] = [];
  const onDialog = (dialog: Dialog) => {
    asked.push(dialog.type());
    void dialog.accept();
  };
  page.on('dialog', onDialog);
  try {
    await page.reload();
  } finally {
    page.off('dialog', onDialog);
  }
  return asked;
}

describe('lost work and wrong places in the admin app', () => {
  const session = useProductInBrowser();

  it('keeps the wizard draft across a reload and a detour, and asks before leaving unsaved work', async () => {
    const { page } = session.browser;
    await signUpInBrowser(page, { company: 'Lost Work Co' });
    const nav = page.getByRole('navigation', { name: 'Main' });

    // Start the wizard: a name, a logo and one monitoring.
    await page.getByRole('link', { name: '+ Custom Integration' }).click();
    await page.getByLabel('Integration Name').fill('Payroll Feed');
    await page.getByLabel('Logo file').setInputFiles({ name: 'payroll.png', mimeType: 'image/png', buffer: drawLogoPng() });
    await page.getByRole('img', { name: 'Logo preview' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Search monitorings').fill('admin rights');
    await page.getByRole('checkbox', { name: 'Privileged access is limited' }).click();
    await page.getByText('1 selected').waitFor();

    // The sidebar, the breadcrumb and the back button each ask first, naming the integration.
    await nav.getByRole('link', { name: 'Integrations' }).click();
    await leaveDialog(page).getByText('The integration “Payroll Feed” has not been created yet').waitFor();
    await leaveDialog(page).getByRole('button', { name: 'Stay on this page' }).click();
    await leaveDialog(page).waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/integrations/new');
    await page.getByLabel('Breadcrumb').getByRole('link', { name: 'Integrations' }).click();
    await leaveDialog(page).waitFor();
    await leaveDialog(page).getByRole('button', { name: 'Stay on this page' }).click();
    await page.evaluate(() => history.back());
    await leaveDialog(page).waitFor();
    await leaveDialog(page).getByRole('button', { name: 'Stay on this page' }).click();
    await leaveDialog(page).waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/integrations/new');
    await expect(page.getByRole('checkbox', { name: 'Privileged access is limited' }).isChecked()).resolves.toBe(true);

    // A reload is asked about by the browser, and the draft comes back on the step it was left at.
    await expect(reload(page)).resolves.toEqual(['beforeunload']);
    await page.getByText('Draft restored').waitFor();
    await page.getByText('1 selected').waitFor();
    await page.getByRole('button', { name: /Basic Details/ }).click();
    await expect(page.getByLabel('Integration Name').inputValue()).resolves.toBe('Payroll Feed');
    await page.getByRole('img', { name: 'Logo preview' }).waitFor();
    await page.getByText('payroll.png').waitFor();

    // Leaving anyway keeps the draft for the next visit.
    await nav.getByRole('link', { name: 'Integrations' }).click();
    await leaveDialog(page).getByRole('button', { name: 'Leave without saving' }).click();
    await page.getByRole('heading', { name: 'Integrations', level: 2 }).waitFor();
    await page.getByRole('link', { name: '+ Custom Integration' }).click();
    await page.getByText('Draft restored').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByRole('heading', { name: 'Payroll Feed', level: 2 }).waitFor();
    await page.getByRole('img', { name: 'Payroll Feed logo' }).waitFor();

    // Finished: the draft is gone, and an empty wizard is left without a question.
    await page.getByLabel('Breadcrumb').getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('link', { name: '+ Custom Integration' }).click();
    await page.getByRole('heading', { name: 'New custom integration' }).waitFor();
    await expect(page.getByLabel('Integration Name').inputValue()).resolves.toBe('');
    await expect(page.getByText('Draft restored').count()).resolves.toBe(0);
    await expect(reload(page)).resolves.toEqual([]);
    await nav.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('link', { name: 'Payroll Feed' }).click();

    // The Edit dialog: a changed name is asked about on the back button and on reload.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = page.getByRole('dialog', { name: 'Edit integration' });
    await edit.getByLabel('Integration Name').fill('Payroll Feed v2');
    await page.evaluate(() => history.back());
    await leaveDialog(page).getByText('Your changes to Payroll Feed (name) will be lost.').waitFor();
    await leaveDialog(page).getByRole('button', { name: 'Stay on this page' }).click();
    await leaveDialog(page).waitFor({ state: 'hidden' });
    await expect(edit.getByLabel('Integration Name').inputValue()).resolves.toBe('Payroll Feed v2');
    await expect(reload(page)).resolves.toEqual(['beforeunload']);
    await page.getByRole('heading', { name: 'Payroll Feed', level: 2 }).waitFor();
  });

  it('asks before leaving unsaved connector settings, but not when switching its tabs or after saving', async () => {
    const { page } = session.browser;
    await page.context().clearCookies();
    await signUpInBrowser(page, { company: 'Connector Draft Co' });
    const connector = await createThroughApi(page, '/api/connectors', { name: 'Directory' });
    await page.goto(`/provisioning/${connector.id as string}`);
    await page.getByRole('heading', { name: 'Directory', level: 2 }).waitFor();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Directory West');
    await page.getByRole('switch', { name: /^Treat deactivation as delete/ }).check({ force: true });

    // Its own tabs share the draft: no question.
    await page.getByRole('tab', { name: /Mappings/ }).click();
    await page.waitForURL(/\/mappings$/);
    await expect(leaveDialog(page).count()).resolves.toBe(0);

    await page.getByLabel('Breadcrumb').getByRole('link', { name: 'Provisioning' }).click();
    await leaveDialog(page).getByText('Your unsaved changes to Directory (name, deactivation setting) will be lost.').waitFor();
    await leaveDialog(page).getByRole('button', { name: 'Stay on this page' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
    await leaveDialog(page).waitFor();
    await leaveDialog(page).getByRole('button', { name: 'Stay on this page' }).click();
    await leaveDialog(page).waitFor({ state: 'hidden' });
    await expect(reload(page)).resolves.toEqual(['beforeunload']);
    // The reload dropped the edits (they were never saved).
    await page.getByRole('heading', { name: 'Directory', level: 2 }).waitFor();

    // Saved changes leave freely.
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Directory East');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved').waitFor();
    await page.getByLabel('Breadcrumb').getByRole('link', { name: 'Provisioning' }).click();
    await page.waitForURL(/\/provisioning$/);
    await expect(leaveDialog(page).count()).resolves.toBe(0);
  });

  it('opens the new integration at the top of its page after Finish', async () => {
    const { page } = session.browser;
    await page.context().clearCookies();
    await signUpInBrowser(page, { company: 'Scroll Co' });
    await page.goto('/integrations/new');
    await page.getByLabel('Integration Name').fill('Long Review');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('navigation', { name: 'Monitoring categories' }).getByRole('button', { name: /^HR/ }).click();
    await page.getByRole('checkbox', { name: 'Employee onboarding and offboarding' }).click();
    await page.getByRole('navigation', { name: 'Monitoring categories' }).getByRole('button', { name: /^All categories/ }).click();
    await page.getByLabel('Search monitorings').fill('admin rights');
    await page.getByRole('checkbox', { name: 'Privileged access is limited' }).click();
    await page.getByText('2 selected').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    // Both schemas open: the Review step is longer than the window, and Finish is at its bottom.
    await page.getByRole('button', { name: 'Employee records schema (list_employees)' }).click();
    await page.getByRole('table', { name: 'Fields of list_employees' }).waitFor();
    await page.getByRole('button', { name: 'User access records schema (list_users)' }).click();
    await page.getByRole('table', { name: 'Fields of list_users' }).waitFor();
    await page.getByRole('button', { name: 'Finish' }).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByRole('heading', { name: 'Long Review', level: 2 }).waitFor();
    // Both endpoints listed: the page is long enough to have kept the wizard's scroll position.
    await page.getByText('list_users', { exact: true }).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeGreaterThan(200);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect(page.getByRole('heading', { name: 'Long Review', level: 2 }).isVisible()).resolves.toBe(true);
  });

  it('returns to the deep link after sign-in, and never to another site', async () => {
    const { page } = session.browser;
    await page.context().clearCookies();
    await signUpInBrowser(page, { company: 'Deep Link Co' });
    const integration = await createThroughApi(page, '/api/integrations', { name: 'Deep Link HR', monitoringIds: ['employee_onboarding_offboarding'] });
    const me = await (await page.request.get('/api/auth/me')).json();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Gatehouse' }).waitFor();

    const signIn = async () => {
      await page.getByRole('heading', { name: 'Sign in to Gatehouse' }).waitFor();
      await page.getByLabel('Email').fill(me.user.email);
      await page.getByLabel(/^Password/).fill('correct horse battery staple');
      await page.getByRole('button', { name: 'Sign in' }).click();
    };

    // Signed out, a link to the integration's Monitoring tab goes to sign-in, then back to it.
    await page.goto(`/integrations/${integration.id as string}/monitoring`);
    await signIn();
    await page.getByRole('heading', { name: 'Deep Link HR', level: 2 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/integrations/${integration.id as string}/monitoring`);
    await expect(page.getByRole('tab', { name: 'Monitoring' }).getAttribute('aria-selected')).resolves.toBe('true');

    // A sign-in link naming another site lands on the home page instead.
    for (const next of ['https://evil.example/steal', '//evil.example/steal', '/\\evil.example']) {
      await page.context().clearCookies();
      await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
      await signIn();
      await page.getByRole('heading', { name: 'Integrations', level: 2 }).waitFor();
      expect(page.url()).toBe(`${session.product.url}/integrations`);
    }
  });

  it('shows a not-found page for an unknown settings tab or page', async () => {
    const { page } = session.browser;
    await page.context().clearCookies();
    await signUpInBrowser(page, { company: 'Not Found Co' });
    await page.goto('/settings/company/nonsense');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByText('Company Settings has no “nonsense” tab.').waitFor();
    await expect(page.getByRole('tab').count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Go to Company Settings' }).click();
    await page.getByRole('tab', { name: 'General', selected: true }).waitFor();

    // Known tabs still open.
    await page.goto('/settings/company/api-keys');
    await page.getByRole('tab', { name: 'API Keys', selected: true }).waitFor();

    await page.goto('/settings/nonsense');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByText('There is no page at /settings/nonsense.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings/nonsense');

    // An unknown tab of an integration or of a provisioning instance says so too, instead of opening the first tab.
    const integration = await createThroughApi(page, '/api/integrations', { name: 'Tabs Checked', monitoringIds: ['employee_onboarding_offboarding'] });
    await page.goto(`/integrations/${integration.id as string}/nonsense`);
    await page.getByText('An integration has no “nonsense” tab.').waitFor();
    await page.getByRole('link', { name: 'Go to the integration' }).click();
    await page.getByRole('heading', { name: 'Tabs Checked', level: 2 }).waitFor();
    const connector = await createThroughApi(page, '/api/connectors', { name: 'Tabs instance', type: 'custom_http', enabled: false });
    await page.goto(`/provisioning/${connector.id as string}/nonsense`);
    await page.getByText('A provisioning instance has no “nonsense” tab.').waitFor();
    await page.goto(`/provisioning/${connector.id as string}/activity`);
    await page.getByRole('heading', { name: 'Tabs instance', level: 2 }).waitFor();
  });

  it('replaces and removes the logo of an existing integration from its Edit dialog', async () => {
    const { page } = session.browser;
    await page.context().clearCookies();
    await signUpInBrowser(page, { company: 'Logo Co' });
    const integration = await createThroughApi(page, '/api/integrations', { name: 'Logo Later', monitoringIds: ['employee_onboarding_offboarding'] });
    await page.goto(`/integrations/${integration.id as string}`);
    await page.getByRole('heading', { name: 'Logo Later', level: 2 }).waitFor();
    const headerLogo = page.getByRole('img', { name: 'Logo Later logo' });
    await expect(headerLogo.count()).resolves.toBe(0);

    // Add one.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    let edit = page.getByRole('dialog', { name: 'Edit integration' });
    await edit.getByLabel('Logo file').setInputFiles({ name: 'first.png', mimeType: 'image/png', buffer: drawLogoPng(48) });
    await edit.getByRole('img', { name: 'Logo preview' }).waitFor();
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    await headerLogo.waitFor();
    const firstSrc = await headerLogo.getAttribute('src');
    expect(firstSrc).toMatch(/\/logo\?v=/);

    // A file that is not an image, whatever its name says, is refused at the field and the dialog stays.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    edit = page.getByRole('dialog', { name: 'Edit integration' });
    await edit.getByRole('img', { name: 'Current logo' }).waitFor();
    await edit.getByLabel('Logo file').setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>') });
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByText(/SVG/).waitFor();
    await expect(edit.isVisible()).resolves.toBe(true);

    // Replace it with another image: a new version of the logo is shown.
    await edit.getByRole('button', { name: 'Remove logo' }).click();
    await edit.getByLabel('Logo file').setInputFiles({ name: 'second.png', mimeType: 'image/png', buffer: drawLogoPng(64) });
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    await page.waitForFunction((before) => document.querySelector('img[alt="Logo Later logo"]')?.getAttribute('src') !== before, firstSrc);
    await headerLogo.waitFor();

    // Remove it: the initials are back, also after a reload.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    edit = page.getByRole('dialog', { name: 'Edit integration' });
    await edit.getByRole('button', { name: 'Remove logo' }).click();
    await edit.getByText('The logo is removed when you save').waitFor();
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    await expectCount(headerLogo, 0);
    await page.reload();
    await page.getByRole('heading', { name: 'Logo Later', level: 2 }).waitFor();
    await expect(headerLogo.count()).resolves.toBe(0);
    expect((await page.request.get(`/api/integrations/${integration.id as string}/logo`)).status()).toBe(404);
  });
});
