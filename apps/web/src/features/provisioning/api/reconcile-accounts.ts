import type { ReconcileResponse } from '@gatehouse/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { connectorKeys, connectorPath } from './connector-keys';

/** Reads the app's users and groups (one list call each) and pairs them with what the identity provider provisioned. */
export const reconcileAccounts = (id: string) => api<ReconcileResponse>(`${connectorPath(id)}/reconcile`, { method: 'POST', body: {} });

export const reconcileQueryOptions = (id: string) =>
  queryOptions({
    queryKey: connectorKeys.reconcile(id),
    queryFn: () => reconcileAccounts(id),
    // Each import calls the app: only when asked (the button, or a link that changed the picture).
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });

/** Runs once `started` (the admin asked for an import); refetch() imports again. */
export const useReconcileAccounts = (id: string, started: boolean) => useQuery({ ...reconcileQueryOptions(id), enabled: started });
