// Value coercion shared by placeholder computation and response reading, so a flag written as
// "Enabled" in a response and as "true" in a SCIM payload mean the same thing everywhere.

const TRUE_WORDS = new Set(['true', '1', 'yes', 'active', 'enabled']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'inactive', 'disabled']);

/** Booleans, 1/0 and common words (case-insensitive); anything else is undefined. */
export function coerceActive(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return undefined;
}

/** Whole numbers (number or digit string, optional surrounding spaces); anything else is undefined. */
export function coerceCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
    const n = Number(value.trim());
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

/** Scalars as text (numeric ids become strings); objects, arrays, null and "" are undefined. */
export function coerceText(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
