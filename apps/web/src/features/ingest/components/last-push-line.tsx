import { Group, Text, Tooltip } from '@mantine/core';
import { formatExactTime } from '../utils/format';
import { summarizeLastPush, type LastPush } from '../utils/sync-summary';
import { SYNC_TONE_LOOK } from './sync-tone';

/** One line on an integration's card and header: its newest push, accepted or refused, or none yet. */
export function LastPushLine({ push, now }: { push: LastPush | undefined; now: Date }) {
  const summary = summarizeLastPush(push, now);
  const { color: base, icon: Icon } = SYNC_TONE_LOOK[summary.tone];
  // Text on the page background: the darker shade of the tone, or the dimmed text colour for grey.
  const color = base === 'gray' ? 'dimmed' : `${base}.8`;
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
