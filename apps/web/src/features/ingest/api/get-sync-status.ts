import type { SyncStatusResponse } from '@gatehouse/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ingestKeys, integrationIngestPath } from './ingest-keys';

/** Pushes arrive from outside the app: the page polls for them at this pace. */
export const SYNC_STATUS_POLL_MS = 30_000;

export const getSyncStatus = (integrationId: string, signal?: AbortSignal) =>
  api<SyncStatusResponse>(`${integrationIngestPath(integrationId)}/sync-status`, { signal });

export const syncStatusQueryOptions = (integrationId: string) =>
  queryOptions({
    queryKey: ingestKeys.syncStatus(integrationId),
    queryFn: ({ signal }) => getSyncStatus(integrationId, signal),
    refetchInterval: SYNC_STATUS_POLL_MS,
  });

/** Every context card reads the same query: one request per integration, not per card. */
export const useSyncStatus = (integrationId: string) => useQuery(syncStatusQueryOptions(integrationId));
