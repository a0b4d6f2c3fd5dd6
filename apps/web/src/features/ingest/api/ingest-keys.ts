/** What the records table asks for: one page of the latest accepted submission, maybe searched. */
export interface RecordsFilter {
  page: number;
  pageSize: number;
  q?: string;
}

/**
 * Query keys for pushed evidence, all under the integration they belong to: invalidate
 * `ingestKeys.integration(id)` to refresh everything shown for it after a new push.
 */
export const ingestKeys = {
  all: ['ingest'] as const,
  integration: (integrationId: string) => [...ingestKeys.all, integrationId] as const,
  syncStatus: (integrationId: string) => [...ingestKeys.integration(integrationId), 'sync-status'] as const,
  /** Everything shown of one context's pushes: its submission history and its records. */
  contextData: (integrationId: string, contextKey: string) => [...ingestKeys.integration(integrationId), 'context', contextKey] as const,
  submissions: (integrationId: string, contextKey: string, limit: number) => [...ingestKeys.contextData(integrationId, contextKey), 'submissions', { limit }] as const,
  records: (integrationId: string, contextKey: string, filter: RecordsFilter) => [...ingestKeys.contextData(integrationId, contextKey), 'records', filter] as const,
  /** The newest push of each integration, for the Integrations page. */
  lastPushes: () => [...ingestKeys.all, 'last-pushes'] as const,
};

export const integrationIngestPath = (integrationId: string) => `/api/integrations/${encodeURIComponent(integrationId)}`;
export const contextIngestPath = (integrationId: string, contextKey: string) =>
  `${integrationIngestPath(integrationId)}/contexts/${encodeURIComponent(contextKey)}`;
