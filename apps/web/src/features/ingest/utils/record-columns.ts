import { recordKeyOf, type JsonSchema } from '@gatehouse/schemas';

/** One column of the records table: a top-level field of the context's record schema. */
export interface RecordColumn {
  readonly field: string;
  /** What the column header says: the property's `title` in the schema, else its name in words (`employee_name` → `Employee name`). */
  readonly title: string;
  readonly description: string;
}

/** Words that read as abbreviations in a column title. */
const ABBREVIATIONS = new Set(['id', 'ids', 'mfa', 'sso', 'url', 'uri', 'api', 'ip', 'os', 'hr', 'kms', 'arn', 'ssh', 'vpn']);

/** A property name in words: `employee_name` → `Employee name`, `isAdmin` → `Is admin`, `mfa_enabled` → `MFA enabled`. */
export function fieldTitle(field: string): string {
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[_\s-]+/)
    .filter((w) => w !== '')
    .map((w) => (ABBREVIATIONS.has(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase()));
  if (words.length === 0) return field;
  const [first, ...rest] = words;
  return [first!.charAt(0).toUpperCase() + first!.slice(1), ...rest].join(' ');
}

export const RECORD_COLUMNS_MAX = 6;

const isNested = (property: JsonSchema): boolean => {
  if (property.type === 'object') return true;
  return property.type === 'array' && property.items?.type === 'object';
};

/**
 * The fields that fit in a table row: the record key first, then required fields, then the
 * others in the schema's order. Nested objects read badly in a cell, so they come last and
 * are left to the full record view unless there is room.
 */
export function recordColumns(schema: JsonSchema, max = RECORD_COLUMNS_MAX): RecordColumn[] {
  const properties = Object.entries(schema.properties ?? {});
  const key = recordKeyOf(schema);
  const required = new Set(schema.required ?? []);
  const rank = ([field, property]: [string, JsonSchema]) => (field === key ? 0 : isNested(property) ? 3 : required.has(field) ? 1 : 2);
  return properties
    .map((entry, order) => ({ entry, order, rank: rank(entry) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, max)
    .map(({ entry: [field, property] }) => ({
      field,
      title: typeof property.title === 'string' && property.title.trim() !== '' ? property.title.trim() : fieldTitle(field),
      description: property.description ?? '',
    }));
}

/**
 * A field's value as a cell shows it; '' when the record has no such field. `sent`: the field's
 * text as pushed, shown for a number (the parsed value may have lost digits, or `.0`).
 */
export function cellText(value: unknown, sent?: string): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return sent ?? String(value);
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return value.map((v) => cellText(v)).join(', ');
  return JSON.stringify(value);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What names a record in a button or drawer title: its key's value, else its position (1-based). */
export function recordLabel(data: unknown, schema: JsonSchema, index: number): string {
  const key = recordKeyOf(schema);
  const value = key && isObject(data) ? data[key] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : `record ${index + 1}`;
}

/** The value of one field of a record, tolerating records that are not objects. */
export const fieldOf = (data: unknown, field: string): unknown => (isObject(data) ? data[field] : undefined);
