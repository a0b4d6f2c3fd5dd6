import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { connectorKeys, connectorPath } from './connector-keys';

export const deleteConnector = (id: string) => api<void>(connectorPath(id), { method: 'DELETE' });

export function useDeleteConnector() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteConnector,
    onSuccess: (_, id) => {
      qc.removeQueries({ queryKey: connectorKeys.detail(id) });
      return qc.invalidateQueries({ queryKey: connectorKeys.list() });
    },
  });
}
