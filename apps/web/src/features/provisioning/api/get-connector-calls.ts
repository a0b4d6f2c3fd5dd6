import type { ConnectorCallListResponse } from '@gatehouse/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { callsQuery, type CallFilters } from '../utils/connector-display';
import { connectorKeys, connectorPath } from './connector-keys';

export const getConnectorCalls = (id: string, filters: CallFilters) => api<ConnectorCallListResponse>(`${connectorPath(id)}/calls?${callsQuery(filters)}`);

export const connectorCallsQueryOptions = (id: string, filters: CallFilters) =>
  queryOptions({
    queryKey: connectorKeys.calls(id, filters),
    queryFn: () => getConnectorCalls(id, filters),
    select: (data) => data.items,
    // Calls arrive from the identity provider at any time: always ask again when the log is shown.
    staleTime: 0,
    // Keep the table while another filter loads, instead of flashing a loader.
    placeholderData: keepPreviousData,
  });
export const useConnectorCalls = (id: string, filters: CallFilters) => useQuery(connectorCallsQueryOptions(id, filters));
