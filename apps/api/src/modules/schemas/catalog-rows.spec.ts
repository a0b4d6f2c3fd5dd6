import { describe, expect, it } from '@jest/globals';
import { CATALOG, type MonitoringCatalog } from '@gatehouse/schemas';
import { catalogRows } from './catalog-rows.js';

describe('catalogRows', () => {
  it('flattens the catalog in force: every context once, every monitoring linked to its contexts in order', () => {
    const rows = catalogRows(CATALOG);
    expect(rows.version).toBe(CATALOG.version);
    expect(rows.categories.map((c) => c.key)).toEqual(CATALOG.categories.map((c) => c.key));
    expect(rows.monitorings).toHaveLength(CATALOG.monitorings.length);
    expect(new Set(rows.contexts.map((c) => c.key)).size).toBe(rows.contexts.length);
    const onboarding = rows.links.filter((l) => l.monitoring_key === 'background_checks');
    expect(onboarding).toEqual([
      { monitoring_key: 'background_checks', context_key: 'list_employees', position: 0 },
      { monitoring_key: 'background_checks', context_key: 'list_background_checks', position: 1 },
    ]);
  });

  it('refuses a monitoring in an unknown category and a context key with two schemas', () => {
    const ctx = CATALOG.monitorings[0]!.contexts[0]!;
    const base = { version: 9, categories: [{ key: 'hr', name: 'HR', description: '' }] };
    const stray: MonitoringCatalog = { ...base, monitorings: [{ key: 'm', name: 'M', description: '', category: 'nope', contexts: [] }] };
    expect(() => catalogRows(stray)).toThrow('unknown category "nope"');
    const twice: MonitoringCatalog = {
      ...base,
      monitorings: [
        { key: 'a', name: 'A', description: '', category: 'hr', contexts: [ctx] },
        { key: 'b', name: 'B', description: '', category: 'hr', contexts: [{ ...ctx, schema: { ...ctx.schema, required: [] } }] },
      ],
    };
    expect(() => catalogRows(twice)).toThrow(`context "${ctx.key}" has two different schemas`);
  });
});
