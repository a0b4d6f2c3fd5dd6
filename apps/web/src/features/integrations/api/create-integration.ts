import type { CreateIntegrationRequest, IntegrationDetail } from '@gatehouse/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { integrationKeys } from './integration-keys';

export const createIntegration = (body: CreateIntegrationRequest) => api<IntegrationDetail>('/api/integrations', { body });

export function useCreateIntegration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createIntegration,
    onSuccess: (created) => {
      qc.setQueryData(integrationKeys.detail(created.id), created);
      return qc.invalidateQueries({ queryKey: integrationKeys.lists() });
    },
  });
}
