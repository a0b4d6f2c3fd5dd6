import type { ConnectorResponse, CopyConnectorRequest } from '@gatehouse/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { connectorKeys, connectorPath } from './connector-keys';

/** A new, disabled instance with the source's non-secret settings (never its secret or SCIM token). */
export const copyConnector = ({ sourceId, ...body }: CopyConnectorRequest & { sourceId: string }) =>
  api<ConnectorResponse>(`${connectorPath(sourceId)}/copy`, { body });

export function useCopyConnector() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: copyConnector,
    onSuccess: (created) => {
      qc.setQueryData(connectorKeys.detail(created.id), created);
      return qc.invalidateQueries({ queryKey: connectorKeys.list() });
    },
  });
}
