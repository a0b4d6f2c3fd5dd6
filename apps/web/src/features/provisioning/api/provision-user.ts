import type { ProvisionUserRequest, ProvisionUserResponse } from '@gatehouse/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { connectorKeys, connectorPath } from './connector-keys';

type Input = ProvisionUserRequest & { id: string };

/** One user through the real SCIM path; its calls land in the call log and the user in the store. */
export const provisionUser = ({ id, ...body }: Input) => api<ProvisionUserResponse>(`${connectorPath(id)}/provision-user`, { body });

export function useProvisionUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: provisionUser,
    onSettled: (_data, _error, input) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: connectorKeys.callsOf(input.id) }),
        qc.invalidateQueries({ queryKey: connectorKeys.directoryOf(input.id) }),
        qc.invalidateQueries({ queryKey: connectorKeys.detail(input.id) }),
      ]),
  });
}
