import { describe, expect, it } from '@jest/globals';
import { createThroughApi, expectCount, signUpInBrowser } from './support/browser';
import { DOCUMENTED_EMPLOYEES_BODY } from './support/fixtures';
import { useProductInBrowser } from './support/product-in-browser';

/** Every view of a context shows a new push within this time, with no reload or focus change. */
const WITHIN_MS = 5000;

describe('evidence ingest › every view follows a push while it is open', () => {
  const session = useProductInBrowser();

  it('updates the status line, records, submission history, details header and integration card within 5 s of a push', async () => {
    const { page } = session.browser;
    await signUpInBrowser(page, { company: 'Live Data Co' });
    const integration = await createThroughApi(page, '/api/integrations', { name: 'People System', monitoringIds: ['employee_onboarding_offboarding'] });
    const { key } = await createThroughApi(page, '/api/api-keys', { name: 'People sync', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    const push = (body: unknown) =>
      fetch(`${session.product.url}/external/v2/integration/${integration.id}/context/list_employees`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-api-key': key },
        body: JSON.stringify(body),
      });

    // The Integrations page: the card says no data came yet, then follows a push.
    await page.goto('/integrations');
    const card = page.getByRole('link', { name: 'People System' });
    await card.getByText('No data pushed yet').waitFor();
    expect((await push({ data: DOCUMENTED_EMPLOYEES_BODY.data.slice(0, 1) })).status).toBe(200);
    await card.getByText(/^Last push just now to list_employees — 1 record$/).waitFor({ timeout: 20_000 });

    // The Data tab of the integration, left open.
    await page.goto(`/integrations/${integration.id}/data`);
    const records = page.getByRole('table', { name: 'Records of list_employees', exact: true });
    const history = page.getByRole('table', { name: 'Submission history of list_employees' });
    await page.getByTestId('records-count').getByText('1 record', { exact: true }).waitFor();
    await expectCount(history.locator(':scope > tbody > tr[data-status]'), 1);

    // A new push arrives: every view shows it within 5 s.
    expect((await push(DOCUMENTED_EMPLOYEES_BODY)).status).toBe(200);
    const started = Date.now();
    await page.getByTestId('records-count').getByText('3 records', { exact: true }).waitFor({ timeout: WITHIN_MS });
    await expectCount(records.locator(':scope > tbody > tr'), 3, WITHIN_MS);
    await expectCount(history.locator(':scope > tbody > tr[data-status]'), 2, WITHIN_MS);
    await page.getByText(/^Last push just now to list_employees — 3 records$/).waitFor({ timeout: WITHIN_MS });
    expect(Date.now() - started).toBeLessThan(WITHIN_MS);

    // A refused push: the header says so, the data stays.
    expect((await push({ data: [{ id: 1 }] })).status).toBe(400);
    await page.getByText(/^Last push refused just now \(list_employees\) — \d+ errors?$/).waitFor({ timeout: WITHIN_MS });
    await expectCount(history.locator(':scope > tbody > tr[data-status]'), 3, WITHIN_MS);
    await page.getByTestId('records-count').getByText('3 records', { exact: true }).waitFor();
  }, 90_000);
});
