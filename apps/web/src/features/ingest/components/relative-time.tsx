import { Text, Tooltip, type TextProps } from '@mantine/core';
import { formatExactTime, formatRelative } from '../utils/format';

/** `3 min ago`, with the exact time in a tooltip and in the `<time>` element for machines. */
export function RelativeTime({ value, now, ...text }: { value: string; now: Date } & TextProps) {
  return (
    <Tooltip label={formatExactTime(value)} withArrow openDelay={200}>
      <Text component="time" dateTime={value} tabIndex={0} size="sm" {...text}>
        {formatRelative(value, now)}
      </Text>
    </Tooltip>
  );
}
