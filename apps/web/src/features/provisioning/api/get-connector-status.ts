import type { ConnectorResponse, ConnectorStatusResponse } from '@gatehouse/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../../../lib/api-client';
import { connectorKeys, connectorPath } from './connector-keys';

/** How often an open instance page asks for its last call: the identity provider calls at any time. */
export const CONNECTOR_STATUS_POLL_MS = 5000;

export const getConnectorStatus = (id: string) => api<ConnectorStatusResponse>(`${connectorPath(id)}/status`);

/**
 * The instance's last call and last error, polled while its page is open. When a new call is
 * seen, every call log view of the instance is refreshed with it, so the header's "Last call"
 * and the Activity tab show the same newest call.
 */
export function useConnectorStatus(connector: Pick<ConnectorResponse, 'id' | 'lastCallAt' | 'lastError'>): ConnectorStatusResponse {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: connectorKeys.status(connector.id),
    queryFn: () => getConnectorStatus(connector.id),
    initialData: { lastCallAt: connector.lastCallAt, lastError: connector.lastError },
    initialDataUpdatedAt: 0,
    refetchInterval: CONNECTOR_STATUS_POLL_MS,
  });
  const lastCallAt = status.data.lastCallAt;
  const seen = useRef(lastCallAt);
  useEffect(() => {
    if (seen.current === lastCallAt) return;
    seen.current = lastCallAt;
    void queryClient.invalidateQueries({ queryKey: connectorKeys.callsOf(connector.id) });
  }, [lastCallAt, connector.id, queryClient]);
  return status.data;
}
