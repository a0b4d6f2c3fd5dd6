import type { ScimGroupListResponse } from '@gatehouse/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { directoryQuery, type DirectoryQuery } from '../utils/scim-directory';
import { connectorKeys, connectorPath } from './connector-keys';

/** Groups the identity provider provisioned through the connector, with member counts and downstream ids. */
export const getScimGroups = (id: string, query: DirectoryQuery) => api<ScimGroupListResponse>(`${connectorPath(id)}/scim-groups?${directoryQuery(query)}`);

export const scimGroupsQueryOptions = (id: string, query: DirectoryQuery) =>
  queryOptions({
    queryKey: connectorKeys.scimGroups(id, query),
    queryFn: () => getScimGroups(id, query),
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
export const useScimGroups = (id: string, query: DirectoryQuery) => useQuery(scimGroupsQueryOptions(id, query));
