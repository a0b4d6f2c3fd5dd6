import type { ListMonitoringsQuery } from '@gatehouse/contracts';

/** Query keys for the monitoring catalog; it changes only with a release, so it is cached long. */
export const monitoringKeys = {
  all: ['monitorings'] as const,
  categories: () => [...monitoringKeys.all, 'categories'] as const,
  lists: () => [...monitoringKeys.all, 'list'] as const,
  list: (filter: ListMonitoringsQuery = {}) => [...monitoringKeys.lists(), filter] as const,
};

/** The catalog is fixed per release: no point refetching it while the app is open. */
export const CATALOG_STALE_TIME = 60 * 60 * 1000;
