import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { renderWithProviders } from '../../../test/render';
import { ValidationResult } from './validation-result';

describe('ValidationResult', () => {
  it('shows a green status with the record count for a valid file', () => {
    renderWithProviders(<ValidationResult fileName="employees.json" result={{ valid: true, recordCount: 3, errorCount: 0, errors: [] }} />);
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('employees.json is valid');
    expect(status.textContent).toContain('valid: 3 records');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('lists properties the schema does not define as warnings beside a valid verdict', () => {
    renderWithProviders(
      <ValidationResult
        fileName="employees.json"
        result={{ valid: true, recordCount: 3, errorCount: 0, errors: [], warningCount: 1, warnings: [{ index: 1, path: 'employe_name', message: 'is not in the schema; did you mean `employee_name`?' }] }}
      />,
    );
    expect(screen.getByRole('status').textContent).toContain('employees.json is valid');
    expect(screen.getByText('1 warning: a property not in the schema')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Validation warnings' });
    expect(within(table).getByText('employe_name')).toBeTruthy();
    expect(within(table).getByText('is not in the schema; did you mean `employee_name`?')).toBeTruthy();
  });

  it('lists each problem by record index and field with the total count', () => {
    renderWithProviders(
      <ValidationResult
        fileName="bad.json"
        result={{
          valid: false,
          recordCount: 2,
          errorCount: 2,
          errors: [
            { index: 0, path: 'email', message: 'must be a valid email address (format "email")' },
            { index: 1, path: 'id', message: 'is required' },
          ],
        }}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('2 problems found in 2 records.');
    const table = screen.getByRole('table', { name: 'Validation problems' });
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Record', 'Field', 'Problem']);
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((tr) => within(tr).getAllByRole('cell').map((td) => td.textContent));
    expect(rows).toEqual([
      ['1', 'email', 'must be a valid email address (format "email")'],
      ['2', 'id', 'is required'],
    ]);
  });

  it('says when the list was cut short and where a syntax error is', () => {
    renderWithProviders(
      <ValidationResult
        fileName="broken.json"
        note="Checked in your browser only: files over 50 MB are not uploaded for validation."
        result={{ valid: false, recordCount: 0, errorCount: 250, errors: [{ index: null, path: '', message: 'Unexpected end of JSON', line: 4, column: 2 }] }}
      />,
    );
    expect(screen.getByText('Showing the first 1 of 250 problems.')).toBeTruthy();
    expect(screen.getByText('Checked in your browser only: files over 50 MB are not uploaded for validation.')).toBeTruthy();
    const cells = within(screen.getByRole('table')).getAllByRole('cell').map((td) => td.textContent);
    expect(cells).toEqual(['Request body', 'line 4, column 2', 'Unexpected end of JSON']);
  });
});
