import type { ConnectorCallResponse, ConnectorResponse } from '@gatehouse/contracts';
import dayjs from 'dayjs';

/** `Jan 5, 2027, 2:03 PM`, in the viewer's time zone. */
export const formatDateTime = (value: string | Date): string => dayjs(value).format('MMM D, YYYY, h:mm A');

/** Times in the call log carry seconds: calls often come in bursts. */
export const formatCallTime = (value: string | Date): string => dayjs(value).format('MMM D, HH:mm:ss');

export const formatLastCall = (value: string | null): string => (value ? formatDateTime(value) : 'Never');

export const formatDuration = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);

const TYPE_LABELS: Record<string, string> = { custom_http: 'Custom HTTP', scim_proxy: 'SCIM Proxy' };
export const connectorTypeLabel = (type: string): string => TYPE_LABELS[type] ?? type;

export function connectorStatus(connector: Pick<ConnectorResponse, 'enabled'>): { label: string; color: string } {
  return connector.enabled ? { label: 'Enabled', color: 'green' } : { label: 'Disabled', color: 'gray' };
}

export type CallOutcome = 'success' | 'failure';
export const callOutcome = (call: Pick<ConnectorCallResponse, 'error'>): CallOutcome => (call.error === null ? 'success' : 'failure');

const SOURCE_LABELS: Record<ConnectorCallResponse['source'], string> = { preview: 'Preview', test: 'Live test', scim: 'SCIM' };
export const callSourceLabel = (source: ConnectorCallResponse['source']): string => SOURCE_LABELS[source] ?? source;

/** Status cell of the call log: the HTTP status, or what happened when there was none. */
export const callStatusText = (call: Pick<ConnectorCallResponse, 'status'>): string => (call.status === null ? 'No answer' : String(call.status));

/** The Activity status filter: an outcome (no error / an error) or an HTTP status class. */
export const CALL_STATUS_FILTERS = ['success', 'failure', '2xx', '4xx', '5xx'] as const;
export type CallStatusFilter = (typeof CALL_STATUS_FILTERS)[number];

export type CallFilters = {
  operation: string | null;
  outcome: CallStatusFilter | null;
  /** Calls made for one SCIM user (or group) of the store, e.g. from "What was provisioned". */
  scimUserId?: string | null;
  scimGroupId?: string | null;
};

export const CALL_PAGE_SIZE = 50;

/** Query string of GET /api/connectors/{id}/calls for the Activity filters and the page after `cursor`. */
export function callsQuery(filters: CallFilters, cursor: string | null = null, limit = CALL_PAGE_SIZE): string {
  const params = new URLSearchParams();
  if (filters.operation) params.set('operation', filters.operation);
  if (filters.outcome) params.set('status', filters.outcome === 'success' ? 'ok' : filters.outcome === 'failure' ? 'error' : filters.outcome);
  if (filters.scimUserId) params.set('scimUserId', filters.scimUserId);
  if (filters.scimGroupId) params.set('scimGroupId', filters.scimGroupId);
  if (cursor) params.set('cursor', cursor);
  params.set('limit', String(limit));
  return params.toString();
}
