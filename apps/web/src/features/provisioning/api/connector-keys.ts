import type { CallFilters } from '../utils/connector-display';

/** Query keys for provisioning connectors; invalidate `connectorKeys.all` to refresh everything this feature shows. */
export const connectorKeys = {
  all: ['connectors'] as const,
  list: () => [...connectorKeys.all, 'list'] as const,
  detail: (id: string) => [...connectorKeys.all, 'detail', id] as const,
  /** Every call log view of one connector, whatever the filters. */
  callsOf: (id: string) => [...connectorKeys.all, 'calls', id] as const,
  calls: (id: string, filters: CallFilters) => [...connectorKeys.callsOf(id), filters] as const,
  scimToken: (id: string) => [...connectorKeys.all, 'scim-token', id] as const,
};

export const connectorPath = (id: string) => `/api/connectors/${encodeURIComponent(id)}`;
