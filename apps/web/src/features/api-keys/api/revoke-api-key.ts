import type { ApiKeyListResponse, ApiKeyResponse } from '@gatehouse/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { apiKeyKeys } from './api-key-keys';

export const revokeApiKey = (id: string) => api<ApiKeyResponse>(`/api/api-keys/${encodeURIComponent(id)}/revoke`, { method: 'POST' });

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSuccess: (revoked) => {
      // Show the revoked row at once; the refetch then brings everything else up to date.
      qc.setQueryData<ApiKeyListResponse>(apiKeyKeys.list(), (keys) => keys?.map((k) => (k.id === revoked.id ? revoked : k)));
      return qc.invalidateQueries({ queryKey: apiKeyKeys.all });
    },
  });
}
