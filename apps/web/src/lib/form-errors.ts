import { zodIssuesToDetails } from '@gatehouse/contracts';
import type { z } from 'zod';

/** First message per field, keyed by the same paths the API reports. */
export function fieldErrorsFrom(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of zodIssuesToDetails(error.issues)) out[d.path] ??= d.message;
  return out;
}
