import { describe, expect, it } from '@jest/globals';
import { validateRequestBody } from '@gatehouse/schemas';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { createThroughApi, expectCount, signUpInBrowser } from './support/browser';
import { useProductInBrowser } from './support/product-in-browser';

const KEY_SHOWN_ONCE =
  "Copy and securely store your API key immediately. You won't be able to view it again after closing this dialog. If you lose your key, you'll need to create a new one.";

type Context = { key: string; schema: Record<string, unknown>; sampleRequestBody: { data: Record<string, unknown>[] } };

/** The request body a code block shows, parsed. */
const codeJson = async (code: Locator) => JSON.parse((await code.textContent())!);

// One company for the whole file: the first test sees its empty Integrations page, the others
// its one integration (employees and users).
describe('onboarding in the browser', () => {
  const session = useProductInBrowser();
  let integration: { id: string; name: string; contexts: Context[] };
  let page: Page;

  const push = (contextKey: string, key: string, body: unknown) =>
    fetch(`${session.product.url}/external/v2/integration/${integration.id}/context/${contextKey}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-api-key': key },
      body: JSON.stringify(body),
    });
  const apiKey = async (name: string) => {
    const created = await createThroughApi(page, '/api/api-keys', { name, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    return created.key as string;
  };

  it('shows an empty Integrations page as a checklist, each step leading where it is done and ticked once done', async () => {
    page = session.browser.page;
    await signUpInBrowser(page, { company: 'Onboarding Co' });
    const steps = page.getByRole('list', { name: 'Getting started' });
    const items = steps.getByRole('listitem');
    await expectCount(items, 4);
    await expect(items.evaluateAll((li) => li.map((l) => l.getAttribute('aria-label')))).resolves.toEqual([
      'Step 1: Create an API key',
      'Step 2: Create an integration',
      'Step 3: Push data',
      'Step 4: See data',
    ]);
    await page.screenshot({ path: '/tmp/onboarding-checklist.png', animations: 'disabled' });

    // Step 1 leads to the API Keys tab; once a key exists, it is ticked.
    await steps.getByRole('link', { name: 'Create an API key' }).click();
    await page.waitForURL('**/settings/company/api-keys');
    await page.getByRole('button', { name: 'Create new API Key' }).waitFor();
    await apiKey('Checklist key');
    await page.goto('/integrations');
    await steps.getByRole('listitem', { name: 'Step 1: Create an API key (done)' }).getByText('Done').waitFor();
    await steps.getByRole('link', { name: 'Manage API keys' }).waitFor();
    await page.screenshot({ path: '/tmp/onboarding-checklist-key.png', animations: 'disabled' });

    // Step 2 opens the wizard.
    await steps.getByRole('link', { name: 'Create an integration' }).click();
    await page.getByRole('heading', { name: 'New custom integration' }).waitFor();

    integration = await createThroughApi(page, '/api/integrations', { name: 'In-house HR System', monitoringIds: ['employee_onboarding_offboarding', 'terminated_user_access_removal'] });
    expect(integration.contexts.map((c) => c.key)).toEqual(['list_employees', 'list_users']);
    // With an integration, the page lists it instead.
    await page.goto('/integrations');
    await page.getByRole('link', { name: 'In-house HR System' }).waitFor();
    await expect(steps.count()).resolves.toBe(0);
  });

  it('creates a new key from the curl example and shows it once, filled into the example', async () => {
    await page.goto(`/integrations/${integration.id}`);
    const card = page.getByRole('region', { name: 'Employee records' });
    await card.getByRole('button', { name: 'curl example' }).click();
    await card.getByRole('button', { name: 'Use a new key' }).click();

    const dialog = page.getByRole('dialog', { name: 'API key created' });
    await dialog.getByText(KEY_SHOWN_ONCE).waitFor();
    await dialog.getByText('In-house HR System key', { exact: true }).waitFor();
    const key = await dialog.getByLabel('API key', { exact: true }).inputValue();
    expect(key).toMatch(/^ghk_/);
    const curl = (await dialog.getByLabel('curl example for list_employees with the new key').textContent())!;
    expect(curl).toContain(`-H 'x-api-key: ${key}'`);
    expect(curl).not.toContain('YOUR_API_KEY_HERE');
    await page.screenshot({ path: '/tmp/onboarding-new-key.png', animations: 'disabled' });

    // The example works as it stands: its body, with its key, is accepted.
    const body = JSON.parse(/-d '([\s\S]*)'$/.exec(curl)![1]!);
    expect((await push('list_employees', key, body)).status).toBe(200);

    // The key has the API Keys page's default lifetime (90 days).
    const listed = (await (await page.request.get('/api/api-keys')).json()) as { name: string; expiresAt: string }[];
    const made = listed.find((k) => k.name === 'In-house HR System key')!;
    expect(Math.round((Date.parse(made.expiresAt) - Date.now()) / 86_400_000)).toBe(90);

    // Copying the example copies the key too; then Done closes and the card shows the placeholder again.
    await dialog.getByRole('button', { name: 'Copy curl example' }).click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(curl);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(card.getByText(key, { exact: false }).count()).resolves.toBe(0);
    await card.getByText("-H 'x-api-key: YOUR_API_KEY_HERE'", { exact: false }).waitFor();
  });

  it('asks before closing a new key that was not copied, in the API Keys page words', async () => {
    await page.goto(`/integrations/${integration.id}`);
    const card = page.getByRole('region', { name: 'User access records' });
    await card.getByRole('button', { name: 'curl example' }).click();
    await card.getByRole('button', { name: 'Use a new key' }).click();
    const dialog = page.getByRole('dialog', { name: 'API key created' });
    await dialog.getByLabel('curl example for list_users with the new key').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    const question = dialog.getByRole('alertdialog', { name: 'Have you copied the key?' });
    await question.getByText(/if you lose it, you'll need to create a new one/).waitFor();
    await question.getByRole('button', { name: 'Close without copying' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('downloads the schema and a sample file per context; the sample is accepted as it is', async () => {
    await page.goto(`/integrations/${integration.id}`);
    const card = page.getByRole('region', { name: 'Employee records' });
    const save = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: button }).click()]);
      return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
    };
    const employees = integration.contexts[0]!;

    const schema = await save('Download schema (.json)');
    expect(schema.name).toBe('list_employees.schema.json');
    expect(schema.text).toBe(`${JSON.stringify(employees.schema, null, 2)}\n`);

    const sample = await save('Download sample file');
    expect(sample.name).toBe('list_employees.sample.json');
    const body = JSON.parse(sample.text);
    expect(body.data).toHaveLength(3);
    expect(validateRequestBody(body, employees.schema as never)).toMatchObject({ valid: true, errorCount: 0 });
    expect((await push('list_employees', await apiKey('Sample file key'), body)).status).toBe(200);
  });

  it('validates pasted JSON as it validates a file', async () => {
    await page.goto(`/integrations/${integration.id}`);
    await page.getByRole('button', { name: 'Validate list_employees data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Validate Employee records' });
    await dialog.getByRole('tab', { name: 'Paste JSON' }).click();
    const text = dialog.getByLabel('JSON to validate against list_employees');

    await text.fill(JSON.stringify({ data: [{ id: 'emp_001', email: 'not-an-email' }, { employee_name: 'No Id' }] }, null, 2));
    await dialog.getByRole('button', { name: 'Validate pasted JSON' }).click();
    const invalid = dialog.getByRole('alert').filter({ hasText: 'pasted.json does not match the schema' });
    await invalid.waitFor();
    // The same problems an uploaded file with this content shows: the bad email, the missing id.
    const fields = await dialog
      .getByRole('table', { name: 'Validation problems' })
      .locator('tbody > tr > td:nth-child(2)')
      .allTextContents();
    expect(fields).toEqual(['email', 'id']);
    await page.screenshot({ path: '/tmp/onboarding-paste-invalid.png', animations: 'disabled' });

    await text.fill('{"data": [\n  {"id": "emp_001",}\n]}');
    await dialog.getByRole('button', { name: 'Validate pasted JSON' }).click();
    await dialog.getByText(/line 2/i).first().waitFor();

    await text.fill(JSON.stringify(integration.contexts[0]!.sampleRequestBody));
    await dialog.getByRole('button', { name: 'Validate pasted JSON' }).click();
    await dialog.getByRole('status').filter({ hasText: 'pasted.json is valid' }).waitFor();
    await dialog.getByText('Checked in your browser and confirmed by the server.').waitFor();
  });

  it('shows the schemas on the JSON Sample tab, before the request bodies, as the guide does', async () => {
    await page.goto(`/integrations/${integration.id}/json-sample`);
    const schemaCard = page.getByRole('region', { name: 'Schema for list_employees' });
    await expect(codeJson(schemaCard.locator('pre'))).resolves.toEqual(integration.contexts[0]!.schema);
    await expect(codeJson(page.getByRole('region', { name: 'Schema for list_users' }).locator('pre'))).resolves.toEqual(integration.contexts[1]!.schema);
    await schemaCard.getByRole('heading', { name: 'Employee list_employees' }).waitFor();

    const order = await page
      .getByRole('region')
      .evaluateAll((regions) => regions.map((r) => r.getAttribute('aria-label')).filter((l) => l && /^(Schema|Sample request body) for/.test(l)));
    expect(order).toEqual(['Schema for list_employees', 'Schema for list_users', 'Sample request body for list_employees', 'Sample request body for list_users']);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/onboarding-json-sample.png', fullPage: true, animations: 'disabled' });
  });

  it("shows sample bodies that read like the guide's: three employees, one terminated; three users with distinct roles", async () => {
    await page.goto(`/integrations/${integration.id}/json-sample`);
    const employees = await codeJson(page.getByRole('region', { name: 'Sample request body for list_employees' }).locator('pre'));
    expect(employees.data.map((e: Record<string, unknown>) => [e.employee_name, e.employment_status, e.termination_date])).toEqual([
      ['Sarah Johnson', 'Active', undefined],
      ['Michael Chen', 'Active', undefined],
      ['Emily Rodriguez', 'Terminated', '2023-12-15T00:00:00Z'],
    ]);
    const users = await codeJson(page.getByRole('region', { name: 'Sample request body for list_users' }).locator('pre'));
    expect(users.data.map((u: Record<string, unknown>) => u.role)).toEqual([['Developer', 'Team Lead'], ['Product Owner'], ['Viewer']]);
  });
});
