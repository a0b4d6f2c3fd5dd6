import { describe, expect, it, jest } from '@jest/globals';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithProviders } from '../../../test/render';
import { CreateApiKeyModal } from './create-api-key-modal';

function stubFetch(answer?: { status: number; body: unknown }) {
  const fetchSpy = jest.fn(async () => ({ status: answer?.status ?? 500, ok: (answer?.status ?? 500) < 300, text: async () => JSON.stringify(answer?.body ?? {}) }));
  globalThis.fetch = fetchSpy as unknown as typeof fetch;
  return fetchSpy;
}

const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Create API Key' }));

describe('CreateApiKeyModal', () => {
  it('shows each problem at its field and sends nothing', async () => {
    const fetchSpy = stubFetch();
    renderWithProviders(<CreateApiKeyModal opened onClose={() => {}} />);
    await screen.findByRole('dialog', { name: 'Create new API Key' });

    submit();
    expect(screen.getByText('Key Name is required')).toBeTruthy();

    fireEvent.change(screen.getByLabelText(/^Key Name/), { target: { value: 'x'.repeat(101) } });
    submit();
    expect(screen.getByText('Key Name must be at most 100 characters')).toBeTruthy();

    fireEvent.click(screen.getByRole('combobox', { name: 'Expires On' }));
    // The dropdown is still in its opening transition in jsdom, so its options count as hidden.
    fireEvent.click(await screen.findByRole('option', { name: 'Custom date', hidden: true }));
    fireEvent.change(screen.getByLabelText(/^Key Name/), { target: { value: 'Production Integration' } });
    submit();
    expect(screen.getByText('Choose an expiry date')).toBeTruthy();
    expect(screen.queryByText(/^name must/)).toBeNull();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('sends the name and a preset expiry, then shows the key once behind the eye toggle', async () => {
    const key = `ghk_${'a'.repeat(43)}ABC123`;
    const fetchSpy = stubFetch({
      status: 201,
      body: {
        id: 'k1',
        name: 'Production Integration',
        prefix: key.slice(0, 12),
        createdAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
        lastUsedAt: null,
        revokedAt: null,
        status: 'active',
        key,
      },
    });
    renderWithProviders(<CreateApiKeyModal opened onClose={() => {}} />);
    fireEvent.change(await screen.findByLabelText(/^Key Name/), { target: { value: '  Production Integration ' } });
    submit();

    await screen.findByRole('dialog', { name: 'API key created' });
    const sent = JSON.parse(String((fetchSpy.mock.calls[0] as unknown as [string, RequestInit])[1].body));
    expect(sent.name).toBe('Production Integration');
    expect(Math.round((Date.parse(sent.expiresAt) - Date.now()) / 86_400_000)).toBe(90);

    expect(screen.getByText("Copy and securely store your API key immediately. You won't be able to view it again after closing this dialog. If you lose your key, you'll need to create a new one.")).toBeTruthy();
    const field = screen.getByLabelText('API key') as HTMLInputElement;
    expect(field.value).toBe(key);
    expect(field.readOnly).toBe(true);
    expect(field.type).toBe('password');
    fireEvent.mouseDown(screen.getByRole('button', { name: 'Show API key' }));
    expect(field.type).toBe('text');
    expect(screen.getByRole('button', { name: 'Hide API key' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy API key' })).toBeTruthy();
  });

  it('says why the server refused, at the field it names', async () => {
    stubFetch({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED', message: 'Invalid body', details: [{ path: 'expiresAt', message: 'expiresAt must be in the future' }] },
    });
    renderWithProviders(<CreateApiKeyModal opened onClose={() => {}} />);
    fireEvent.change(await screen.findByLabelText(/^Key Name/), { target: { value: 'CI' } });
    submit();
    await waitFor(() => expect(screen.getByText('The expiry date must be in the future')).toBeTruthy());
  });
});
