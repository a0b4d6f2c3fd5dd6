import type { ConnectorResponse } from '@gatehouse/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { connectorKeys, connectorPath } from './connector-keys';

export const getConnector = (id: string) => api<ConnectorResponse>(connectorPath(id));

export const connectorQueryOptions = (id: string) => queryOptions({ queryKey: connectorKeys.detail(id), queryFn: () => getConnector(id) });
export const useConnector = (id: string) => useQuery(connectorQueryOptions(id));
