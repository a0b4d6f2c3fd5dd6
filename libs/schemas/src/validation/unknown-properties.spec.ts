import { getRecordValidator, getContextSchema } from '../index.js';
import { closestProperty } from './unknown-properties.js';

describe('properties the schema does not define', () => {
  const validator = getRecordValidator(getContextSchema('list_employees')!);
  const employee = { id: 'e1', employee_name: 'Ada', email: 'ada@example.com' };

  it('warns about a typo with the name it most likely meant, without making the record invalid', () => {
    const { employee_name: _, ...typo } = { ...employee, employe_name: 'Ada' };
    const result = validator.validateRecords([employee, { ...typo, id: 'e2' }]);
    expect(result).toMatchObject({ valid: true, recordCount: 2, errorCount: 0, errors: [] });
    expect(result.warningCount).toBe(1);
    expect(result.warnings).toEqual([{ index: 1, path: 'employe_name', message: 'is not in the schema; did you mean `employee_name`?' }]);
  });

  it('warns without a suggestion when nothing is close, counts every warning and lists at most maxErrors', () => {
    const records = Array.from({ length: 5 }, (_, i) => ({ ...employee, id: `e${i}`, favourite_colour: 'teal' }));
    const result = validator.validateRecords(records, { maxErrors: 2 });
    expect(result.warningCount).toBe(5);
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings![0]!.message).toBe('is not in the schema, so it is stored but no check or monitoring reads it');
  });

  it('refuses them instead, with the same suggestion, when the integration is strict', () => {
    const { employee_name: _, ...typo } = { ...employee, employe_name: 'Ada' };
    const result = validator.validateRecords([employee, { ...typo, id: 'e2' }, { ...employee, id: 'e3', favourite_colour: 'teal' }], { strict: true });
    expect(result).toMatchObject({ valid: false, recordCount: 3, errorCount: 2 });
    expect(result.errors).toEqual([
      { index: 1, path: 'employe_name', message: 'is not in the schema; did you mean `employee_name`? The integration is strict: records with properties the schema does not define are refused' },
      { index: 2, path: 'favourite_colour', message: 'is not in the schema, and the integration is strict: records with properties the schema does not define are refused' },
    ]);
    expect(result).not.toHaveProperty('warnings');
  });

  it('says nothing when every property is defined', () => {
    const result = validator.validateRecords([employee]);
    expect(result).not.toHaveProperty('warnings');
    expect(result).not.toHaveProperty('warningCount');
  });

  it('suggests across case, one missing letter and swapped letters, but not for distant names', () => {
    const names = ['employee_name', 'email', 'department'];
    expect(closestProperty('Email', names)).toBe('email');
    expect(closestProperty('departmnet', names)).toBe('department');
    expect(closestProperty('employe_name', names)).toBe('employee_name');
    expect(closestProperty('salary', names)).toBeUndefined();
  });
});
