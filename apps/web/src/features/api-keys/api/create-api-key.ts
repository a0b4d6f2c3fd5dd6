import type { CreateApiKeyRequest, CreatedApiKeyResponse } from '@gatehouse/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { apiKeyKeys } from './api-key-keys';

export const createApiKey = (body: CreateApiKeyRequest) => api<CreatedApiKeyResponse>('/api/api-keys', { body });

/**
 * The answer holds the plaintext key. Callers keep it in component state that goes when the
 * dialog closes; `gcTime: 0` drops the mutation cache's copy as soon as nothing observes it.
 */
export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    gcTime: 0,
    onSuccess: () => qc.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}
