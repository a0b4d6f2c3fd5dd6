import type { ContextSyncStatus, IngestValidationError, IntegrationLastPush } from '@gatehouse/contracts';
import { countOf, formatRelative } from './format';

/** `success`: data is current; `neutral`: accepted but empty; `error`: last push refused; `none`: never pushed. */
export type SyncTone = 'success' | 'neutral' | 'error' | 'none';

export interface SyncSummary {
  readonly tone: SyncTone;
  /** The line at a glance: `Last push 3 min ago — 1,240 records`, `Last push refused — 3 errors`. */
  readonly text: string;
  /** When the last push arrived (ISO), for the exact time in a tooltip; null before any push. */
  readonly at: string | null;
  /** A second line: what data the context holds after a refusal, or how to send some. */
  readonly note: string | null;
}

/** The status line of one context, from its sync status, as of `now`. */
export function summarizeSync(status: ContextSyncStatus | undefined, now: Date): SyncSummary {
  if (!status || status.lastPushAt === null || status.lastStatus === null) {
    return { tone: 'none', text: 'No data pushed yet', at: null, note: "Push records to this context's endpoint with an API key; the latest push shows here." };
  }
  const when = formatRelative(status.lastPushAt, now);
  if (status.lastStatus === 'refused') {
    const errors = status.lastErrorCount ?? 0;
    const kept =
      status.lastAcceptedAt === null
        ? `Refused ${when}. No data has been accepted yet.`
        : `Refused ${when}. The context keeps ${countOf(status.recordsNow, 'record')} from the push accepted ${formatRelative(status.lastAcceptedAt, now)}.`;
    return { tone: 'error', text: `Last push refused — ${countOf(errors, 'error')}`, at: status.lastPushAt, note: kept };
  }
  const records = status.lastRecordCount ?? status.recordsNow;
  return {
    tone: records > 0 ? 'success' : 'neutral',
    text: `Last push ${when} — ${records > 0 ? countOf(records, 'record') : 'no records'}`,
    at: status.lastPushAt,
    note: null,
  };
}

/**
 * Which record a problem is in, counted from 1 as people count (`3` for the API's `data[2]`), or
 * `Request body` for a problem with the envelope. Tables put it under a "Record" heading.
 */
export const errorRecord = (error: Pick<IngestValidationError, 'index'>): string => (error.index === null ? 'Request body' : String(error.index + 1));

/** `Record 3 (data[2]) · email: must be a valid email address`; `Request body: …` for envelope problems. */
export function describeError(error: IngestValidationError): string {
  const where = error.index === null ? 'Request body' : `Record ${error.index + 1} (data[${error.index}])`;
  const field = error.line !== undefined ? `line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ''}` : error.path;
  return `${where}${field ? ` · ${field}` : ''}: ${error.message}`;
}

/** The newest push of an integration, whichever context it went to. */
export type LastPush = Omit<IntegrationLastPush, 'integrationId'>;

/** The newest push among an integration's contexts, from its sync status; undefined before any. */
export function newestPush(statuses: readonly ContextSyncStatus[] | undefined): LastPush | undefined {
  let newest: LastPush | undefined;
  for (const s of statuses ?? []) {
    if (s.lastPushAt === null || s.lastStatus === null) continue;
    if (newest && newest.at >= s.lastPushAt) continue;
    newest = { context: s.context, at: s.lastPushAt, status: s.lastStatus, recordCount: s.lastRecordCount ?? 0, errorCount: s.lastErrorCount ?? 0 };
  }
  return newest;
}

/** An integration's health at a glance: `Last push 3 min ago to list_employees — 3 records`, or refused with its error count. */
export function summarizeLastPush(push: LastPush | undefined, now: Date): { tone: SyncTone; text: string } {
  if (!push) return { tone: 'none', text: 'No data pushed yet' };
  const when = formatRelative(push.at, now);
  if (push.status === 'refused') return { tone: 'error', text: `Last push refused ${when} (${push.context}) — ${countOf(push.errorCount, 'error')}` };
  return {
    tone: push.recordCount > 0 ? 'success' : 'neutral',
    text: `Last push ${when} to ${push.context} — ${push.recordCount > 0 ? countOf(push.recordCount, 'record') : 'no records'}`,
  };
}
