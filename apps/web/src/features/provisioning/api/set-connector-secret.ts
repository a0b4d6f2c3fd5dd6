import type { ConnectorResponse, SetConnectorSecretRequest } from '@gatehouse/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { connectorKeys, connectorPath } from './connector-keys';

/** Write-only: the answer says a secret is stored (hasSecret), never what it is. */
export const setConnectorSecret = ({ id, ...body }: SetConnectorSecretRequest & { id: string }) =>
  api<ConnectorResponse>(`${connectorPath(id)}/secret`, { method: 'PUT', body });

export function useSetConnectorSecret() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: setConnectorSecret,
    // The typed secret must not linger in the mutation cache.
    gcTime: 0,
    onSuccess: (saved) => {
      // Only hasSecret changed: patch it in, so a draft being edited from the detail is not reset.
      qc.setQueryData<ConnectorResponse>(connectorKeys.detail(saved.id), (old) => (old ? { ...old, hasSecret: saved.hasSecret } : saved));
      return qc.invalidateQueries({ queryKey: connectorKeys.list() });
    },
  });
}
