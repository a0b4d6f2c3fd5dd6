import type { JsonSchema, MonitoringCatalog } from '@gatehouse/schemas';

// The catalog flattened into the rows of its four tables, in catalog order. Pure, so the
// seeder's input can be checked without a database.

export interface CategoryRow {
  key: string;
  name: string;
  description: string;
  position: number;
}

export interface ContextRow {
  key: string;
  name: string;
  description: string;
  schema: JsonSchema;
}

export interface MonitoringRow {
  key: string;
  category_key: string;
  name: string;
  description: string;
  position: number;
}

export interface ContextLinkRow {
  monitoring_key: string;
  context_key: string;
  position: number;
}

export interface CatalogRows {
  version: number;
  categories: CategoryRow[];
  contexts: ContextRow[];
  monitorings: MonitoringRow[];
  links: ContextLinkRow[];
}

/** Throws when the catalog contradicts itself (the tables' keys and foreign keys would). */
export function catalogRows(catalog: MonitoringCatalog): CatalogRows {
  const categories = catalog.categories.map((c, position) => ({ key: c.key, name: c.name, description: c.description, position }));
  const categoryKeys = new Set(categories.map((c) => c.key));
  if (categoryKeys.size !== categories.length) throw new Error('Monitoring catalog: duplicate category key');

  const contexts = new Map<string, ContextRow>();
  const monitorings: MonitoringRow[] = [];
  const links: ContextLinkRow[] = [];
  const monitoringKeys = new Set<string>();
  catalog.monitorings.forEach((m, position) => {
    if (monitoringKeys.has(m.key)) throw new Error(`Monitoring catalog: duplicate monitoring key "${m.key}"`);
    if (!categoryKeys.has(m.category)) throw new Error(`Monitoring catalog: monitoring "${m.key}" names unknown category "${m.category}"`);
    monitoringKeys.add(m.key);
    monitorings.push({ key: m.key, category_key: m.category, name: m.name, description: m.description, position });
    m.contexts.forEach((context, linkPosition) => {
      const known = contexts.get(context.key);
      if (!known) contexts.set(context.key, { key: context.key, name: context.name, description: context.description, schema: context.schema });
      else if (JSON.stringify(known.schema) !== JSON.stringify(context.schema)) {
        throw new Error(`Monitoring catalog: context "${context.key}" has two different schemas`);
      }
      links.push({ monitoring_key: m.key, context_key: context.key, position: linkPosition });
    });
  });
  return { version: catalog.version, categories, contexts: [...contexts.values()], monitorings, links };
}
