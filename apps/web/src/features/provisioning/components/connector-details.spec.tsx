import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ConnectorResponse } from '@gatehouse/contracts';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { EditorView } from '@uiw/react-codemirror';
import { useState } from 'react';
import { renderWithProviders } from '../../../test/render';
import type { ConnectorTab } from '../utils/problem-location';
import { ConnectorDetails } from './connector-details';

// CodeMirror measures text through Range, which jsdom leaves without layout methods; Mantine's
// autosizing textarea listens to document.fonts, which jsdom does not have.
// The page loads its code editor on demand (json-editor.tsx); loaded here up front, so the first
// test's waits do not include compiling CodeMirror.
beforeAll(async () => {
  await import('./json-editor-codemirror');
});

beforeAll(() => {
  (document as unknown as { fonts?: object }).fonts ??= { addEventListener() {}, removeEventListener() {} };
  const rect = { x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 0, height: 0, toJSON: () => ({}) };
  Range.prototype.getBoundingClientRect = () => rect as DOMRect;
  Range.prototype.getClientRects = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
});

const createUser = {
  http_method: 'POST',
  url_template: 'https://api.example.com/v1/users',
  body_kind: 'json',
  body_template: '{"email":"{scim_user_email}"}',
  success_status: [201],
  response_fields: { id: 'data.id', email: 'data.email' },
};

const connector = (over: Partial<ConnectorResponse> = {}): ConnectorResponse => ({
  id: '0b8f5a52-8a9e-4a55-9e1e-7d4c8d1f0a11',
  name: 'HR portal',
  type: 'custom_http',
  enabled: false,
  auth: { type: 'bearer' },
  capabilities: { create_user: true, update_user: true },
  mappings: { create_user: createUser, update_user: { http_method: 'PATCH', url_template: 'https://api.example.com/v1/users/{integration_user_id}' } },
  deactivationAsDelete: false,
  allowInsecureHttp: false,
  scimBaseUrl: null,
  idpProfile: 'generic',
  hasSecret: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  lastCallAt: null,
  lastError: null,
  ...over,
});

type Answer = { status: number; body: unknown };
function stubApi(routes: Record<string, Answer | ((init: RequestInit) => Answer)>) {
  const spy = jest.fn(async (url: string, init: RequestInit = {}) => {
    const key = `${init.method ?? 'GET'} ${url}`;
    const route = routes[key];
    if (!route) throw new Error(`unexpected request ${key}`);
    const answer = typeof route === 'function' ? route(init) : route;
    return { status: answer.status, ok: answer.status < 300, text: async () => JSON.stringify(answer.body) };
  });
  globalThis.fetch = spy as unknown as typeof fetch;
  return spy;
}

function Harness({ initialTab }: { initialTab: ConnectorTab }) {
  const [tab, setTab] = useState<ConnectorTab>(initialTab);
  return <ConnectorDetails connectorId={connector().id} tab={tab} onTabChange={setTab} onDeleted={() => {}} onBack={() => {}} />;
}

/** Replaces the whole text of the editor labelled `label`, as typing would. */
function typeInto(label: string, text: string) {
  const content = screen.getByRole('textbox', { name: label });
  const view = EditorView.findFromDOM(content)!;
  act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }));
}

const path = `/api/connectors/${connector().id}`;

/** The JSON body of the one request sent with `method` (the page also polls its status with GETs). */
function sentBody(spy: ReturnType<typeof stubApi>, method: string): unknown {
  const calls = (spy.mock.calls as unknown as Array<[string, RequestInit | undefined]>).filter(([, init]) => (init?.method ?? 'GET') === method);
  expect(calls).toHaveLength(1);
  return JSON.parse(String(calls[0]![1]!.body));
}

