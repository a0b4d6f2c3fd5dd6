import type { IntegrationContext } from '@gatehouse/contracts';
import { describe, expect, it, jest } from '@jest/globals';
import { getContextSchema } from '@gatehouse/schemas';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithProviders } from '../../../test/render';
import { RECORDS_PAGE_SIZE, RecordsPanel } from './records-panel';

const context = { key: 'list_employees', name: 'Employee records', schema: getContextSchema('list_employees') } as unknown as IntegrationContext;

const person = (i: number) => ({ id: `emp_${i}`, employee_name: `Person ${i}`, email: `p${i}@example.com`, tags: { a: 1 } });

/** A fake records endpoint over `total` people, honouring page, pageSize and q. */
function stubRecords(total: number, { submissionId = 's1' as string | null } = {}) {
  const all = Array.from({ length: total }, (_, i) => ({ index: i, data: person(i), json: JSON.stringify(person(i)) }));
  const fetchSpy = jest.fn(async (input: unknown) => {
    const url = new URL(String(input), 'http://localhost');
    const page = Number(url.searchParams.get('page'));
    const pageSize = Number(url.searchParams.get('pageSize'));
    const q = url.searchParams.get('q');
    const matching = submissionId && q ? all.filter((r) => JSON.stringify(r.data).includes(q)) : submissionId ? all : [];
    const body = { submissionId, total: matching.length, page, pageSize, items: matching.slice((page - 1) * pageSize, page * pageSize) };
    return { status: 200, ok: true, text: async () => JSON.stringify(body) };
  });
  globalThis.fetch = fetchSpy as unknown as typeof fetch;
  return fetchSpy;
}
const lastQuery = (spy: ReturnType<typeof stubRecords>) => new URL(String(spy.mock.calls.at(-1)![0]), 'http://localhost').searchParams;
const firstCells = () =>
  within(screen.getByRole('table', { name: 'Records of list_employees' }))
    .getAllByRole('row')
    .slice(1)
    .map((tr) => within(tr).getAllByRole('cell')[1]!.textContent);

describe('RecordsPanel', () => {
  it('pages through the latest push with thousands-separated counts', async () => {
    const fetchSpy = stubRecords(1240);
    renderWithProviders(<RecordsPanel integrationId="i1" context={context} />);
    await screen.findByText('1,240 records');
    expect(lastQuery(fetchSpy).toString()).toBe(`submission=latest&page=1&pageSize=${RECORDS_PAGE_SIZE}`);
    expect(screen.getByText('Showing 1–25 of 1,240')).toBeTruthy();
    expect(firstCells()[0]).toBe('emp_0');
    // Columns come from the schema: the record key first; nested objects stay out.
    const headers = within(screen.getByRole('table')).getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Full record', 'ID', 'Employee name', 'Email', 'Job title', 'Manager', 'Hiring date']);

    fireEvent.click(screen.getByRole('button', { name: '2' }));
    await screen.findByText('Showing 26–50 of 1,240');
    expect(lastQuery(fetchSpy).get('page')).toBe('2');
    expect(firstCells()[0]).toBe('emp_25');
  });

  it('searches after a pause in typing and starts the search at page 1', async () => {
    const fetchSpy = stubRecords(60);
    renderWithProviders(<RecordsPanel integrationId="i1" context={context} />);
    await screen.findByText('60 records');
    fireEvent.click(screen.getByRole('button', { name: '3' }));
    await screen.findByText('Showing 51–60 of 60');

    fireEvent.change(screen.getByLabelText('Search records'), { target: { value: 'Person 4' } });
    fireEvent.change(screen.getByLabelText('Search records'), { target: { value: 'Person 42' } });
    await screen.findByText('1 record matches “Person 42”');
    const searches = fetchSpy.mock.calls.map(([input]) => new URL(String(input), 'http://localhost').searchParams.get('q')).filter(Boolean);
    // Debounced: the half-typed "Person 4" was never sent.
    expect(searches).toEqual(['Person 42']);
    expect(lastQuery(fetchSpy).get('page')).toBe('1');
    expect(firstCells()).toEqual(['emp_42']);
    expect(screen.queryByRole('navigation')).toBeNull();

    fireEvent.change(screen.getByLabelText('Search records'), { target: { value: 'nobody' } });
    await screen.findByText('No matching records');
  });

  it('opens the full record in a drawer', async () => {
    stubRecords(3);
    renderWithProviders(<RecordsPanel integrationId="i1" context={context} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Show record emp_1' }));
    const drawer = await screen.findByRole('dialog', { name: 'Record emp_1' });
    expect(JSON.parse(within(drawer).getByLabelText('JSON of record emp_1').textContent!)).toEqual(person(1));
  });

  it('shows a record exactly as it was sent, where parsing it would change numbers, key order and escapes', async () => {
    const sent = '{"zz":1.0, "id":"emp_9","employee_name":"Ren\\u00e9","big":12345678901234567890,"department":"R&D","job_title":1.50}';
    const body = { submissionId: 's1', total: 1, page: 1, pageSize: RECORDS_PAGE_SIZE, items: [{ index: 0, data: JSON.parse(sent), json: sent }] };
    globalThis.fetch = jest.fn(async () => ({ status: 200, ok: true, text: async () => JSON.stringify(body) })) as unknown as typeof fetch;
    renderWithProviders(<RecordsPanel integrationId="i1" context={context} />);
    // A number in a column is shown as sent, not as the browser reads it (1.5).
    const row = within(await screen.findByRole('table', { name: 'Records of list_employees' })).getAllByRole('row')[1]!;
    expect(within(row).getByText('1.50')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Show record emp_9' }));
    const drawer = await screen.findByRole('dialog', { name: 'Record emp_9' });
    expect(within(drawer).getByLabelText('JSON of record emp_9').textContent).toBe(sent);
    fireEvent.click(within(drawer).getByText('Indented'));
    expect(within(drawer).getByLabelText('JSON of record emp_9').textContent).toBe(
      '{\n  "zz": 1.0,\n  "id": "emp_9",\n  "employee_name": "Ren\\u00e9",\n  "big": 12345678901234567890,\n  "department": "R&D",\n  "job_title": 1.50\n}',
    );
  });

  it('says when the context has no accepted push yet', async () => {
    stubRecords(0, { submissionId: null });
    renderWithProviders(<RecordsPanel integrationId="i1" context={context} />);
    await screen.findByText('No records yet');
    expect(screen.getByText('Records appear here once a push to list_employees is accepted.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByLabelText('Search records')).toBeNull());
  });
});
