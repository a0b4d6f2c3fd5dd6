import type { ScimUserListResponse } from '@gatehouse/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { directoryQuery, type DirectoryQuery } from '../utils/scim-directory';
import { connectorKeys, connectorPath } from './connector-keys';

/** Users the identity provider provisioned through the connector, newest first, with their downstream ids. */
export const getScimUsers = (id: string, query: DirectoryQuery) => api<ScimUserListResponse>(`${connectorPath(id)}/scim-users?${directoryQuery(query)}`);

export const scimUsersQueryOptions = (id: string, query: DirectoryQuery) =>
  queryOptions({
    queryKey: connectorKeys.scimUsers(id, query),
    queryFn: () => getScimUsers(id, query),
    // Provisioning happens outside this page: ask again each time the table is shown.
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
export const useScimUsers = (id: string, query: DirectoryQuery) => useQuery(scimUsersQueryOptions(id, query));
