import dayjs from 'dayjs';

// Fixed to English: the app's copy is English, and "1,240 records" must not read "1.240" next to it.
const counts = new Intl.NumberFormat('en-US');
const decimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** `1,240` */
export const formatCount = (n: number): string => counts.format(n);

/** `1 record`, `1,240 records`, `0 errors`. */
export const countOf = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;

/** A request body's size: `512 B`, `1.5 kB`, `2.3 MB` (decimal units, like browsers' download sizes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${formatCount(bytes)} B`;
  if (bytes < 1_000_000) return `${decimals.format(bytes / 1000)} kB`;
  if (bytes < 1_000_000_000) return `${decimals.format(bytes / 1_000_000)} MB`;
  return `${decimals.format(bytes / 1_000_000_000)} GB`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago, in the words people use: `just now`, `3 min ago`, `2 h ago`, `yesterday`,
 * `5 days ago`, then the date (`on Jan 5, 2027`) past a month. A time slightly in the future
 * (the server's clock ahead of the browser's) counts as just now.
 */
export function formatRelative(value: string | Date, now: Date): string {
  const ms = now.getTime() - new Date(value).getTime();
  if (ms < 45_000) return 'just now';
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MINUTE))} min ago`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ago`;
  const days = Math.floor(ms / DAY);
  if (days === 1) return 'yesterday';
  if (days < 30) return `${days} days ago`;
  return `on ${dayjs(value).format('MMM D, YYYY')}`;
}

/** The exact time for a tooltip: `Jan 5, 2027, 2:03:41 PM`, in the viewer's time zone. */
export const formatExactTime = (value: string | Date): string => dayjs(value).format('MMM D, YYYY, h:mm:ss A');
