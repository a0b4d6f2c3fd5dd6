import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ConnectorResponse, ScimGroupListResponse, ScimUserListResponse } from '@gatehouse/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { renderWithProviders } from '../../../test/render';
import type { ConnectorTab } from '../utils/problem-location';
import { ConnectorDetails } from './connector-details';
import { ProvisioningOverview } from './provisioning-overview';

// The page loads its code editor on demand (json-editor.tsx); loaded here up front, so the first
// test's waits do not include compiling CodeMirror.
beforeAll(async () => {
  await import('./json-editor-codemirror');
});

beforeAll(() => {
  (document as unknown as { fonts?: object }).fonts ??= { addEventListener() {}, removeEventListener() {} };
});

const base: ConnectorResponse = {
  id: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6',
  name: 'Wiki',
  type: 'scim_proxy',
  enabled: false,
  auth: { type: 'bearer' },
  capabilities: {},
  mappings: {},
  deactivationAsDelete: false,
  allowInsecureHttp: false,
  scimBaseUrl: 'https://wiki.example.com/scim/v2',
  idpProfile: 'generic',
  hasSecret: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  lastCallAt: null,
  lastError: null,
};
const path = `/api/connectors/${base.id}`;

type Answer = { status: number; body: unknown };
type Call = { method: string; url: string; body: unknown };

/** fetch answering from a function of method and URL; every request is kept. */
function stubApi(answer: (method: string, url: string, body: unknown) => Answer | undefined) {
  const calls: Call[] = [];
  globalThis.fetch = jest.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, url, body });
    const found = answer(method, url, body);
    if (!found) throw new Error(`unexpected request ${method} ${url}`);
    return { status: found.status, ok: found.status < 300, text: async () => JSON.stringify(found.body) };
  }) as unknown as typeof fetch;
  return calls;
}

function Instance({ initialTab }: { initialTab: ConnectorTab }) {
  const [tab, setTab] = useState<ConnectorTab>(initialTab);
  return <ConnectorDetails connectorId={base.id} tab={tab} onTabChange={setTab} onDeleted={() => {}} onBack={() => {}} />;
}

const noCalls = { status: 200, body: { items: [] } };

describe('+ SCIM Proxy on the Provisioning page', () => {
  it('asks for a name and the SCIM base URL, then creates a disabled scim_proxy instance', async () => {
    const created = { ...base, id: 'c2', name: 'Local wiki', scimBaseUrl: 'http://127.0.0.1:8080/scim', allowInsecureHttp: true };
    const calls = stubApi((method, url) => {
      if (method === 'GET' && url === '/api/connectors') return { status: 200, body: { items: [{ ...base, type: 'custom_http', scimBaseUrl: null }] } };
      if (method === 'POST' && url === '/api/connectors') return { status: 201, body: created };
      return undefined;
    });
    const opened = jest.fn();
    renderWithProviders(<ProvisioningOverview hrefOf={(c) => `/provisioning/${c.id}`} onOpen={opened} />);
    fireEvent.click(await screen.findByRole('button', { name: '+ SCIM Proxy' }));
    const dialog = await screen.findByRole('dialog', { name: 'New SCIM Proxy instance' });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Create instance' }));
    expect(within(dialog).getByText('Enter a name.')).toBeTruthy();
    expect(within(dialog).getByText("Enter the app's SCIM base URL.")).toBeTruthy();

    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Name/ }), { target: { value: 'Local wiki' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^SCIM base URL/ }), { target: { value: 'http://127.0.0.1:8080/scim?x=1' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create instance' }));
    expect(within(dialog).getByText('scimBaseUrl must not have a query string')).toBeTruthy();

    fireEvent.change(within(dialog).getByRole('textbox', { name: /^SCIM base URL/ }), { target: { value: ' http://127.0.0.1:8080/scim ' } });
    // Plain http is offered only for what it is: a local test app.
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Allow insecure HTTP/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create instance' }));
    await waitFor(() => expect(opened).toHaveBeenCalledWith(created));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      name: 'Local wiki',
      type: 'scim_proxy',
      scimBaseUrl: 'http://127.0.0.1:8080/scim',
      allowInsecureHttp: true,
      enabled: false,
    });
  });
});

