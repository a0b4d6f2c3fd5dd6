import type { RecordSchema } from '../json-schema.js';
import type { Monitoring, MonitoringCategory, MonitoringContext } from './types.js';
import { CATALOG_V1 } from './v1.js';

/** The catalog in force. Callers read it through the helpers below. */
export const CATALOG = CATALOG_V1;

export interface CategorySummary extends MonitoringCategory {
  readonly monitoringCount: number;
}

export interface MonitoringFilter {
  /** Category key; unknown keys match nothing. */
  readonly category?: string;
  /** Free text: every word must appear in the name or description (case-insensitive). */
  readonly q?: string;
}

/** A context needed by a selection of monitorings, with the monitorings that need it. */
export interface SelectedContext extends MonitoringContext {
  readonly monitorings: readonly { readonly key: string; readonly name: string }[];
}

// Lookups are built once: the catalog is frozen, and these are called on every request.
const monitoringsByKey = new Map<string, Monitoring>(CATALOG.monitorings.map((m) => [m.key, m]));
const contextsByKey = new Map<string, MonitoringContext>();
for (const monitoring of CATALOG.monitorings) {
  for (const context of monitoring.contexts) {
    if (!contextsByKey.has(context.key)) contextsByKey.set(context.key, context);
  }
}
const categorySummaries: readonly CategorySummary[] = Object.freeze(
  CATALOG.categories.map((category) =>
    Object.freeze({
      ...category,
      monitoringCount: CATALOG.monitorings.filter((m) => m.category === category.key).length,
    }),
  ),
);
const searchText = new Map<Monitoring, string>(
  CATALOG.monitorings.map((m) => [m, `${m.name}\n${m.description}`.toLowerCase()]),
);

export function listCategories(): readonly CategorySummary[] {
  return categorySummaries;
}

export function listMonitorings(filter: MonitoringFilter = {}): readonly Monitoring[] {
  const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return CATALOG.monitorings.filter((monitoring) => {
    if (filter.category !== undefined && monitoring.category !== filter.category) return false;
    const text = searchText.get(monitoring)!;
    return words.every((word) => text.includes(word));
  });
}

export function getMonitoring(key: string): Monitoring | undefined {
  return monitoringsByKey.get(key);
}

/** Every context of the catalog, each once, in catalog order. */
export function listContexts(): readonly MonitoringContext[] {
  return [...contextsByKey.values()];
}

export function getContext(contextKey: string): MonitoringContext | undefined {
  return contextsByKey.get(contextKey);
}

export function getContextSchema(contextKey: string): RecordSchema | undefined {
  return contextsByKey.get(contextKey)?.schema;
}

/** Monitoring keys that are not in the catalog; lets the API refuse a bad selection by name. */
export function findUnknownMonitoringKeys(keys: readonly string[]): string[] {
  return [...new Set(keys)].filter((key) => !monitoringsByKey.has(key));
}

/**
 * The contexts (endpoints and schemas) an integration needs for a selection of monitorings,
 * each once, in order of first appearance. Unknown keys are skipped so an integration saved
 * against an older selection still renders; use findUnknownMonitoringKeys to refuse them.
 */
export function contextsForMonitorings(keys: readonly string[]): SelectedContext[] {
  const selected = new Map<string, { context: MonitoringContext; monitorings: { key: string; name: string }[] }>();
  for (const key of new Set(keys)) {
    const monitoring = monitoringsByKey.get(key);
    if (!monitoring) continue;
    for (const context of monitoring.contexts) {
      let entry = selected.get(context.key);
      if (!entry) {
        entry = { context, monitorings: [] };
        selected.set(context.key, entry);
      }
      entry.monitorings.push({ key: monitoring.key, name: monitoring.name });
    }
  }
  return [...selected.values()].map(({ context, monitorings }) => ({ ...context, monitorings }));
}
