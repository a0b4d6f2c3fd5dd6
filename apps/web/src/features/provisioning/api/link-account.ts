import type { ReconcileLinkRequest, ReconcileLinkResponse } from '@gatehouse/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { connectorKeys, connectorPath } from './connector-keys';

/** Points a provisioned user or group at an app account the import listed: later SCIM changes go to it. */
export const linkAccount = ({ id, ...body }: ReconcileLinkRequest & { id: string }) =>
  api<ReconcileLinkResponse>(`${connectorPath(id)}/reconcile/link`, { method: 'POST', body });

export function useLinkAccount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: linkAccount,
    // The review, the provisioned directory (downstream ids) and the call log all change.
    onSuccess: (_, { id }) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: connectorKeys.reconcile(id) }),
        qc.invalidateQueries({ queryKey: connectorKeys.directoryOf(id) }),
        qc.invalidateQueries({ queryKey: connectorKeys.callsOf(id) }),
      ]),
  });
}
