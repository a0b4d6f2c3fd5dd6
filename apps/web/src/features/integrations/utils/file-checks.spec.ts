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
    expect(planValidationFile({ name: 'employees.json', type: 'application/json', size: 2000 }, 50 * MB)).toEqual({ ok: true, confirmWithServer: true, showProgress: false });
  });

  it('accepts a .json name whatever type the browser guessed', () => {
    expect(planValidationFile({ name: 'EMPLOYEES.JSON', type: '', size: 10 }, 50 * MB).ok).toBe(true);
  });

  it('shows progress for large files and keeps files over the 50 MB upload in the browser when the push takes them', () => {
    expect(planValidationFile({ name: 'big.json', type: 'application/json', size: 20 * MB }, 50 * MB)).toEqual({ ok: true, confirmWithServer: true, showProgress: true });
    expect(planValidationFile({ name: 'huge.json', type: 'application/json', size: 50 * MB + 1 }, 100 * MB)).toEqual({ ok: true, confirmWithServer: false, showProgress: true });
  });

  it('refuses a file over the push limit, naming both sizes and what to do, instead of calling it valid', () => {
    const plan = planValidationFile({ name: 'employees.json', type: 'application/json', size: Math.round(68.8 * MB) }, 50 * MB);
    expect(plan.ok).toBe(false);
    const problem = plan.ok ? '' : plan.problem;
    expect(problem).toContain('"employees.json" cannot be pushed. The file is 69 MB, over the push limit of 50 MB: a push of it is refused (413)');
    expect(problem).toContain('cannot be sent in parts');
    expect(problem).toContain('INGEST_MAX_BODY_MB');
    expect(planValidationFile({ name: 'exact.json', type: 'application/json', size: 50 * MB }, 50 * MB).ok).toBe(true);
  });

  it('refuses files that are not JSON or are empty', () => {
    expect(planValidationFile({ name: 'employees.csv', type: 'text/csv', size: 10 }, 50 * MB)).toEqual({
      ok: false,
      problem: '"employees.csv" is not a .json file. Upload a JSON file shaped like the request body: {"data": [ ... ]}.',
    });
    expect(planValidationFile({ name: 'e.json', type: 'application/json', size: 0 }, 50 * MB)).toEqual({ ok: false, problem: '"e.json" is empty.' });
  });
});
