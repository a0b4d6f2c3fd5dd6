import type { ConnectorCallDetailResponse } from '@gatehouse/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { connectorKeys, connectorPath } from './connector-keys';

/** One call with its request and answer, secrets masked by the server. */
export const getConnectorCall = (id: string, callId: string) => api<ConnectorCallDetailResponse>(`${connectorPath(id)}/calls/${encodeURIComponent(callId)}`);

export const connectorCallQueryOptions = (id: string, callId: string) =>
  queryOptions({ queryKey: connectorKeys.call(id, callId), queryFn: () => getConnectorCall(id, callId) });
export const useConnectorCall = (id: string, callId: string | null) => useQuery({ ...connectorCallQueryOptions(id, callId ?? ''), enabled: callId !== null });
