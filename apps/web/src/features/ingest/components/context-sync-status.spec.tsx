import type { ContextSyncStatus as SyncStatus, SubmissionResponse } from '@gatehouse/contracts';
import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { renderWithProviders } from '../../../test/render';
import { ContextSyncStatus } from './context-sync-status';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

const none: SyncStatus = { context: 'list_employees', lastPushAt: null, lastStatus: null, lastRecordCount: null, lastErrorCount: null, lastAcceptedAt: null, recordsNow: 0 };

/** Answers each GET by its path; records which paths were asked for. */
function stubApi(routes: Record<string, unknown>) {
  const fetchSpy = jest.fn(async (input: unknown) => {
    const path = String(input).split('?')[0]!;
    const body = routes[path];
    const status = body === undefined ? 404 : 200;
    return { status, ok: status === 200, text: async () => JSON.stringify(body ?? { message: 'Not found' }) };
  });
  globalThis.fetch = fetchSpy as unknown as typeof fetch;
  return fetchSpy;
}
const calledPaths = (spy: ReturnType<typeof stubApi>) => spy.mock.calls.map(([input]) => String(input).split('?')[0]);

describe('ContextSyncStatus', () => {
  it('shows an accepted push with its time and record count, and the exact time for the tooltip', async () => {
    const at = minutesAgo(3);
    const fetchSpy = stubApi({
      '/api/integrations/i1/sync-status': [
        { ...none, lastPushAt: at, lastStatus: 'accepted', lastRecordCount: 1240, lastErrorCount: 0, lastAcceptedAt: at, recordsNow: 1240 },
        { ...none, context: 'list_users' },
      ],
    });
    renderWithProviders(<ContextSyncStatus integrationId="i1" contextKey="list_employees" />);
    const status = await screen.findByRole('status', { name: 'Last push 3 min ago — 1,240 records' });
    expect(status.getAttribute('data-tone')).toBe('success');
    expect(status.querySelector('[data-sync-time]')?.getAttribute('data-sync-time')).toBe(at);
    // Nothing was refused: no need to ask for the first error.
    expect(calledPaths(fetchSpy)).toEqual(['/api/integrations/i1/sync-status']);
  });

  it('shows a refused push in red with its error count, what data remains, and the first error', async () => {
    const refused: SubmissionResponse = {
      id: 's2',
      receivedAt: minutesAgo(1),
      status: 'refused',
      recordCount: 2,
      errorCount: 3,
      apiKeyName: 'HR sync',
      bodyBytes: 120,
      firstErrors: [
        { index: 0, path: 'id', message: 'must be a string' },
        { index: 1, path: 'email', message: 'must be a valid email address' },
      ],
    };
    stubApi({
      '/api/integrations/i1/sync-status': [
        { ...none, lastPushAt: refused.receivedAt, lastStatus: 'refused', lastRecordCount: 2, lastErrorCount: 3, lastAcceptedAt: minutesAgo(10), recordsNow: 3 },
      ],
      '/api/integrations/i1/contexts/list_employees/submissions': [refused],
    });
    renderWithProviders(<ContextSyncStatus integrationId="i1" contextKey="list_employees" />);
    const status = await screen.findByRole('status', { name: 'Last push refused — 3 errors' });
    expect(status.getAttribute('data-tone')).toBe('error');
    expect(status.textContent).toContain('The context keeps 3 records from the push accepted 10 min ago.');
    await waitFor(() => expect(status.textContent).toContain('First error: Record 1 (data[0]) · id: must be a string'));
    expect(status.textContent).not.toContain('email');
  });

  it('says no data was pushed yet, with a hint, for a context without pushes', async () => {
    const fetchSpy = stubApi({ '/api/integrations/i1/sync-status': [none] });
    renderWithProviders(<ContextSyncStatus integrationId="i1" contextKey="list_employees" />);
    const status = await screen.findByRole('status', { name: 'No data pushed yet' });
    expect(status.getAttribute('data-tone')).toBe('none');
    expect(status.textContent).toContain("Push records to this context's endpoint with an API key");
    expect(calledPaths(fetchSpy)).toEqual(['/api/integrations/i1/sync-status']);
  });

  it('says when the status cannot be loaded', async () => {
    stubApi({});
    renderWithProviders(<ContextSyncStatus integrationId="gone" contextKey="list_employees" />);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load the sync status');
  });
});
