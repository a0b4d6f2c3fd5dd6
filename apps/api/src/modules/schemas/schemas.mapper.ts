import type { CategoryRef, MonitoringCategoryResponse, MonitoringResponse } from '@gatehouse/contracts';
import { CATALOG, type CategorySummary, type Monitoring } from '@gatehouse/schemas';

const categoryNames = new Map(CATALOG.categories.map((c) => [c.key, c.name]));

/** `{key, name}` of a category key; an unknown key (a retired category) shows as itself. */
export function categoryRef(key: string): CategoryRef {
  return { key, name: categoryNames.get(key) ?? key };
}

export function toCategoryResponse(category: CategorySummary): MonitoringCategoryResponse {
  return { key: category.key, name: category.name, description: category.description, monitoringCount: category.monitoringCount };
}

/** The monitoring's stable key doubles as its id. */
export function toMonitoringResponse(monitoring: Monitoring): MonitoringResponse {
  return {
    id: monitoring.key,
    key: monitoring.key,
    name: monitoring.name,
    description: monitoring.description,
    category: categoryRef(monitoring.category),
    contexts: monitoring.contexts.map((c) => ({ key: c.key, name: c.name, description: c.description, schema: c.schema as Record<string, unknown> })),
  };
}
