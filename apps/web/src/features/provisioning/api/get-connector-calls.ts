import type { ConnectorCallListResponse } from '@gatehouse/contracts';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { callsQuery, type CallFilters } from '../utils/connector-display';
import { connectorKeys, connectorPath } from './connector-keys';

export const getConnectorCalls = (id: string, filters: CallFilters, cursor: string | null) =>
  api<ConnectorCallListResponse>(`${connectorPath(id)}/calls?${callsQuery(filters, cursor)}`);

/** The call log, newest first, one page at a time ("Load more" asks for the next, older page). */
export const connectorCallsQueryOptions = (id: string, filters: CallFilters) =>
  infiniteQueryOptions({
    queryKey: connectorKeys.calls(id, filters),
    queryFn: ({ pageParam }) => getConnectorCalls(id, filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    select: (data) => data.pages.flatMap((p) => p.items),
    // Calls arrive from the identity provider at any time: always ask again when the log is shown.
    staleTime: 0,
    // Keep the table while another filter loads, instead of flashing a loader.
    placeholderData: keepPreviousData,
  });
export const useConnectorCalls = (id: string, filters: CallFilters) => useInfiniteQuery(connectorCallsQueryOptions(id, filters));
