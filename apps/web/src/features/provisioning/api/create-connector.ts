import type { ConnectorResponse, CreateConnectorRequest } from '@gatehouse/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { connectorKeys } from './connector-keys';

export const createConnector = (body: Partial<CreateConnectorRequest> & Pick<CreateConnectorRequest, 'name'>) =>
  api<ConnectorResponse>('/api/connectors', { body });

export function useCreateConnector() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createConnector,
    onSuccess: (created) => {
      qc.setQueryData(connectorKeys.detail(created.id), created);
      return qc.invalidateQueries({ queryKey: connectorKeys.list() });
    },
  });
}
