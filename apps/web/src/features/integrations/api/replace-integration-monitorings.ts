import type { IntegrationDetail, ReplaceIntegrationMonitoringsRequest } from '@gatehouse/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { integrationKeys, integrationPath } from './integration-keys';

/** Replaces the whole selection; the answer carries the new contexts (endpoints and schemas). */
export const replaceIntegrationMonitorings = ({ id, ...body }: ReplaceIntegrationMonitoringsRequest & { id: string }) =>
  api<IntegrationDetail>(`${integrationPath(id)}/monitorings`, { method: 'PUT', body });

export function useReplaceIntegrationMonitorings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: replaceIntegrationMonitorings,
    onSuccess: (updated) => {
      qc.setQueryData(integrationKeys.detail(updated.id), updated);
      return qc.invalidateQueries({ queryKey: integrationKeys.all });
    },
  });
}
