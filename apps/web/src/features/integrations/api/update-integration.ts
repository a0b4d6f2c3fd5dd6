import type { IntegrationDetail, UpdateIntegrationRequest } from '@gatehouse/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { integrationKeys, integrationPath } from './integration-keys';

export const updateIntegration = ({ id, ...body }: UpdateIntegrationRequest & { id: string }) =>
  api<IntegrationDetail>(integrationPath(id), { method: 'PATCH', body });

export function useUpdateIntegration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updateIntegration,
    onSuccess: (updated) => {
      qc.setQueryData(integrationKeys.detail(updated.id), updated);
      return qc.invalidateQueries({ queryKey: integrationKeys.all });
    },
  });
}
