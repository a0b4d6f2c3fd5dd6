import type { ScimTokenIssuedResponse } from '@gatehouse/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { connectorKeys, connectorPath } from './connector-keys';

/** Issues a token, or rotates it: the previous one stops working at once. The answer is the only time the token is shown. */
export const issueScimToken = (id: string) => api<ScimTokenIssuedResponse>(`${connectorPath(id)}/scim-token`, { method: 'POST' });

export function useIssueScimToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: issueScimToken,
    // The caller keeps the token in component state; the cache must not hold a copy.
    gcTime: 0,
    onSuccess: (_, id) => qc.invalidateQueries({ queryKey: connectorKeys.scimToken(id) }),
  });
}
