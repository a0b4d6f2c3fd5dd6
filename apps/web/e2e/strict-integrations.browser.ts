import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { createThroughApi, expectCount, signUpInBrowser } from './support/browser';
import { DOCUMENTED_EMPLOYEES_BODY } from './support/fixtures';
import { removeDir } from './support/product';
import { useProductInBrowser } from './support/product-in-browser';

/** Body rows of a table, each as its cells' text. */
const rowsOf = (table: Locator) => table.locator('tbody > tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => (td.textContent ?? '').trim())));

// The documented example with one typo: the second record (data[1]) says employe_name, so employee_name is missing.
const MISSPELT_BODY = structuredClone(DOCUMENTED_EMPLOYEES_BODY);
const { employee_name: name, ...rest } = MISSPELT_BODY.data[1]!;
MISSPELT_BODY.data[1] = { ...rest, employe_name: name };

describe('strict integrations in the browser', () => {
  const session = useProductInBrowser();
  let files: string;
  beforeAll(() => {
    files = mkdtempSync(join(tmpdir(), 'gatehouse-strict-files-'));
  });
  afterAll(() => {
    removeDir(files);
  });

  it('warns about a misspelt property while off; once Strict is turned on in the Edit dialog, Validate and the push refuse it', async () => {
    const { page } = session.browser;
    await signUpInBrowser(page, { company: 'Strict Co' });
    const post = (path: string, data: unknown) => createThroughApi(page, path, data);
    const integration = await post('/api/integrations', { name: 'In-house HR System', monitoringIds: ['employee_onboarding_offboarding'] });
    expect(integration.strict).toBe(false);
    const { key } = await post('/api/api-keys', { name: 'HR sync', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    const push = () =>
      fetch(`${session.product.url}/external/v2/integration/${integration.id}/context/list_employees`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-api-key': key },
        body: JSON.stringify(MISSPELT_BODY),
      });
    const file = join(files, 'employees-misspelt.json');
    writeFileSync(file, JSON.stringify(MISSPELT_BODY, null, 2));
    const dialog = page.getByRole('dialog', { name: 'Validate Employee records' });
    const validate = async () => {
      await page.getByRole('button', { name: 'Validate list_employees data' }).click();
      await dialog.getByRole('button', { name: 'Upload to Validate' }).waitFor();
      await dialog.locator('input[type="file"]').setInputFiles(file);
    };
    const closeValidate = async () => {
      await dialog.getByRole('button', { name: 'Close' }).last().click();
      await dialog.waitFor({ state: 'hidden' });
    };

    // Off (the default): the file is valid, the typo a warning with the intended name.
    await page.goto(`/integrations/${integration.id}`);
    await page.getByRole('heading', { name: 'In-house HR System', level: 2 }).waitFor();
    await page.getByText('Strict: off', { exact: true }).waitFor();
    await validate();
    await dialog.getByText('Properties the schema does not define are reported as warnings; the push accepts them.', { exact: false }).waitFor();
    await dialog.getByText('employees-misspelt.json is valid').waitFor();
    const warnings = dialog.getByRole('table', { name: 'Validation warnings' });
    await warnings.waitFor();
    expect(await rowsOf(warnings)).toEqual([['2', 'employe_name', 'is not in the schema; did you mean `employee_name`?']]);
    await page.screenshot({ path: '/tmp/strict-off-validate.png', animations: 'disabled' });
    await closeValidate();
    const accepted = await push();
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ accepted: 3, warningCount: 1, warnings: [{ index: 1, path: 'employe_name' }] });

    // Turn Strict on in the Edit dialog.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = page.getByRole('dialog', { name: 'Edit integration' });
    const toggle = edit.getByRole('switch', { name: 'Strict' });
    await edit.getByText('Refuse records with properties the schema does not define. When off, they are accepted and reported as warnings.').waitFor();
    await expect(toggle.isChecked()).resolves.toBe(false);
    await toggle.check();
    await page.screenshot({ path: '/tmp/strict-edit.png', animations: 'disabled' });
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    await page.getByText('Strict: on', { exact: true }).waitFor();

    // On: the same file is refused, naming the property; so is the push.
    await validate();
    await dialog.getByText('This integration is strict', { exact: false }).waitFor();
    await dialog.getByText('employees-misspelt.json does not match the schema').waitFor();
    const problems = dialog.getByRole('table', { name: 'Validation problems' });
    await problems.waitFor();
    expect(await rowsOf(problems)).toEqual([['2', 'employe_name', expect.stringMatching(/^is not in the schema; did you mean `employee_name`\? The integration is strict/)]]);
    await expectCount(dialog.getByRole('table', { name: 'Validation warnings' }), 0);
    await page.screenshot({ path: '/tmp/strict-on-validate.png', animations: 'disabled' });
    await closeValidate();
    const refused = await push();
    expect(refused.status).toBe(400);
    const refusal = (await refused.json()) as { errors: { index: number; path: string; message: string }[] };
    expect(refusal.errors).toContainEqual({ index: 1, path: 'employe_name', message: expect.stringContaining('The integration is strict') });

    // The setting survives a reload: it was saved, not only shown.
    await page.reload();
    await page.getByText('Strict: on', { exact: true }).waitFor();
    await page.screenshot({ path: '/tmp/strict-on-details.png', animations: 'disabled' });
  });
});
