import { describe, expect, it } from '@jest/globals';
import type { ConnectorCallDetailResponse } from '@gatehouse/contracts';
import { screen, within } from '@testing-library/react';
import { renderWithProviders } from '../../../test/render';
import { CallDetailView } from './call-detail';

const base: ConnectorCallDetailResponse = {
  id: 'c-1',
  operation: 'create_user',
  method: 'POST',
  url: 'https://app.example.com/v1/users?access_token=••••••',
  status: 201,
  durationMs: 42,
  attempts: 1,
  error: null,
  source: 'scim',
  scimUserId: 'u-1',
  scimGroupId: null,
  note: null,
  hasDetail: true,
  createdAt: '2026-01-01T00:00:00Z',
  request: { headers: { Authorization: 'Bearer ••••••', 'Content-Type': 'application/json' }, body: '{"email":"ann@corp.example"}', bodyTruncated: false },
  response: { status: 201, headers: { 'set-cookie': '••••••', 'content-type': 'application/json' }, body: '{"id":"app-1"}', bodyTruncated: true },
};

describe('CallDetailView', () => {
  it('shows the request and response, marks masked headers and a body cut at 64 kB', () => {
    renderWithProviders(<CallDetailView call={base} />);
    const request = screen.getByRole('group', { name: 'Request' });
    expect(within(request).getByText('secret hidden')).toBeTruthy();
    expect(within(request).getByLabelText('Request body').textContent).toContain('"email": "ann@corp.example"');
    const response = screen.getByRole('group', { name: 'Response' });
    expect(within(response).getByLabelText('Response body').textContent).toContain('"id": "app-1"');
    expect(within(response).getByText('Body cut at 64 kB.')).toBeTruthy();
    expect(screen.getByText('u-1')).toBeTruthy();
  });

  it('shows an old call by its summary and says why its detail is gone', () => {
    renderWithProviders(<CallDetailView call={{ ...base, hasDetail: false, request: null, response: null }} />);
    expect(screen.getByText(/Only the newest calls keep their request and response/)).toBeTruthy();
    expect(screen.getByText(base.url)).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Response' })).toBeNull();
  });

  it('says why Gatehouse made a call the request alone does not explain', () => {
    const note = 'create_user answered HTTP 409 (the application already has this user): looking it up to link user "ann@corp.example" to it instead of creating a second one';
    renderWithProviders(<CallDetailView call={{ ...base, operation: 'list_users', method: 'GET', note }} />);
    expect(screen.getByText('Why this call was made')).toBeTruthy();
    expect(screen.getByText(note)).toBeTruthy();
  });

  it('shows no reason when the call needs none', () => {
    renderWithProviders(<CallDetailView call={base} />);
    expect(screen.queryByText('Why this call was made')).toBeNull();
  });
});
