import type { CallFilters } from '../utils/connector-display';
import type { DirectoryQuery } from '../utils/scim-directory';

/** Query keys for provisioning connectors; invalidate `connectorKeys.all` to refresh everything this feature shows. */
export const connectorKeys = {
  all: ['connectors'] as const,
  list: () => [...connectorKeys.all, 'list'] as const,
  detail: (id: string) => [...connectorKeys.all, 'detail', id] as const,
  /** Its last call and last error, polled while its page is open. */
  status: (id: string) => [...connectorKeys.all, 'status', id] as const,
  /** Every call log view of one connector, whatever the filters. */
  callsOf: (id: string) => [...connectorKeys.all, 'calls', id] as const,
  calls: (id: string, filters: CallFilters) => [...connectorKeys.callsOf(id), filters] as const,
  call: (id: string, callId: string) => [...connectorKeys.callsOf(id), 'one', callId] as const,
  scimToken: (id: string) => [...connectorKeys.all, 'scim-token', id] as const,
  /** What the identity provider provisioned through one connector, whatever the search. */
  directoryOf: (id: string) => [...connectorKeys.all, 'directory', id] as const,
  scimUsers: (id: string, query: DirectoryQuery) => [...connectorKeys.directoryOf(id), 'users', query] as const,
  scimGroups: (id: string, query: DirectoryQuery) => [...connectorKeys.directoryOf(id), 'groups', query] as const,
  /** The last "Import accounts" review of one connector. */
  reconcile: (id: string) => [...connectorKeys.all, 'reconcile', id] as const,
};

export const connectorPath = (id: string) => `/api/connectors/${encodeURIComponent(id)}`;
