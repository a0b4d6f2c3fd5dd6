import type { IntegrationDetail } from '@gatehouse/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { integrationKeys, integrationPath } from './integration-keys';

/** Uploads or replaces the logo (multipart field `file`); the server judges the type by content. */
export function uploadIntegrationLogo({ id, file }: { id: string; file: File }) {
  const form = new FormData();
  form.append('file', file);
  return api<IntegrationDetail>(`${integrationPath(id)}/logo`, { method: 'PUT', raw: form });
}

export function useUploadIntegrationLogo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: uploadIntegrationLogo,
    onSuccess: (updated) => {
      qc.setQueryData(integrationKeys.detail(updated.id), updated);
      return qc.invalidateQueries({ queryKey: integrationKeys.lists() });
    },
  });
}
