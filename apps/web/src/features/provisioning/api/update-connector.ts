import type { ConnectorResponse, UpdateConnectorRequest } from '@gatehouse/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { connectorKeys, connectorPath } from './connector-keys';

/** Objects (auth, capabilities, mappings) are replaced whole. An enabled instance must pass validation (400 with every problem). */
export const updateConnector = ({ id, ...body }: UpdateConnectorRequest & { id: string }) =>
  api<ConnectorResponse>(connectorPath(id), { method: 'PATCH', body });

export function useUpdateConnector() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updateConnector,
    onSuccess: (saved) => {
      qc.setQueryData(connectorKeys.detail(saved.id), saved);
      return qc.invalidateQueries({ queryKey: connectorKeys.list() });
    },
  });
}
