import { describe, expect, it } from '@jest/globals';
import { errorRows, invalidSummary, truncationNote, validSummary } from './validation-display';

describe('validSummary', () => {
  it('says valid with the record count', () => {
    expect(validSummary(3)).toBe('All records are valid: 3 records checked.');
    expect(validSummary(1)).toBe('All records are valid: 1 record checked.');
  });
});

describe('invalidSummary', () => {
  it('counts problems and the records they are in', () => {
    const errors = [
      { index: 0, path: 'email', message: 'must be a valid email address' },
      { index: 0, path: 'hiring_date', message: 'must be a date-time' },
      { index: 2, path: 'id', message: 'is required' },
    ];
    expect(invalidSummary({ valid: false, recordCount: 3, errorCount: 3, errors })).toBe('3 problems found in 2 records.');
  });

  it('leaves out records for a body-level problem', () => {
    const errors = [{ index: null, path: 'data', message: 'The request body is a bare array.' }];
    expect(invalidSummary({ valid: false, recordCount: 0, errorCount: 1, errors })).toBe('1 problem found.');
  });
});

describe('errorRows', () => {
  it('shows the record index, the field path and the message', () => {
    expect(
      errorRows([
        { index: 0, path: 'email', message: 'must be a valid email address' },
        { index: 4, path: '', message: 'must be an object' },
        { index: null, path: 'data', message: '"data" must be an array' },
        { index: null, path: '', message: 'Unexpected token', line: 3, column: 7 },
      ]).map(({ record, field, problem }) => [record, field, problem]),
    ).toEqual([
      ['1', 'email', 'must be a valid email address'],
      ['5', '(whole record)', 'must be an object'],
      ['Request body', 'data', '"data" must be an array'],
      ['Request body', 'line 3, column 7', 'Unexpected token'],
    ]);
  });
});

describe('truncationNote', () => {
  it('appears only when the list was cut short', () => {
    const errors = [{ index: 0, path: 'id', message: 'is required' }];
    expect(truncationNote({ valid: false, recordCount: 1, errorCount: 1, errors })).toBeNull();
    expect(truncationNote({ valid: false, recordCount: 500, errorCount: 250, errors })).toBe('Showing the first 1 of 250 problems.');
  });
});
