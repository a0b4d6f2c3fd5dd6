import type { IntegrationDetail } from '@gatehouse/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { integrationKeys, integrationPath } from './integration-keys';

export const getIntegration = (id: string, signal?: AbortSignal) => api<IntegrationDetail>(integrationPath(id), { signal });

export const integrationQueryOptions = (id: string) =>
  queryOptions({ queryKey: integrationKeys.detail(id), queryFn: ({ signal }) => getIntegration(id, signal) });
export const useIntegration = (id: string) => useQuery(integrationQueryOptions(id));
