import { CUSTOM_INTEGRATIONS_CATEGORY, type ListIntegrationsQuery, type MonitoringCategoryResponse } from '@gatehouse/contracts';

export interface CategoryOption {
  readonly value: string;
  readonly label: string;
}

/** The category filter's choices: custom integrations first, then the catalog's categories. */
export function categoryOptions(categories: readonly MonitoringCategoryResponse[]): CategoryOption[] {
  return [{ value: CUSTOM_INTEGRATIONS_CATEGORY, label: 'Custom Integrations' }, ...categories.map((c) => ({ value: c.key, label: c.name }))];
}

/** The list query for what the user typed and picked; blanks are left out so keys stay stable. */
export function integrationListQuery(search: string, category: string | null): ListIntegrationsQuery {
  const q = search.trim();
  return { ...(q ? { q } : {}), ...(category ? { category } : {}) };
}

/** `1 monitoring`, `3 monitorings`. */
export function monitoringCountLabel(count: number): string {
  return `${count} ${count === 1 ? 'monitoring' : 'monitorings'}`;
}
