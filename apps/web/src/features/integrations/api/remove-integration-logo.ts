import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { integrationKeys, integrationPath } from './integration-keys';

/** Removes the logo; the integration shows its initials again. */
export const removeIntegrationLogo = (id: string) => api<void>(`${integrationPath(id)}/logo`, { method: 'DELETE' });

export function useRemoveIntegrationLogo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: removeIntegrationLogo,
    onSuccess: (_, id) => Promise.all([qc.invalidateQueries({ queryKey: integrationKeys.detail(id) }), qc.invalidateQueries({ queryKey: integrationKeys.lists() })]),
  });
}
