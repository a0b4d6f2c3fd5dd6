import type { RecordsPageResponse } from '@gatehouse/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { contextIngestPath, ingestKeys, type RecordsFilter } from './ingest-keys';

/** A page of the context's current data: the latest accepted submission. */
export function getRecords(integrationId: string, contextKey: string, filter: RecordsFilter, signal?: AbortSignal) {
  const params = new URLSearchParams({ submission: 'latest', page: String(filter.page), pageSize: String(filter.pageSize) });
  if (filter.q) params.set('q', filter.q);
  return api<RecordsPageResponse>(`${contextIngestPath(integrationId, contextKey)}/records?${params}`, { signal });
}

export const recordsQueryOptions = (integrationId: string, contextKey: string, filter: RecordsFilter) =>
  queryOptions({
    queryKey: ingestKeys.records(integrationId, contextKey, filter),
    queryFn: ({ signal }) => getRecords(integrationId, contextKey, filter, signal),
    // Keep the current rows on screen while the next page or search loads.
    placeholderData: keepPreviousData,
  });

export const useRecords = (integrationId: string, contextKey: string, filter: RecordsFilter) => useQuery(recordsQueryOptions(integrationId, contextKey, filter));
