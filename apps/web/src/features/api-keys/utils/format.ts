import dayjs from 'dayjs';

/** `Jan 5, 2027`, in the viewer's time zone. */
export const formatDate = (value: string | Date): string => dayjs(value).format('MMM D, YYYY');

/** `Jan 5, 2027, 2:03 PM`, in the viewer's time zone. */
export const formatDateTime = (value: string | Date): string => dayjs(value).format('MMM D, YYYY, h:mm A');

export const formatLastUsed = (value: string | null): string => (value ? formatDateTime(value) : 'Never');

/** The stored prefix is only the start of the key; the ellipsis says so. */
export const displayPrefix = (prefix: string): string => `${prefix}…`;
