import { describe, expect, it } from '@jest/globals';
import { forCompany, isUuid } from './tenant.js';

describe('forCompany', () => {
  it('adds the company to the where clause and keeps the other conditions', () => {
    expect(forCompany<{ companyId: string; id: string }>('c1', { id: 'x' })).toEqual({ id: 'x', companyId: 'c1' });
  });

  it('refuses a query without a company', () => {
    expect(() => forCompany('', {})).toThrow(/company id is required/);
    expect(() => forCompany(undefined as unknown as string)).toThrow(/Tenant scope missing/);
  });

  it('lets a caller-supplied companyId never override the scope', () => {
    expect(forCompany<{ companyId: string }>('mine', { companyId: 'theirs' })).toEqual({ companyId: 'mine' });
  });
});

describe('isUuid', () => {
  it('accepts uuids and rejects anything else', () => {
    expect(isUuid('2f1c7f6e-8a4b-4c3d-9e2f-1a2b3c4d5e6f')).toBe(true);
    expect(isUuid("1' or 1=1")).toBe(false);
  });
});
