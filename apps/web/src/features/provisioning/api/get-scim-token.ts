import type { ScimTokenStatusResponse } from '@gatehouse/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { connectorKeys, connectorPath } from './connector-keys';

/** Whether the connector has an IdP-facing SCIM token, and its base URL; never the token itself. */
export const getScimToken = (id: string) => api<ScimTokenStatusResponse>(`${connectorPath(id)}/scim-token`);

export const scimTokenQueryOptions = (id: string) => queryOptions({ queryKey: connectorKeys.scimToken(id), queryFn: () => getScimToken(id) });
export const useScimToken = (id: string) => useQuery(scimTokenQueryOptions(id));
