import type { ListIntegrationsQuery } from '@gatehouse/contracts';

/** Query keys for integrations; invalidate `integrationKeys.all` after any change to one. */
export const integrationKeys = {
  all: ['integrations'] as const,
  lists: () => [...integrationKeys.all, 'list'] as const,
  list: (filter: ListIntegrationsQuery = {}) => [...integrationKeys.lists(), filter] as const,
  details: () => [...integrationKeys.all, 'detail'] as const,
  detail: (id: string) => [...integrationKeys.details(), id] as const,
};

export const integrationPath = (id: string) => `/api/integrations/${encodeURIComponent(id)}`;