describe('A SCIM proxy instance', () => {
  it('has Settings, SCIM connection and Activity only, and saves its SCIM base URL', async () => {
    const calls = stubApi((method, url, body) => {
      if (method === 'GET' && url === path) return { status: 200, body: base };
      if (method === 'PATCH' && url === path) return { status: 200, body: { ...base, ...(body as object) } };
      return undefined;
    });
    renderWithProviders(<Instance initialTab="mappings" />);
    const url = await screen.findByRole('textbox', { name: /^SCIM base URL/ });
    // The Mappings URL of a proxy shows its Settings.
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Settings', 'SCIM connection', 'Activity']);
    expect(screen.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.queryByRole('switch', { name: /Treat deactivation as delete/ })).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Auth type' })).toBeTruthy();

    fireEvent.change(url, { target: { value: 'https://wiki.example.com/scim?tenant=a' } });
    expect(await screen.findByText('scimBaseUrl must not have a query string')).toBeTruthy();
    fireEvent.change(url, { target: { value: 'https://scim.wiki.example.com/v2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ scimBaseUrl: 'https://scim.wiki.example.com/v2' });
  });

  it("Activity lists the forwarded calls and says the app keeps the users and groups", async () => {
    const calls = stubApi((method, url) => {
      if (url === path) return { status: 200, body: base };
      if (url.startsWith(`${path}/calls?`)) {
        return {
          status: 200,
          body: {
            items: [
              {
                id: 'k1',
                operation: 'proxy:POST /Users',
                method: 'POST',
                url: 'https://wiki.example.com/scim/v2/Users',
                status: 201,
                durationMs: 12,
                attempts: 1,
                error: null,
                source: 'scim',
                createdAt: '2026-01-02T10:00:00Z',
              },
            ],
          },
        };
      }
      return undefined;
    });
    renderWithProviders(<Instance initialTab="activity" />);
    const table = await screen.findByRole('table', { name: 'Connector calls' });
    expect(within(table).getByText('proxy:POST /Users')).toBeTruthy();
    expect(screen.getByText(/A SCIM proxy keeps no copy of users and groups/)).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Provisioned users' })).toBeNull();
    expect(calls.some((c) => c.url.includes('/scim-users'))).toBe(false);
  });
});

describe('Activity of a Custom HTTP instance', () => {
  const user = (n: number, over: Partial<ScimUserListResponse['items'][number]> = {}) => ({
    id: `5c1a2b3c-0000-4000-8000-00000000000${n}`,
    userName: `user${n}@example.com`,
    displayName: `User ${n}`,
    externalId: null,
    active: true,
    downstreamId: `u-${100 + n}`,
    createdAt: '2026-01-02T10:00:00Z',
    updatedAt: '2026-01-02T10:00:00Z',
    ...over,
  });
  const groups: ScimGroupListResponse = {
    items: [{ id: 'g-1', displayName: 'Engineering', externalId: 'grp-eng', downstreamId: null, memberCount: 2, createdAt: '2026-01-02T10:00:00Z', updatedAt: '2026-01-02T10:00:00Z' }],
    total: 1,
    page: 1,
    pageSize: 25,
  };

  it('shows the provisioned users and groups with their downstream ids, and searches them', async () => {
    const calls = stubApi((method, url) => {
      if (url === path) return { status: 200, body: { ...base, type: 'custom_http', scimBaseUrl: null } };
      if (url.startsWith(`${path}/calls?`)) return noCalls;
      if (url.startsWith(`${path}/scim-users?`)) {
        const q = new URLSearchParams(url.split('?')[1]).get('q');
        const items = q ? [user(2)] : [user(1, { active: false, externalId: 'ext-1' }), user(2)];
        return { status: 200, body: { items, total: items.length, page: 1, pageSize: 25 } };
      }
      if (url.startsWith(`${path}/scim-groups?`)) return { status: 200, body: groups };
      return undefined;
    });
    renderWithProviders(<Instance initialTab="activity" />);
    const users = await screen.findByRole('table', { name: 'Provisioned users' });
    const first = within(users).getAllByRole('row')[1]!;
    expect(within(first).getByText('user1@example.com')).toBeTruthy();
    expect(within(first).getByText('Inactive')).toBeTruthy();
    expect(within(first).getByText('ext-1')).toBeTruthy();
    expect(within(first).getByText('u-101')).toBeTruthy();
    expect(screen.getByText('Showing 1–2 of 2')).toBeTruthy();

    const groupTable = await screen.findByRole('table', { name: 'Provisioned groups' });
    const engineering = within(groupTable).getAllByRole('row')[1]!;
    expect(within(engineering).getByText('Engineering')).toBeTruthy();
    expect(within(engineering).getByText('2')).toBeTruthy();
    expect(within(engineering).getByText('Gatehouse only')).toBeTruthy();

    fireEvent.change(screen.getByRole('textbox', { name: 'Search users' }), { target: { value: 'user2' } });
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Provisioned users' })).getAllByRole('row')).toHaveLength(2));
    expect(calls.some((c) => c.url === `${path}/scim-users?q=user2&page=1&pageSize=25`)).toBe(true);
    expect(screen.getByText('u-102')).toBeTruthy();
  });
});
