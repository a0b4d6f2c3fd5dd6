import type { LastPushesResponse } from '@gatehouse/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ingestKeys } from './ingest-keys';

/** The Integrations page shows each integration's last push; pushes arrive from outside, so it asks again at this pace. */
export const LAST_PUSHES_POLL_MS = 15_000;

export const lastPushesQueryOptions = () =>
  queryOptions({
    queryKey: ingestKeys.lastPushes(),
    queryFn: ({ signal }) => api<LastPushesResponse>('/api/ingest/last-pushes', { signal }),
    refetchInterval: LAST_PUSHES_POLL_MS,
  });

/** The newest push of each integration, by integration id. */
export function useLastPushes() {
  return useQuery({ ...lastPushesQueryOptions(), select: (pushes) => new Map(pushes.map((p) => [p.integrationId, p])) });
}
