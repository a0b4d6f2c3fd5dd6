import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectCount, signUpInBrowser } from './support/browser';
import { DOCUMENTED_EMPLOYEES_BODY } from './support/fixtures';
import { drawLogoPng } from './support/logo-png';
import { removeDir } from './support/product';
import { useProductInBrowser } from './support/product-in-browser';

const EMPLOYEES_BODY = DOCUMENTED_EMPLOYEES_BODY;

/** A full-page screenshot taken from the top, so the fixed header is drawn where it belongs. */
async function fullPageShot(page: Page, path: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
}

describe('custom integrations in the browser', () => {
  const session = useProductInBrowser();
  let files: string;
  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'gatehouse-int-files-'));
  });
  afterAll(async () => {
    removeDir(files);
  });

  it('creates an integration with the wizard, validates files, edits its monitorings and finds it on the Connected tab', async () => {
    const { page } = session.browser;
    await signUpInBrowser(page, { company: 'Integrations Co' });
    await page.getByText('No integrations yet').waitFor();
    await page.screenshot({ path: '/tmp/int-empty.png', animations: 'disabled' });

    // Step 1: Basic Details. Next without a name says why it cannot go on.
    await page.getByRole('link', { name: '+ Custom Integration' }).click();
    await page.getByRole('heading', { name: 'New custom integration' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Integration Name is required').waitFor();
    await page.getByLabel('Integration Name').fill('HR Sync Draft');
    await page.getByLabel('Integration Description').fill('Employees and user accounts from our in-house HR system.');
    await page.getByLabel('Logo file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: drawLogoPng() });
    await page.getByRole('img', { name: 'Logo preview' }).waitFor();
    await fullPageShot(page, '/tmp/int-wizard-1-details.png');
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 2: Select Monitorings. Next stays disabled until one is picked.
    await page.getByRole('navigation', { name: 'Monitoring categories' }).waitFor();
    await expect(page.getByRole('button', { name: 'Next' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('navigation', { name: 'Monitoring categories' }).getByRole('button', { name: /^HR/ }).click();
    await page.getByRole('checkbox', { name: 'Employee onboarding and offboarding' }).click();
    await page.getByRole('navigation', { name: 'Monitoring categories' }).getByRole('button', { name: /^All categories/ }).click();
    await page.getByLabel('Search monitorings').fill('admin rights');
    await page.getByRole('checkbox', { name: 'Privileged access is limited' }).click();
    await page.getByText('2 selected').waitFor();
    await page.getByLabel('Search monitorings').fill('');
    await fullPageShot(page, '/tmp/int-wizard-2-monitorings.png');

    // Back to Basic Details through the stepper: what was entered is still there.
    await page.getByRole('button', { name: /Basic Details/ }).click();
    await expect(page.getByLabel('Integration Name').inputValue()).resolves.toBe('HR Sync Draft');
    await page.getByRole('img', { name: 'Logo preview' }).waitFor();
    await page.getByLabel('Integration Name').fill('In-house HR System');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('2 selected').waitFor();
    await expect(page.getByRole('checkbox', { name: 'Employee onboarding and offboarding' }).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 3: Review shows both schemas.
    const employeesSchema = page.getByRole('button', { name: 'Employee records schema (list_employees)' });
    const usersSchema = page.getByRole('button', { name: 'User access records schema (list_users)' });
    await employeesSchema.click();
    await page.getByRole('table', { name: 'Fields of list_employees' }).getByText('hiring_date').waitFor();
    await usersSchema.click();
    await page.getByRole('table', { name: 'Fields of list_users' }).getByText('account_project_id').waitFor();
    await fullPageShot(page, '/tmp/int-wizard-3-review.png');
    await page.getByRole('button', { name: 'Finish' }).click();

    // Details page with both endpoints.
    await page.getByRole('heading', { name: 'In-house HR System', level: 2 }).waitFor();
    const id = /\/integrations\/([^/]+)$/.exec(page.url())?.[1];
    expect(id).toBeTruthy();
    await page.getByText(`/external/v2/integration/${id}/context/list_employees`, { exact: false }).first().waitFor();
    await page.getByText(`/external/v2/integration/${id}/context/list_users`, { exact: false }).first().waitFor();
    await expect(page.getByRole('img', { name: 'In-house HR System logo' }).first().isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Copy endpoint for list_employees' }).click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toMatch(new RegExp(`/external/v2/integration/${id}/context/list_employees$`));
    await fullPageShot(page, '/tmp/int-details-overview.png');

    // Validate: the documented example is valid; a broken one lists its problems.
    const validFile = join(files, 'employees.json');
    writeFileSync(validFile, JSON.stringify(EMPLOYEES_BODY, null, 2));
    const broken = structuredClone(EMPLOYEES_BODY);
    broken.data[0]!.email = 'not-an-email';
    delete (broken.data[2] as { id?: string }).id;
    const invalidFile = join(files, 'employees-broken.json');
    writeFileSync(invalidFile, JSON.stringify(broken));

    await page.getByRole('button', { name: 'Validate list_employees data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Validate Employee records' });
    await dialog.getByRole('button', { name: 'Upload to Validate' }).waitFor();
    await dialog.locator('input[type="file"]').setInputFiles(validFile);
    await dialog.getByText('valid: 3 records').waitFor();
    await page.screenshot({ path: '/tmp/int-validate-valid.png', animations: 'disabled' });

    await dialog.locator('input[type="file"]').setInputFiles(invalidFile);
    const problems = dialog.getByRole('table', { name: 'Validation problems' });
    await problems.waitFor();
    const rows = await problems.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['1', 'email', expect.stringMatching(/email/)],
      ['3', 'id', expect.stringMatching(/required/)],
    ]);
    await dialog.getByText('2 problems found in 2 records.').waitFor();
    await page.screenshot({ path: '/tmp/int-validate-errors.png', animations: 'disabled' });

    // A file over the push limit (50 MB by default) is not "valid", whatever its records hold:
    // the push would refuse it unread. (Sparse: the browser refuses it by its size alone.)
    const hugeFile = join(files, 'employees-huge.json');
    writeFileSync(hugeFile, '');
    truncateSync(hugeFile, Math.round(68.8 * 1024 * 1024));
    await dialog.locator('input[type="file"]').setInputFiles(hugeFile);
    await dialog.getByText('"employees-huge.json" cannot be pushed. The file is 69 MB, over the push limit of 50 MB', { exact: false }).waitFor();
    await dialog.getByText('cannot be sent in parts', { exact: false }).waitFor();
    await expectCount(dialog.getByText(/is valid/), 0);
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await dialog.waitFor({ state: 'hidden' });

    // Monitoring tab: details of a monitoring, then remove one from the selection.
    await page.getByRole('tab', { name: 'Monitoring', exact: true }).click();
    await page.getByRole('button', { name: 'Privileged access is limited: view details' }).waitFor();
    await page.screenshot({ path: '/tmp/int-monitoring-tab.png', animations: 'disabled' });
    await page.getByRole('button', { name: 'Privileged access is limited: view details' }).click();
    const details = page.getByRole('dialog', { name: 'Privileged access is limited' });
    await details.getByText('Identity & Access').waitFor();
    await details.getByText('list_users').waitFor();
    await details.getByRole('button', { name: /User access records/ }).click();
    await details.getByRole('table', { name: 'Fields of list_users' }).waitFor();
    await page.screenshot({ path: '/tmp/int-monitoring-details.png', animations: 'disabled' });
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });

    // list_users already holds pushed data: removing the monitoring that needs it asks first.
    const csrf = (await page.context().cookies()).find((c) => c.name === 'gh_csrf')!.value;
    const made = await page.request.post('/api/api-keys', { data: { name: 'HR sync', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }, headers: { 'x-csrf-token': csrf } });
    const { key } = (await made.json()) as { key: string };
    const pushUsers = () =>
      fetch(`${session.product.url}/external/v2/integration/${id}/context/list_users`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ data: ['ada', 'grace'].map((u) => ({ account_project_id: 'acme', username: u, identifier: `user/${u}` })) }),
      });
    expect((await pushUsers()).status).toBe(200);

    await page.getByRole('button', { name: 'Edit Monitoring' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Monitoring' });
    await edit.getByText('2 selected').waitFor();
    await edit.getByRole('checkbox', { name: 'Privileged access is limited' }).click();
    await edit.getByText('1 selected').waitFor();
    await page.screenshot({ path: '/tmp/int-edit-monitoring.png', animations: 'disabled' });
    await edit.getByRole('button', { name: 'Save' }).click();
    const ask = edit.getByRole('alertdialog', { name: 'Remove endpoints that hold data?' });
    await ask.getByText(/list_users/).waitFor();
    await ask.getByText(/2 records now, last push/).waitFor();
    await ask.getByText(/The data is kept/).waitFor();
    await page.screenshot({ path: '/tmp/int-edit-monitoring-confirm.png', animations: 'disabled' });
    // Going back changes nothing: the endpoint still takes pushes.
    await ask.getByRole('button', { name: 'Back to the selection' }).click();
    await edit.getByText('1 selected').waitFor();
    expect((await pushUsers()).status).toBe(200);
    await edit.getByRole('button', { name: 'Save' }).click();
    await ask.getByRole('button', { name: 'Remove and keep the data' }).click();
    await edit.waitFor({ state: 'hidden' });
    expect((await pushUsers()).status).toBe(404);

    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByText(`/external/v2/integration/${id}/context/list_employees`, { exact: false }).first().waitFor();
    await expectCount(page.getByText(`/context/list_users`, { exact: false }), 0);

    await page.getByRole('tab', { name: 'JSON Sample' }).click();
    await page.getByRole('region', { name: 'Sample request body for list_employees' }).waitFor();
    await page.getByText(id!, { exact: true }).first().waitFor();
    await fullPageShot(page, '/tmp/int-details-json-sample.png');

    // Connected tab: the card, found by name and by the Custom Integrations category.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('tab', { name: 'Connected' }).waitFor();
    const card = page.getByRole('link', { name: 'In-house HR System' });
    await card.waitFor();
    await expect(card.getByText('1 monitoring').isVisible()).resolves.toBe(true);
    await page.getByLabel('Search integrations').fill('nothing like it');
    await page.getByText('No integrations match').waitFor();
    await page.getByLabel('Search integrations').fill('in-house');
    await card.waitFor();
    await page.getByLabel('Search integrations').fill('');
    await page.getByRole('combobox', { name: 'Category' }).click();
    await page.getByRole('option', { name: 'Custom Integrations' }).click();
    await card.waitFor();
    await fullPageShot(page, '/tmp/int-connected.png');
    await card.click();
    await page.getByRole('heading', { name: 'In-house HR System', level: 2 }).waitFor();

    // Edit the name, then delete the integration.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const editDialog = page.getByRole('dialog', { name: 'Edit integration' });
    await editDialog.getByLabel('Integration Name').fill('People System');
    await editDialog.getByRole('button', { name: 'Save' }).click();
    await editDialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: 'People System', level: 2 }).waitFor();

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete integration' });
    await confirm.getByText('endpoint stops accepting data').waitFor();
    await confirm.getByRole('button', { name: 'Delete integration' }).click();
    await page.getByText('No integrations yet').waitFor();
    expect(page.url()).toBe(`${session.product.url}/integrations`);
  });
});