describe('Mappings editor validation', () => {
  it('counts the engine’s problems as you type and shows a syntax error with its line', async () => {
    stubApi({ [`GET ${path}`]: { status: 200, body: connector() } });
    renderWithProviders(<Harness initialTab="mappings" />);
    await screen.findByRole('textbox', { name: 'Mappings JSON' });

    // update_user has no response_fields.id: the engine says so before anything is saved.
    expect(screen.getByText('1 problem')).toBeTruthy();
    const list = screen.getByRole('region', { name: 'Problems in the mappings' });
    expect(within(list).getByText('1 problem: fix them before enabling the instance')).toBeTruthy();
    expect(within(list).getByRole('button', { name: 'mappings.update_user.response_fields.id: required' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: /Mappings/ }).textContent).toContain('1');

    typeInto('Mappings JSON', '{\n  "create_user": {\n    "http_method": POST\n  }\n}');
    expect(await screen.findByText('Line 3, column 20: Unexpected word POST: strings need double quotes')).toBeTruthy();
    expect(screen.getByText('JSON syntax error')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save changes' })).toHaveProperty('disabled', true);
    expect(screen.getByText('Mappings: the JSON has a syntax error.')).toBeTruthy();
    expect(document.querySelector('.cm-json-error')?.textContent).toBe('P');
    expect(screen.getAllByText('Validation resumes once the JSON syntax is fixed.').length).toBeGreaterThan(0);

    typeInto('Mappings JSON', JSON.stringify({ create_user: { ...createUser, response_fields: {} } }));
    await waitFor(() => expect(screen.queryByText(/Line 3, column 20/)).toBeNull());
    expect(screen.getByRole('button', { name: 'mappings.create_user.response_fields.id: required' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'mappings.update_user: required: capability update_user is enabled; add a mapping or set the capability to false' })).toBeTruthy();
  });

  it('lists every problem of a refused save, and a click opens the form at the field', async () => {
    const saved = connector();
    const fetchSpy = stubApi({
      [`GET ${path}`]: { status: 200, body: saved },
      [`PATCH ${path}`]: {
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          code: 'VALIDATION_FAILED',
          message: 'The connector cannot be enabled with this configuration (2 problems): …',
          details: [
            { path: 'mappings.update_user.response_fields.id', message: 'required' },
            { path: 'mappings.update_user.success_status[0]', message: 'must be an integer from 100 to 599' },
          ],
        },
      },
    });
    renderWithProviders(<Harness initialTab="settings" />);
    fireEvent.click(await screen.findByRole('switch', { name: /^Enabled/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    // Started from Settings: the problems of other tabs are listed there, each a link.
    const refused = await screen.findByRole('region', { name: 'Problems in the capabilities and mappings' });
    expect(within(refused).getByText('Not saved: the server found 2 problems')).toBeTruthy();
    expect(sentBody(fetchSpy, 'PATCH')).toEqual({ enabled: true });

    fireEvent.click(within(refused).getByRole('button', { name: 'mappings.update_user.response_fields.id: required' }));
    // The Mappings tab in form view, on update_user, with each message next to its field.
    expect(await screen.findByRole('combobox', { name: 'Operation' })).toHaveProperty('value', 'update_user (enabled, 2 problems)');
    const idField = screen.getByRole('textbox', { name: /^id/ });
    expect(idField.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('required')).toBeTruthy();
    expect(screen.getByText('item 1: must be an integer from 100 to 599')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(idField));

    // Typing fixes the draft: the server's list gives way to the live one.
    fireEvent.change(idField, { target: { value: 'id' } });
    await waitFor(() => expect(screen.queryByText(/Not saved: the server found/)).toBeNull());
    expect(screen.getByText('No problems found in the mappings.')).toBeTruthy();
  });
});

describe('Saving a connector pointed at another server', () => {
  it('says the secret was cleared and asks for it again', async () => {
    const saved = connector();
    const moved = { create_user: { ...createUser, url_template: 'https://other.example.net/v1/users' } };
    stubApi({
      [`GET ${path}`]: { status: 200, body: saved },
      [`PATCH ${path}`]: { status: 200, body: connector({ hasSecret: false, secretCleared: true, mappings: moved }) },
    });
    renderWithProviders(<Harness initialTab="settings" />);
    fireEvent.click(await screen.findByRole('switch', { name: /^Enabled/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    const alert = (await screen.findByText('Secret cleared')).closest('[role="alert"]')!;
    expect(alert.textContent).toMatch(/stored secret was removed\. Enter it again/);
    // The secret field is back to asking for one.
    expect(screen.getByText('Not set yet. Stored encrypted, never shown again.')).toBeTruthy();
  });
});

describe('Mappings form view', () => {
  it('fills response_fields from an example response', async () => {
    stubApi({ [`GET ${path}`]: { status: 200, body: connector({ mappings: { create_user: createUser } }) } });
    renderWithProviders(<Harness initialTab="mappings" />);
    fireEvent.click(within(await screen.findByRole('radiogroup', { name: 'Mappings editor view' })).getByRole('radio', { name: 'Form' }));
    fireEvent.click(await screen.findByRole('button', { name: 'From an example response' }));
    const dialog = await screen.findByRole('dialog', { name: 'Map response fields from an example' });
    fireEvent.change(within(dialog).getByLabelText('Example success response'), { target: { value: '{"result": {"user": {"uid": 5, "login": "jane"}}}' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Use result.user.uid for id' }));
    // The picker moves on to the next field.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Use result.user.login for userName' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: /^id/ })).toHaveProperty('value', 'result.user.uid'));
    expect(screen.getByRole('textbox', { name: /^userName/ })).toHaveProperty('value', 'result.user.login');
    expect(screen.getByRole('textbox', { name: /^email/ })).toHaveProperty('value', 'data.email');
  });
});

describe('Preview & Test', () => {
  it('renders the request in the browser as you type and reads the sample response', async () => {
    stubApi({ [`GET ${path}`]: { status: 200, body: connector() } });
    renderWithProviders(<Harness initialTab="preview" />);
    const preview = await screen.findByRole('group', { name: 'Preview request' });
    expect(within(preview).getByLabelText('Method POST')).toBeTruthy();
    expect(within(preview).getByLabelText('URL').textContent).toBe('https://api.example.com/v1/users');
    expect(within(preview).getByText('Bearer ••••••')).toBeTruthy();
    expect(within(preview).getByText('secret hidden')).toBeTruthy();
    expect(within(preview).getByLabelText('Request body').textContent).toBe('{\n  "email": "jane.doe@example.com"\n}');

    typeInto('Context JSON', '{"scim_user": {"emails": [{"value": "sam@example.com", "primary": true}]}}');
    await waitFor(() => expect(within(screen.getByRole('group', { name: 'Preview request' })).getByLabelText('Request body').textContent).toContain('sam@example.com'));

    fireEvent.change(screen.getByLabelText(/^Sample response body/), { target: { value: '{"data": {"id": 77}}' } });
    const resolved = await screen.findByRole('table', { name: 'Resolved from the sample response' });
    expect(within(resolved).getByText('77')).toBeTruthy();
    expect(within(resolved).getByText('sam@example.com')).toBeTruthy();

    typeInto('Context JSON', '{"scim_user": ');
    expect(await screen.findByText('Line 1, column 15: Unexpected end of the text: a value is expected')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Run server Preview' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Run live test' })).toHaveProperty('disabled', true);
  });

  it('needs the acknowledgment before a live test of a write', async () => {
    const fetchSpy = stubApi({
      [`GET ${path}`]: { status: 200, body: connector() },
      [`POST ${path}/test`]: {
        status: 200,
        body: {
          mode: 'request',
          ok: true,
          operation: 'create_user',
          request: { method: 'POST', url: 'https://api.example.com/v1/users', headers: { Authorization: 'Bearer ••••••' }, body: '{}' },
          status: 201,
          body: '{"data": {"id": "u-9"}}',
          bodyTruncated: false,
          resolved: { id: 'u-9' },
          durationMs: 42,
          attempts: 1,
        },
      },
    });
    renderWithProviders(<Harness initialTab="preview" />);
    const run = await screen.findByRole('button', { name: 'Run live test' });
    expect(run).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'I understand this sends a real request that can change data in the connected app' }));
    fireEvent.click(run);
    const result = await screen.findByRole('region', { name: 'Live test result' });
    expect(within(result).getByText('Succeeded')).toBeTruthy();
    expect(within(result).getByText('201')).toBeTruthy();
    expect(within(result).getByText('42 ms')).toBeTruthy();
    expect(within(result).getByText('u-9')).toBeTruthy();
    expect(sentBody(fetchSpy, 'POST')).toEqual({ mode: 'request', operation: 'create_user', acknowledgeSideEffects: true });
  });
});
