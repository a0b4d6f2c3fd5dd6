import type { TestConnectorRequest, TestConnectorResponse } from '@gatehouse/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { connectorKeys, connectorPath } from './connector-keys';

type TestInput = Partial<TestConnectorRequest> & { id: string };

/** One real call downstream (or an OAuth token fetch); it lands in the call log. */
export const testConnector = ({ id, ...body }: TestInput) => api<TestConnectorResponse>(`${connectorPath(id)}/test`, { body });

export function useTestConnector() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: testConnector,
    onSettled: (_data, _error, input) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: connectorKeys.callsOf(input.id) }),
        // lastCallAt and lastError of the instance change with each call.
        qc.invalidateQueries({ queryKey: connectorKeys.detail(input.id) }),
        qc.invalidateQueries({ queryKey: connectorKeys.list() }),
      ]),
  });
}
