import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { integrationKeys, integrationPath } from './integration-keys';

export const deleteIntegration = (id: string) => api<void>(integrationPath(id), { method: 'DELETE' });

export function useDeleteIntegration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteIntegration,
    // Only the lists: the details page is still on screen until the caller navigates away, and
    // touching its query now would refetch a 404. Once left, its cache entry expires by itself.
    onSuccess: () => qc.invalidateQueries({ queryKey: integrationKeys.lists() }),
  });
}
