import type { ContextSyncStatus, RecordsPageResponse, SubmissionResponse } from '@gatehouse/contracts';
import type { IngestSubmission } from './entities/ingest-submission.entity.js';

export function toSubmissionResponse(row: IngestSubmission): SubmissionResponse {
  return {
    id: row.id,
    receivedAt: row.receivedAt.toISOString(),
    status: row.status,
    recordCount: row.recordCount,
    errorCount: row.errorCount,
    apiKeyName: row.apiKeyName,
    bodyBytes: row.bodyBytes,
    firstErrors: row.firstErrors ?? [],
  };
}

/** What the summary needs of a context's newest submission and newest accepted one. */
export interface ContextActivity {
  readonly last: Pick<IngestSubmission, 'receivedAt' | 'status' | 'recordCount' | 'errorCount'> | null;
  readonly lastAccepted: Pick<IngestSubmission, 'receivedAt' | 'recordCount'> | null;
}

export function toContextSyncStatus(context: string, activity: ContextActivity): ContextSyncStatus {
  const { last, lastAccepted } = activity;
  return {
    context,
    lastPushAt: last ? last.receivedAt.toISOString() : null,
    lastStatus: last ? last.status : null,
    lastRecordCount: last ? last.recordCount : null,
    lastErrorCount: last ? last.errorCount : null,
    lastAcceptedAt: lastAccepted ? lastAccepted.receivedAt.toISOString() : null,
    // The newest accepted snapshot is the context's data; before any, there is none.
    recordsNow: lastAccepted ? lastAccepted.recordCount : 0,
  };
}

/**
 * The JSON text of a RecordsPageResponse, built by hand: each record's text (`json`, exactly as
 * it was sent) is spliced in as `data` unchanged, where JSON.stringify of a parsed value would
 * round numbers beyond a double, turn 1.0 into 1 and rewrite escapes. It is also given as a
 * string (`json`) for clients whose JSON parser would do the same (a browser's).
 */
export function toRecordsPageJson(page: Omit<RecordsPageResponse, 'items'>, items: readonly { index: number; json: string }[]): string {
  const head = `{"submissionId":${JSON.stringify(page.submissionId)},"total":${page.total},"page":${page.page},"pageSize":${page.pageSize},"items":[`;
  return `${head}${items.map((r) => `{"index":${r.index},"data":${r.json},"json":${JSON.stringify(r.json)}}`).join(',')}]}`;
}
