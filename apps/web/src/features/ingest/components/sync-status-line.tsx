import type { ContextSyncStatus, IngestValidationError } from '@gatehouse/contracts';
import { Alert, Stack, Text, Tooltip } from '@mantine/core';
import { formatExactTime } from '../utils/format';
import { describeError, summarizeSync } from '../utils/sync-summary';
import { SYNC_TONE_LOOK } from './sync-tone';

export interface SyncStatusLineProps {
  contextKey: string;
  /** Undefined while the context has no entry (nothing pushed, or the status is still loading). */
  status: ContextSyncStatus | undefined;
  /** The refused push's first problem, once loaded. */
  firstError?: IngestValidationError | null;
  now: Date;
}

/** A context's last push at a glance: accepted with its record count, refused with why, or none yet. */
export function SyncStatusLine({ contextKey, status, firstError, now }: SyncStatusLineProps) {
  const summary = summarizeSync(status, now);
  const { color, icon: Icon } = SYNC_TONE_LOOK[summary.tone];
  const title = summary.at ? (
    <Tooltip label={`Received ${formatExactTime(summary.at)}`} withArrow openDelay={200}>
      <span tabIndex={0} data-sync-time={summary.at}>
        {summary.text}
      </span>
    </Tooltip>
  ) : (
    summary.text
  );
  return (
    <Alert
      role="status"
      variant="light"
      color={color}
      radius="md"
      py="xs"
      icon={<Icon size={18} aria-hidden />}
      title={title}
      data-tone={summary.tone}
      data-context={contextKey}
      styles={summary.tone === 'none' ? { title: { color: 'var(--mantine-color-dimmed)' } } : undefined}
    >
      {(summary.note || firstError) && (
        <Stack gap={2}>
          {summary.note && (
            <Text size="xs" c="dimmed">
              {summary.note}
            </Text>
          )}
          {summary.tone === 'error' && firstError && (
            <Text size="xs" c="red.8" style={{ overflowWrap: 'anywhere' }}>
              First error: {describeError(firstError)}
            </Text>
          )}
        </Stack>
      )}
    </Alert>
  );
}
