import { describe, expect, it, jest } from '@jest/globals';
import type { IntegrationDetail } from '@gatehouse/contracts';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithProviders } from '../../../test/render';
import { IntegrationHeader } from './integration-header';

const integration: IntegrationDetail = {
  id: 'i1',
  name: 'In-house HR System',
  description: null,
  kind: 'custom',
  strict: false,
  hasLogo: false,
  logoUrl: null,
  monitorings: [],
  contexts: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/**
 * Answers the header's sync-status poll with `statuses` and every write with `status`/`body`; the
 * returned spy sees only the writes.
 */
function stubFetch(status: number, body: unknown, statuses: unknown[] = []) {
  const fetchSpy = jest.fn(async (_url: string, _init?: RequestInit) => ({ status, ok: status < 300, text: async () => JSON.stringify(body) }));
  globalThis.fetch = (async (url: string, init?: RequestInit) =>
    (init?.method ?? 'GET') === 'GET' && url.endsWith('/sync-status')
      ? { status: 200, ok: true, text: async () => JSON.stringify(statuses) }
      : fetchSpy(url, init)) as unknown as typeof fetch;
  return fetchSpy;
}

describe('IntegrationHeader', () => {
  it('shows whether the integration is strict', () => {
    const off = renderWithProviders(<IntegrationHeader integration={integration} onDeleted={() => {}} />);
    expect(screen.getByText('Strict: off')).toBeTruthy();
    off.unmount();
    renderWithProviders(<IntegrationHeader integration={{ ...integration, strict: true }} onDeleted={() => {}} />);
    expect(screen.getByText('Strict: on')).toBeTruthy();
  });

  it('shows the newest push of any context, refused ones in their own words, or that none came yet', async () => {
    const refusedAt = new Date(Date.now() - 5 * 60_000).toISOString();
    const acceptedAt = new Date(Date.now() - 60 * 60_000).toISOString();
    stubFetch(200, {}, [
      { context: 'list_employees', lastPushAt: acceptedAt, lastStatus: 'accepted', lastRecordCount: 3, lastErrorCount: 0, lastAcceptedAt: acceptedAt, recordsNow: 3 },
      { context: 'list_users', lastPushAt: refusedAt, lastStatus: 'refused', lastRecordCount: 2, lastErrorCount: 2, lastAcceptedAt: null, recordsNow: 0 },
    ]);
    const shown = renderWithProviders(<IntegrationHeader integration={integration} onDeleted={() => {}} />);
    expect(await screen.findByText('Last push refused 5 min ago (list_users) — 2 errors')).toBeTruthy();
    shown.unmount();

    stubFetch(200, {}, [{ context: 'list_employees', lastPushAt: null, lastStatus: null, lastRecordCount: null, lastErrorCount: null, lastAcceptedAt: null, recordsNow: 0 }]);
    renderWithProviders(<IntegrationHeader integration={integration} onDeleted={() => {}} />);
    expect(await screen.findByText('No data pushed yet')).toBeTruthy();
  });

  it('turns Strict on from the Edit dialog, saved with PATCH', async () => {
    const fetchSpy = stubFetch(200, { ...integration, strict: true });
    renderWithProviders(<IntegrationHeader integration={integration} onDeleted={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    await screen.findByRole('dialog', { name: 'Edit integration' });

    const toggle = screen.getByRole('switch', { name: /^Strict/ }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(screen.getByText('Refuse records with properties the schema does not define. When off, they are accepted and reported as warnings.')).toBeTruthy();
    fireEvent.click(toggle);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(fetchSpy).toHaveBeenCalledTimes(1));
    const [url, init] = fetchSpy.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/integrations/i1');
    expect(init.method).toBe('PATCH');
    expect(JSON.parse(String(init.body))).toEqual({ name: 'In-house HR System', description: null, strict: true });
  });

  it('keeps Strict on when other fields are edited', async () => {
    const fetchSpy = stubFetch(200, { ...integration, strict: true, name: 'People System' });
    renderWithProviders(<IntegrationHeader integration={{ ...integration, strict: true }} onDeleted={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    await screen.findByRole('dialog', { name: 'Edit integration' });
    expect((screen.getByRole('switch', { name: /^Strict/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.change(screen.getByLabelText(/^Integration Name/), { target: { value: 'People System' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(fetchSpy).toHaveBeenCalledTimes(1));
    expect(JSON.parse(String((fetchSpy.mock.calls[0] as unknown as [string, RequestInit])[1].body))).toMatchObject({ name: 'People System', strict: true });
  });
});
