import { describe, expect, it } from '@jest/globals';
import { formatBytes, logoFileProblem, planValidationFile } from './file-checks';

const MB = 1024 * 1024;

describe('formatBytes', () => {
  it('reads like a file manager', () => {
    expect(formatBytes(912)).toBe('912 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024)).toBe('20 KB');
    expect(formatBytes(MB)).toBe('1 MB');
    expect(formatBytes(1.4 * MB)).toBe('1.4 MB');
    expect(formatBytes(50 * MB)).toBe('50 MB');
  });
});

describe('logoFileProblem', () => {
  it('accepts PNG, JPEG and WebP up to 1 MB', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/webp']) expect(logoFileProblem({ name: 'l', type, size: MB })).toBeNull();
  });

  it('refuses other types, empty files and files over 1 MB', () => {
    expect(logoFileProblem({ name: 'l.svg', type: 'image/svg+xml', size: 10 })).toBe('The logo must be a PNG, JPEG or WebP image.');
    expect(logoFileProblem({ name: 'l.png', type: 'image/png', size: 0 })).toBe('The logo file is empty.');
    expect(logoFileProblem({ name: 'l.png', type: 'image/png', size: MB + 1 })).toBe('The logo must be at most 1 MB (this file is 1 MB).');
    expect(logoFileProblem({ name: 'l.png', type: 'image/png', size: 3 * MB })).toBe('The logo must be at most 1 MB (this file is 3 MB).');
  });
});

describe('planValidationFile', () => {
  it('checks a small .json file here and confirms it with the server', () => {
    expect(planValidationFile({ name: 'employees.json', type: 'application/json', size: 2000 })).toEqual({ ok: true, confirmWithServer: true, showProgress: false });
  });

  it('accepts a .json name whatever type the browser guessed', () => {
    expect(planValidationFile({ name: 'EMPLOYEES.JSON', type: '', size: 10 }).ok).toBe(true);
  });

  it('shows progress for large files and keeps files over 50 MB in the browser', () => {
    expect(planValidationFile({ name: 'big.json', type: 'application/json', size: 20 * MB })).toEqual({ ok: true, confirmWithServer: true, showProgress: true });
    expect(planValidationFile({ name: 'huge.json', type: 'application/json', size: 50 * MB + 1 })).toEqual({ ok: true, confirmWithServer: false, showProgress: true });
  });

  it('refuses files that are not JSON or are empty', () => {
    expect(planValidationFile({ name: 'employees.csv', type: 'text/csv', size: 10 })).toEqual({
      ok: false,
      problem: '"employees.csv" is not a .json file. Upload a JSON file shaped like the request body: {"data": [ ... ]}.',
    });
    expect(planValidationFile({ name: 'e.json', type: 'application/json', size: 0 })).toEqual({ ok: false, problem: '"e.json" is empty.' });
  });
});
