import type { SyncStatusResponse } from '@gatehouse/contracts';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../../../lib/api-client';
import { ingestKeys, integrationIngestPath } from './ingest-keys';

/**
 * Pushes arrive from outside the app: an open integration page asks at this pace, and every view
 * of a context that received one (records, submission history) is refreshed with it, so they all
 * show a new push within 5 s.
 */
export const SYNC_STATUS_POLL_MS = 4000;

export const getSyncStatus = (integrationId: string, signal?: AbortSignal) =>
  api<SyncStatusResponse>(`${integrationIngestPath(integrationId)}/sync-status`, { signal });

export const syncStatusQueryOptions = (integrationId: string) =>
  queryOptions({
    queryKey: ingestKeys.syncStatus(integrationId),
    queryFn: ({ signal }) => getSyncStatus(integrationId, signal),
    refetchInterval: SYNC_STATUS_POLL_MS,
  });

/**
 * Every context card reads the same query: one request per integration, not per card. When a
 * context's last push changes, its records and submission history are fetched again.
 */
export function useSyncStatus(integrationId: string) {
  const queryClient = useQueryClient();
  const status = useQuery(syncStatusQueryOptions(integrationId));
  const seen = useRef<Map<string, string | null> | null>(null);
  useEffect(() => {
    if (!status.data) return;
    const now = new Map(status.data.map((c) => [c.context, c.lastPushAt]));
    const before = seen.current;
    seen.current = now;
    if (!before) return;
    for (const [context, lastPushAt] of now) {
      if (before.get(context) === lastPushAt) continue;
      void queryClient.invalidateQueries({ queryKey: ingestKeys.contextData(integrationId, context) });
    }
  }, [status.data, integrationId, queryClient]);
  return status;
}
