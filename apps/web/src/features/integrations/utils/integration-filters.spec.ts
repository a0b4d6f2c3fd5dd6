import { describe, expect, it } from '@jest/globals';
import { categoryOptions, integrationListQuery, monitoringCountLabel } from './integration-filters';

describe('categoryOptions', () => {
  it('puts Custom Integrations before the catalog categories', () => {
    expect(categoryOptions([{ key: 'hr', name: 'HR', description: '', monitoringCount: 3 }])).toEqual([
      { value: 'custom', label: 'Custom Integrations' },
      { value: 'hr', label: 'HR' },
    ]);
  });
});

describe('integrationListQuery', () => {
  it('leaves out blank search and no category', () => {
    expect(integrationListQuery('  ', null)).toEqual({});
    expect(integrationListQuery(' HR system ', 'custom')).toEqual({ q: 'HR system', category: 'custom' });
  });
});

describe('monitoringCountLabel', () => {
  it('agrees in number', () => {
    expect(monitoringCountLabel(1)).toBe('1 monitoring');
    expect(monitoringCountLabel(2)).toBe('2 monitorings');
  });
});
