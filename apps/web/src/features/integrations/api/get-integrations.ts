import type { IntegrationListResponse, ListIntegrationsQuery } from '@gatehouse/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { integrationKeys } from './integration-keys';

export function getIntegrations(filter: ListIntegrationsQuery = {}, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.category) params.set('category', filter.category);
  const query = params.toString();
  return api<IntegrationListResponse>(`/api/integrations${query ? `?${query}` : ''}`, { signal });
}

export const integrationsQueryOptions = (filter: ListIntegrationsQuery = {}) =>
  queryOptions({
    queryKey: integrationKeys.list(filter),
    queryFn: ({ signal }) => getIntegrations(filter, signal),
    // Keep the cards in place while a new search runs, instead of flashing the loader.
    placeholderData: keepPreviousData,
  });
export const useIntegrations = (filter: ListIntegrationsQuery = {}) => useQuery(integrationsQueryOptions(filter));
