import { zodIssuesToDetails } from '@gatehouse/contracts';
import type { z } from 'zod';

/**
 * A form's labels by the API's field paths (`{ companyName: 'Company name' }`). The API's messages
 * name its fields ("companyName must not be empty"); a form shows them with the label the admin
 * sees instead ("Company name is required").
 */
export type FieldLabels = Readonly<Record<string, string>>;

/** One message as the form shows it: the field's name replaced by its label, "must not be empty" said as "is required". */
export function labelMessage(path: string, message: string, labels: FieldLabels): string {
  const label = labels[path];
  if (!label || !message.startsWith(`${path} `)) return message;
  const rest = message.slice(path.length + 1);
  if (rest === 'must not be empty' || rest === 'is required') return `${label} is required`;
  return `${label} ${rest}`;
}

/** First message per field from (path, message) pairs, worded with the form's labels. */
export function fieldMessages(details: ReadonlyArray<{ path: string; message: string }>, labels: FieldLabels = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of details) out[d.path] ??= labelMessage(d.path, d.message, labels);
  return out;
}

/** First message per field, keyed by the same paths the API reports, worded with the form's labels. */
export function fieldErrorsFrom(error: z.ZodError, labels: FieldLabels = {}): Record<string, string> {
  return fieldMessages(zodIssuesToDetails(error.issues), labels);
}
