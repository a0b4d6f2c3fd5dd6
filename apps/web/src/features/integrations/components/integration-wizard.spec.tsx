import { beforeAll, describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithProviders } from '../../../test/render';
import { IntegrationWizard } from './integration-wizard';
import type { RenderMonitoringPicker } from './monitoring-slots';

// A stand-in for the monitorings feature's picker: two checkboxes.
const renderPicker: RenderMonitoringPicker = ({ value, onChange }) => (
  <div>
    {['employee_onboarding_offboarding', 'privileged_access'].map((id) => (
      <label key={id}>
        <input type="checkbox" checked={value.includes(id)} onChange={(e) => onChange(e.currentTarget.checked ? [...value, id] : value.filter((x) => x !== id))} />
        {id}
      </label>
    ))}
  </div>
);

const stepButton = (label: string) => screen.getByRole('button', { name: new RegExp(label) });

describe('IntegrationWizard', () => {
  beforeAll(() => {
    // The autosizing description field listens for web fonts, which jsdom does not have.
    if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {} }, configurable: true });
  });

  it('refuses to leave Basic Details without a name', () => {
    renderWithProviders(<IntegrationWizard renderPicker={renderPicker} />);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Integration Name is required')).toBeTruthy();
    expect(screen.getByLabelText(/^Integration Name/)).toBeTruthy();
  });

  it('keeps what was entered when going back through the stepper, and reaches Review', () => {
    renderWithProviders(<IntegrationWizard renderPicker={renderPicker} />);
    fireEvent.change(screen.getByLabelText(/^Integration Name/), { target: { value: 'In-house HR System' } });
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    expect(screen.getByText(/select at least one/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('employee_onboarding_offboarding'));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getAllByText('list_employees').length).toBeGreaterThan(0);

    fireEvent.click(stepButton('Basic Details'));
    const name = screen.getByLabelText(/^Integration Name/) as HTMLInputElement;
    expect(name.value).toBe('In-house HR System');
    fireEvent.change(name, { target: { value: 'HR System v2' } });

    fireEvent.click(stepButton('Select Monitorings'));
    expect((screen.getByLabelText('employee_onboarding_offboarding') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(stepButton('Review'));
    expect(screen.getByText('HR System v2')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Finish' })).toBeTruthy();
  });

  it('keeps the draft for the next visit, says so, and "Discard draft" starts over', async () => {
    localStorage.clear();
    const first = renderWithProviders(<IntegrationWizard renderPicker={renderPicker} storageKey="draft-test" />);
    fireEvent.change(screen.getByLabelText(/^Integration Name/), { target: { value: 'Payroll Feed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(screen.getByLabelText('privileged_access'));
    await waitFor(() => expect(localStorage.getItem('draft-test')).toContain('privileged_access'));
    first.unmount();

    renderWithProviders(<IntegrationWizard renderPicker={renderPicker} storageKey="draft-test" />);
    expect(screen.getByText('Draft restored')).toBeTruthy();
    // Back on the step it was left at, with the selection kept.
    expect((screen.getByLabelText('privileged_access') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(stepButton('Basic Details'));
    expect((screen.getByLabelText(/^Integration Name/) as HTMLInputElement).value).toBe('Payroll Feed');

    fireEvent.click(screen.getByRole('button', { name: 'Discard draft' }));
    expect(screen.queryByText('Draft restored')).toBeNull();
    expect((screen.getByLabelText(/^Integration Name/) as HTMLInputElement).value).toBe('');
    expect(localStorage.getItem('draft-test')).toBeNull();
  });
});
