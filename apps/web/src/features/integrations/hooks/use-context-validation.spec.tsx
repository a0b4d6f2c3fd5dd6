import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { getContextSchema } from '@gatehouse/schemas';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { pastedJsonFile } from '../utils/file-checks';
import { useContextValidation } from './use-context-validation';

const context = { schema: { ...getContextSchema('list_employees')! }, validateUrl: '/api/integrations/i1/contexts/list_employees/validate', maxPushBytes: 50 * 1024 * 1024 };
const json = (body: unknown, name = 'employees.json') => new File([JSON.stringify(body)], name, { type: 'application/json' });

function setup(strict = false) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  return renderHook(() => useContextValidation(context, strict), { wrapper });
}

function answer(status: number, body: unknown) {
  // jsdom has no Response; api() reads only these three.
  const fetchMock = jest.fn(async () => ({ status, ok: status < 300, text: async () => JSON.stringify(body) }));
  globalThis.fetch = fetchMock as unknown as typeof fetch;
  return fetchMock;
}

describe('useContextValidation', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('shows the problems the browser finds without uploading the file', async () => {
    const fetchMock = answer(500, {});
    const { result } = setup();
    await act(() => result.current.validate(json({ data: [{ id: 'e1', email: 'nope' }, { email: 'a@b.co' }] })));
    expect(result.current.state).toMatchObject({
      status: 'done',
      checkedBy: 'browser',
      result: { valid: false, recordCount: 2, errorCount: 2, errors: [{ index: 0, path: 'email' }, { index: 1, path: 'id' }] },
    });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('checks pasted JSON as it checks a file: the same problems, a syntax error by line and column', async () => {
    const fetchMock = answer(500, {});
    const { result } = setup();
    await act(() => result.current.validate(pastedJsonFile('{"data": [{"id": "e1", "email": "nope"}, {"email": "a@b.co"}]}')));
    expect(result.current.state).toMatchObject({
      status: 'done',
      fileName: 'pasted.json',
      result: { valid: false, recordCount: 2, errorCount: 2, errors: [{ index: 0, path: 'email' }, { index: 1, path: 'id' }] },
    });
    await act(() => result.current.validate(pastedJsonFile('{"data": [\n  {"id": "e1",}\n]}')));
    expect(result.current.state).toMatchObject({ status: 'done', result: { valid: false, errors: [{ index: null, line: 2 }] } });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('has the server confirm a file the browser found valid, sending it as multipart "file"', async () => {
    const fetchMock = answer(200, { valid: true, recordCount: 1, errorCount: 0, errors: [] });
    const { result } = setup();
    await act(() => result.current.validate(json({ data: [{ id: 'e1' }] })));
    await waitFor(() => expect(result.current.state.status).toBe('done'));
    expect(result.current.state).toMatchObject({ checkedBy: 'server', result: { valid: true, recordCount: 1 } });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(context.validateUrl);
    expect(init.method).toBe('POST');
    expect((init.body as FormData).get('file')).toBeInstanceOf(File);
  });

  it("keeps the browser's answer, with a note, when the server cannot confirm", async () => {
    answer(503, { statusCode: 503, error: 'Service Unavailable', code: 'unavailable', message: 'Try again later', details: [] });
    const { result } = setup();
    await act(() => result.current.validate(json({ data: [{ id: 'e1' }] })));
    await waitFor(() => expect(result.current.state.status).toBe('done'));
    expect(result.current.state).toMatchObject({
      checkedBy: 'browser',
      result: { valid: true, recordCount: 1 },
      note: 'Checked in your browser; the server could not confirm it (Try again later).',
    });
  });

  it('keeps a file with a property the schema does not define valid, listing it as a warning', async () => {
    // The server cannot confirm, so what shows is the browser's own answer.
    const fetchMock = answer(503, { statusCode: 503, error: 'Service Unavailable', code: 'unavailable', message: 'Try again later', details: [] });
    const { result } = setup();
    await act(() => result.current.validate(json({ data: [{ id: 'e1', employe_name: 'Ada' }] })));
    await waitFor(() => expect(result.current.state.status).toBe('done'));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(result.current.state).toMatchObject({
      checkedBy: 'browser',
      result: { valid: true, errorCount: 0, warningCount: 1, warnings: [{ index: 0, path: 'employe_name', message: 'is not in the schema; did you mean `employee_name`?' }] },
    });
  });

  it('refuses that property in the browser when the integration is strict, without uploading the file', async () => {
    const fetchMock = answer(500, {});
    const { result } = setup(true);
    await act(() => result.current.validate(json({ data: [{ id: 'e1', employe_name: 'Ada' }] })));
    expect(result.current.state).toMatchObject({
      status: 'done',
      checkedBy: 'browser',
      result: { valid: false, errorCount: 1, errors: [{ index: 0, path: 'employe_name', message: expect.stringContaining('did you mean `employee_name`? The integration is strict') }] },
    });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('reports where a file stops being JSON', async () => {
    answer(500, {});
    const { result } = setup();
    await act(() => result.current.validate(new File(['{"data": [\n  {"id": "e1",}\n]}'], 'broken.json', { type: 'application/json' })));
    expect(result.current.state).toMatchObject({ status: 'done', result: { valid: false, errors: [{ index: null, line: 2 }] } });
  });

  it('says a binary file named .json is not a JSON file, naming what it holds, without uploading it', async () => {
    const upload = answer(500, {});
    const { result } = setup();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await act(() => result.current.validate(new File([png], 'employees.json', { type: 'application/json' })));
    expect(result.current.state).toEqual({
      status: 'refused',
      problem: '"employees.json" is not a JSON file: it holds a PNG image. Upload the JSON text of a request body, shaped like {"data": [ ... ]}.',
    });
    expect(upload).not.toHaveBeenCalled();
  });

  it('refuses a file that is not JSON, and reset clears the dialog', async () => {
    const { result } = setup();
    await act(() => result.current.validate(new File(['a,b'], 'employees.csv', { type: 'text/csv' })));
    expect(result.current.state).toEqual({ status: 'refused', problem: expect.stringContaining('is not a .json file') });
    act(() => result.current.reset());
    expect(result.current.state).toEqual({ status: 'idle' });
  });
});
