import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { createThroughApi, expectCount, signUpInBrowser } from './support/browser';
import { DOCUMENTED_EMPLOYEES_BODY } from './support/fixtures';
import { useProductInBrowser } from './support/product-in-browser';

const EMPLOYEES_BODY = DOCUMENTED_EMPLOYEES_BODY;

// Three problems in two records: an id that is not a string, a malformed email, a missing id.
const INVALID_BODY = { data: [{ id: 1, email: 'not-an-email' }, { employee_name: 'No Id' }] };

/** A full-page screenshot taken from the top, so the fixed header is drawn where it belongs. */
async function fullPageShot(page: Page, path: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
}

/** Body rows of a table, each as its cells' text. */
const bodyRows = (page: Page, table: string) =>
  page
    .getByRole('table', { name: table, exact: true })
    .locator(':scope > tbody > tr')
    .evaluateAll((rows) => rows.map((tr) => Array.from(tr.children, (td) => (td.textContent ?? '').trim())));

describe('evidence ingest in the browser', () => {
  const session = useProductInBrowser();

  it('shows each push on the context card, the records on the Data tab, and the submission history', async () => {
    const { page } = session.browser;
    await signUpInBrowser(page, { company: 'Ingest Browser Co' });

    // The integration and the key come from the API, with the page's session and CSRF token.
    const post = (path: string, data: unknown) => createThroughApi(page, path, data);
    // Two monitorings: list_employees, list_users and list_access_reviews.
    const integration = await post('/api/integrations', { name: 'In-house HR System', monitoringIds: ['employee_onboarding_offboarding', 'user_access_review'] });
    const { key } = await post('/api/api-keys', { name: 'HR sync', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    const push = (body: unknown) =>
      fetch(`${session.product.url}/external/v2/integration/${integration.id}/context/list_employees`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-api-key': key },
        body: JSON.stringify(body),
      });

    // Before any push: the card says so and points at the endpoint.
    await page.goto(`/integrations/${integration.id}`);
    const card = page.getByRole('region', { name: 'Employee records' });
    const none = card.getByRole('status', { name: 'No data pushed yet' });
    await none.getByText("Push records to this context's endpoint with an API key", { exact: false }).waitFor();
    await expect(none.getAttribute('data-tone')).resolves.toBe('none');
    await page.getByRole('tab', { name: 'Data' }).click();
    await page.getByText('No records yet').waitFor();
    await page.getByText('No pushes to list_employees yet.', { exact: false }).waitFor();
    await fullPageShot(page, '/tmp/ingest-data-empty.png');

    // The documented example is accepted; an invalid body is refused and changes nothing.
    const accepted = await push(EMPLOYEES_BODY);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ accepted: 3, context: 'list_employees' });
    const refused = await push(INVALID_BODY);
    expect(refused.status).toBe(400);
    const refusal = (await refused.json()) as { errorCount: number; errors: { index: number; path: string; message: string }[] };
    expect(refusal.errorCount).toBe(3);
    const firstError = refusal.errors[0]!;

    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.reload();
    const refusedStatus = card.getByRole('status', { name: 'Last push refused — 3 errors' });
    await refusedStatus.getByText(/^Refused just now\. The context keeps 3 records from the push accepted just now\.$/).waitFor();
    await refusedStatus.getByText(`First error: Record ${firstError.index + 1} (data[${firstError.index}]) · ${firstError.path}: ${firstError.message}`).waitFor();
    await expect(refusedStatus.getAttribute('data-tone')).resolves.toBe('error');
    // The exact time is one hover away.
    await refusedStatus.getByText('Last push refused — 3 errors').hover();
    await expect(page.getByRole('tooltip').textContent()).resolves.toMatch(/^Received [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2} [AP]M$/);
    await fullPageShot(page, '/tmp/ingest-overview-refused.png');
    // The other contexts were not pushed to.
    await page.getByRole('region', { name: 'User access records' }).getByRole('status', { name: 'No data pushed yet' }).waitFor();

    // Data tab: the three records of the accepted push, in a table with the schema's first fields.
    await page.getByRole('tab', { name: 'Data' }).click();
    await page.waitForURL(`**/integrations/${integration.id}/data`);
    const recordsTable = 'Records of list_employees';
    await page.getByRole('table', { name: recordsTable }).waitFor();
    await page.getByTestId('records-count').getByText('3 records', { exact: true }).waitFor();
    const headers = await page.getByRole('table', { name: recordsTable }).getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['Full record', 'ID', 'Employee name', 'Email', 'Job title', 'Manager', 'Hiring date']);
    expect((await bodyRows(page, recordsTable)).map((cells) => cells.slice(1, 3))).toEqual([
      ['emp_001', 'Sarah Johnson'],
      ['emp_002', 'Michael Chen'],
      ['emp_003', 'Emily Rodriguez'],
    ]);
    // Emily has no manager: an empty cell, not "undefined".
    expect((await bodyRows(page, recordsTable))[2]![5]).toBe('—');

    // Search (debounced) finds one record; its full JSON opens in a drawer.
    await page.getByLabel('Search records').fill('Chen');
    await page.getByTestId('records-count').getByText('1 record matches “Chen”').waitFor();
    expect((await bodyRows(page, recordsTable)).map((cells) => cells[1])).toEqual(['emp_002']);
    await page.getByRole('button', { name: 'Show record emp_002' }).click();
    const drawer = page.getByRole('dialog', { name: 'Record emp_002' });
    const json = await drawer.getByLabel('JSON of record emp_002').textContent();
    expect(JSON.parse(json!)).toEqual(EMPLOYEES_BODY.data[1]);
    await page.screenshot({ path: '/tmp/ingest-record-drawer.png', animations: 'disabled' });
    await drawer.getByRole('button', { name: 'Close record' }).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByLabel('Search records').fill('nobody has this');
    await page.getByText('No matching records').waitFor();
    await page.getByLabel('Search records').fill('');
    await page.getByTestId('records-count').getByText('3 records', { exact: true }).waitFor();

    // Another context: nothing there, then back.
    await page.getByText('User access records', { exact: true }).click();
    await expect(page.getByRole('radio', { name: 'User access records' }).isChecked()).resolves.toBe(true);
    await page.getByText('Records appear here once a push to list_users is accepted.').waitFor();
    await page.getByRole('status', { name: 'No data pushed yet' }).waitFor();
    await page.getByText('Employee records', { exact: true }).click();
    await page.getByRole('table', { name: recordsTable }).waitFor();

    // Submission history: the refusal above the acceptance, both by the same key.
    const historyTable = 'Submission history of list_employees';
    await page.getByRole('table', { name: historyTable }).waitFor();
    const history = await bodyRows(page, historyTable);
    expect(history.map(([, time, status, records, apiKey, size, errors]) => ({ time, status, records, apiKey, size, errors }))).toEqual([
      { time: 'just now', status: 'Refused', records: '2', apiKey: 'HR sync', size: expect.stringMatching(/^\d+ B$/), errors: '3' },
      { time: 'just now', status: 'Accepted', records: '3', apiKey: 'HR sync', size: expect.stringMatching(/^1(\.\d)? kB$/), errors: '—' },
    ]);
    // Only the refused row opens, to its errors by record, field and problem.
    await expectCount(page.getByRole('button', { name: /errors of the push received/ }), 1);
    await page.getByRole('button', { name: /^Show errors of the push received/ }).click();
    const errorsTable = page.getByRole('table', { name: /^Errors of the push received/ });
    const errorRows = await errorsTable.locator('tbody > tr').evaluateAll((rows) => rows.map((tr) => Array.from(tr.children, (td) => td.textContent)));
    expect(errorRows).toEqual(refusal.errors.map((e) => [`${e.index + 1}`, e.path || '—', e.message]));
    await page.getByRole('button', { name: /^Hide errors of the push received/ }).waitFor();
    await fullPageShot(page, '/tmp/ingest-data-tab.png');

    // A further valid push shows up on Refresh, on both tabs.
    expect((await push(EMPLOYEES_BODY)).status).toBe(200);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('status', { name: 'Last push just now — 3 records' }).waitFor();
    await expectCount(page.getByRole('table', { name: historyTable }).locator(':scope > tbody > tr[data-status]'), 3);
    await page.getByRole('tab', { name: 'Overview' }).click();
    const acceptedStatus = card.getByRole('status', { name: 'Last push just now — 3 records' });
    await acceptedStatus.waitFor();
    await expect(acceptedStatus.getAttribute('data-tone')).resolves.toBe('success');
    await page.screenshot({ path: '/tmp/ingest-overview-accepted.png', animations: 'disabled' });
  });
});
