import { API_KEY_EXPIRY_PRESET_DAYS, apiKeyExpiryInDays, maxApiKeyExpiry, validateExpiry } from '@gatehouse/contracts';
import dayjs from 'dayjs';
import { labelMessage } from '../../../lib/form-errors';

/** A preset lifetime in days (as the select's string value) or a date the admin picks. */
export type ExpiryChoice = `${(typeof API_KEY_EXPIRY_PRESET_DAYS)[number]}` | 'custom';

export const DEFAULT_EXPIRY_CHOICE: ExpiryChoice = '90';

/** `YYYY-MM-DD`, the calendar day @mantine/dates works in (local time). */
const DAY_FORMAT = 'YYYY-MM-DD';

export function presetLabel(days: number): string {
  if (days % 365 === 0) return days === 365 ? '1 year' : `${days / 365} years`;
  return `${days} days`;
}

export const EXPIRY_CHOICES: { value: ExpiryChoice; label: string }[] = [
  ...API_KEY_EXPIRY_PRESET_DAYS.map((days) => ({ value: `${days}` as ExpiryChoice, label: presetLabel(days) })),
  { value: 'custom', label: 'Custom date' },
];

export const isExpiryChoice = (value: string | null): value is ExpiryChoice => EXPIRY_CHOICES.some((c) => c.value === value);

/**
 * The instant a key made now would expire. A preset counts days from this moment; a custom date
 * keeps the key working through the end of that day in the admin's time zone. Null when "Custom
 * date" is chosen but no day is picked yet.
 */
export function expiryFromChoice(choice: ExpiryChoice, customDay: string | null, now: Date): Date | null {
  if (choice !== 'custom') return apiKeyExpiryInDays(Number(choice), now);
  if (!customDay) return null;
  // dayjs reads a date-only string as local midnight; the round trip rejects days like 2027-02-30.
  const day = dayjs(customDay);
  return day.isValid() && day.format(DAY_FORMAT) === customDay ? day.endOf('day').toDate() : null;
}

/** What is wrong with the chosen expiry, by the API's rule in the form's words, or null when it is acceptable. */
export function expiryProblem(choice: ExpiryChoice, customDay: string | null, now: Date): string | null {
  const expiresAt = expiryFromChoice(choice, customDay, now);
  if (!expiresAt) return 'Choose an expiry date';
  const problem = validateExpiry(expiresAt, now);
  return problem === null ? null : labelMessage('expiresAt', problem, { expiresAt: 'The expiry date' });
}

/**
 * The days the date picker offers: from today (the key then works until tonight) to the last day
 * whose end still falls within the longest lifetime the API allows.
 */
export function customDayRange(now: Date): { minDate: string; maxDate: string } {
  const max = dayjs(maxApiKeyExpiry(now));
  const lastDay = max.endOf('day').isAfter(max) ? max.subtract(1, 'day') : max;
  return { minDate: dayjs(now).format(DAY_FORMAT), maxDate: lastDay.format(DAY_FORMAT) };
}
