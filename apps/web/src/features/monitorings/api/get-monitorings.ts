import type { ListMonitoringsQuery, MonitoringListResponse } from '@gatehouse/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { CATALOG_STALE_TIME, monitoringKeys } from './monitoring-keys';

export function getMonitorings(filter: ListMonitoringsQuery = {}, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (filter.category) params.set('category', filter.category);
  if (filter.q) params.set('q', filter.q);
  const query = params.toString();
  return api<MonitoringListResponse>(`/api/monitorings${query ? `?${query}` : ''}`, { signal });
}

export const monitoringsQueryOptions = (filter: ListMonitoringsQuery = {}) =>
  queryOptions({
    queryKey: monitoringKeys.list(filter),
    queryFn: ({ signal }) => getMonitorings(filter, signal),
    staleTime: CATALOG_STALE_TIME,
    // Typing in the search box keeps the previous results on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
export const useMonitorings = (filter: ListMonitoringsQuery = {}) => useQuery(monitoringsQueryOptions(filter));
