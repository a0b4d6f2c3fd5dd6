import { Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClockHour4, IconInbox } from '@tabler/icons-react';
import { formatExactTime } from '../utils/format';
import { summarizeLastPush, type LastPush, type SyncTone } from '../utils/sync-summary';

const LOOK: Record<SyncTone, { color: string; icon: typeof IconCircleCheck }> = {
  success: { color: 'teal.8', icon: IconCircleCheck },
  neutral: { color: 'dimmed', icon: IconInbox },
  error: { color: 'red.8', icon: IconAlertTriangle },
  none: { color: 'dimmed', icon: IconClockHour4 },
};

/** One line on an integration's card and header: its newest push, accepted or refused, or none yet. */
export function LastPushLine({ push, now }: { push: LastPush | undefined; now: Date }) {
  const summary = summarizeLastPush(push, now);
  const { color, icon: Icon } = LOOK[summary.tone];
  const line = (
    <Group gap={6} wrap="nowrap" data-last-push={summary.tone} aria-label={summary.text}>
      <Icon size={16} aria-hidden color={`var(--mantine-color-${color.replace('.', '-')})`} />
      <Text size="sm" c={color} truncate>
        {summary.text}
      </Text>
    </Group>
  );
  return push ? (
    <Tooltip label={`Received ${formatExactTime(push.at)}`} withArrow openDelay={200}>
      {line}
    </Tooltip>
  ) : (
    line
  );
}
