import type { ConnectorListResponse } from '@gatehouse/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { connectorKeys } from './connector-keys';

export const getConnectors = () => api<ConnectorListResponse>('/api/connectors');

export const connectorsQueryOptions = () => queryOptions({ queryKey: connectorKeys.list(), queryFn: getConnectors, select: (data) => data.items });
export const useConnectors = () => useQuery(connectorsQueryOptions());
