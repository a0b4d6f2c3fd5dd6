import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { integrationKeys, integrationPath } from './integration-keys';

export const deleteIntegration = (id: string) => api<void>(integrationPath(id), { method: 'DELETE' });

export function useDeleteIntegration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteIntegration,
    onSuccess: (_, id) => {
      // The detail page is being left; dropping its cache stops a refetch of a 404.
      qc.removeQueries({ queryKey: integrationKeys.detail(id) });
      return qc.invalidateQueries({ queryKey: integrationKeys.lists() });
    },
  });
}
