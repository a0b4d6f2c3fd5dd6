import { Skeleton, Text } from '@mantine/core';
import { useSubmissions } from '../api/get-submissions';
import { useSyncStatus } from '../api/get-sync-status';
import { useNow } from '../hooks/use-now';
import { SyncStatusLine } from './sync-status-line';

/** The Overview's per-context status: reads the integration's sync status (shared by all cards). */
export function ContextSyncStatus({ integrationId, contextKey }: { integrationId: string; contextKey: string }) {
  const now = useNow();
  const { data, isPending, error } = useSyncStatus(integrationId);
  const status = data?.find((s) => s.context === contextKey);
  const refused = status?.lastStatus === 'refused';
  // The sync status counts errors; the first one comes from the latest submission.
  const latest = useSubmissions(integrationId, contextKey, { limit: 1, enabled: refused });
  if (isPending) return <Skeleton height={44} radius="md" aria-label={`Loading sync status of ${contextKey}`} />;
  if (error) {
    return (
      <Text size="sm" c="red" role="alert">
        Could not load the sync status: {error.message}
      </Text>
    );
  }
  const last = latest.data?.[0];
  const firstError = refused && last?.status === 'refused' ? (last.firstErrors[0] ?? null) : null;
  return <SyncStatusLine contextKey={contextKey} status={status} firstError={firstError} now={now} />;
}
