import { Injectable } from '@nestjs/common';
import type { ListMonitoringsQuery, MonitoringCategoryResponse, MonitoringResponse } from '@gatehouse/contracts';
import { CATALOG, findUnknownMonitoringKeys, getMonitoring, listCategories, listMonitorings, type Monitoring } from '@gatehouse/schemas';
import { toCategoryResponse, toMonitoringResponse } from './schemas.mapper.js';

const catalogPosition = new Map(CATALOG.monitorings.map((m, i) => [m.key, i]));

/**
 * The catalog in force, read from code (@gatehouse/schemas): it is what the tables hold once
 * CatalogSeeder has run, and reading it from memory keeps the schemas in their published key
 * order (jsonb would reorder them).
 */
@Injectable()
export class SchemasService {
  listCategories(): MonitoringCategoryResponse[] {
    return listCategories().map(toCategoryResponse);
  }

  listMonitorings(query: ListMonitoringsQuery): MonitoringResponse[] {
    return listMonitorings({ category: query.category || undefined, q: query.q || undefined }).map(toMonitoringResponse);
  }

  /** Keys that are not monitorings of the catalog in force, so a selection can be refused by name. */
  unknownMonitoringKeys(keys: readonly string[]): string[] {
    return findUnknownMonitoringKeys(keys);
  }

  /** The monitorings of a stored selection, in catalog order; keys no longer in force are left out. */
  monitoringsInCatalogOrder(keys: readonly string[]): Monitoring[] {
    return [...new Set(keys)]
      .map((key) => getMonitoring(key))
      .filter((m): m is Monitoring => m !== undefined)
      .sort((a, b) => catalogPosition.get(a.key)! - catalogPosition.get(b.key)!);
  }
}
