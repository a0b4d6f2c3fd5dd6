import { describe, expect, it } from '@jest/globals';
import { getContextSchema, type JsonSchema } from '@gatehouse/schemas';
import { cellText, fieldOf, fieldTitle, recordColumns, recordLabel } from './record-columns';

const employees = getContextSchema('list_employees')!;
const users = getContextSchema('list_users')!;

describe('recordColumns', () => {
  it('puts the record key first, then required fields, then the rest in schema order, six at most', () => {
    expect(recordColumns(employees).map((c) => c.field)).toEqual(['id', 'employee_name', 'email', 'job_title', 'manager', 'hiring_date']);
    expect(recordColumns(users).map((c) => c.field)).toEqual(['identifier', 'account_project_id', 'username', 'role', 'groups', 'is_admin']);
    expect(recordColumns(employees, 2).map((c) => c.field)).toEqual(['id', 'employee_name']);
  });

  it('keeps each field description for the header', () => {
    expect(recordColumns(employees)[0]).toEqual({ field: 'id', title: 'ID', description: 'Unique identifier of the employee' });
  });

  it('leaves nested objects for last', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        tags: { type: 'object' },
        owners: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } },
        name: { type: 'string' },
        aliases: { type: 'array', items: { type: 'string' } },
      },
    };
    expect(recordColumns(schema).map((c) => c.field)).toEqual(['name', 'aliases', 'tags', 'owners']);
  });

  it('copes with a schema without properties', () => {
    expect(recordColumns({ type: 'object' })).toEqual([]);
  });
});

describe('cellText', () => {
  it('shows scalars plainly and lists of scalars comma-separated', () => {
    expect(cellText('Sarah Johnson')).toBe('Sarah Johnson');
    expect(cellText(42)).toBe('42');
    expect(cellText(true)).toBe('Yes');
    expect(cellText(false)).toBe('No');
    expect(cellText(null)).toBe('null');
    expect(cellText(undefined)).toBe('');
    expect(cellText(['Developer', 'Team Lead'])).toBe('Developer, Team Lead');
  });

  it('shows a number as it was sent when its text is given', () => {
    expect(cellText(12345678901234567000, '12345678901234567890')).toBe('12345678901234567890');
    expect(cellText(1, '1.0')).toBe('1.0');
  });

  it('shows objects and lists of objects as compact JSON', () => {
    expect(cellText({ env: 'prod' })).toBe('{"env":"prod"}');
    expect(cellText([{ id: 1 }])).toBe('[{"id":1}]');
  });
});

describe('recordLabel and fieldOf', () => {
  it('names a record by its key, else by its position from 1', () => {
    expect(recordLabel({ id: 'emp_001' }, employees, 0)).toBe('emp_001');
    expect(recordLabel({ email: 'x@example.com' }, employees, 4)).toBe('record 5');
    expect(recordLabel('not an object', employees, 0)).toBe('record 1');
    expect(recordLabel({ id: 'a' }, { type: 'object' }, 2)).toBe('record 3');
  });

  it('reads a field only from objects', () => {
    expect(fieldOf({ id: 'emp_001' }, 'id')).toBe('emp_001');
    expect(fieldOf([1, 2], 'length')).toBeUndefined();
    expect(fieldOf(null, 'id')).toBeUndefined();
  });
});

describe('column titles', () => {
  it("uses the schema's title for a property, else its name in words with abbreviations in capitals", () => {
    expect(recordColumns(employees).map((c) => c.title)).toEqual(['ID', 'Employee name', 'Email', 'Job title', 'Manager', 'Hiring date']);
    expect(recordColumns({ type: 'object', properties: { emp_no: { type: 'string', title: 'Employee number' } } }).map((c) => c.title)).toEqual(['Employee number']);
    expect(['isAdmin', 'mfa_enabled', 'account_project_id', 'x'].map(fieldTitle)).toEqual(['Is admin', 'MFA enabled', 'Account project ID', 'X']);
  });
});
