import type { ValidationErrorItem, ValidationResultResponse } from '@gatehouse/contracts';
import { errorRecord } from '../../ingest/utils/sync-summary';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The sentence shown for a file whose every record matches: always "valid: N records". */
export function validSummary(recordCount: number): string {
  return `All records are valid: ${plural(recordCount, 'record')} checked.`;
}

/** `1 warning: a property not in the schema` / `3 warnings: properties not in the schema`. */
export function warningSummary(count: number): string {
  return count === 1 ? '1 warning: a property not in the schema' : `${count} warnings: properties not in the schema`;
}

/** `3 problems found in 2 records.` (records counted from the listed errors). */
export function invalidSummary(result: ValidationResultResponse): string {
  const records = new Set(result.errors.filter((e) => e.index !== null).map((e) => e.index)).size;
  const where = records > 0 ? ` in ${plural(records, 'record')}` : '';
  return `${plural(result.errorCount, 'problem')} found${where}.`;
}

export interface ErrorRow {
  readonly key: string;
  /** Position of the record in `data` (as the API numbers it, from 0), or "Request body". */
  readonly record: string;
  readonly field: string;
  readonly problem: string;
}

function fieldOf(error: ValidationErrorItem): string {
  if (error.line !== undefined) return `line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ''}`;
  if (error.path === '') return error.index === null ? '—' : '(whole record)';
  return error.path;
}

/** Table rows for the listed errors, in the order the validator found them. */
export function errorRows(errors: readonly ValidationErrorItem[]): ErrorRow[] {
  return errors.map((error, i) => ({
    key: `${i}:${error.index ?? 'body'}:${error.path}`,
    record: errorRecord(error),
    field: fieldOf(error),
    problem: error.message,
  }));
}

/** "Showing the first 100 of 250 problems." when the answer was cut short, otherwise null. */
export function truncationNote(result: ValidationResultResponse): string | null {
  return result.errorCount > result.errors.length ? `Showing the first ${result.errors.length} of ${result.errorCount} problems.` : null;
}
