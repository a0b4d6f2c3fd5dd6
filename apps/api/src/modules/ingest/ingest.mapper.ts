import type { ContextSyncStatus, SubmissionResponse } from '@gatehouse/contracts';
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
