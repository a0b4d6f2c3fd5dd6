import { describe, expect, it } from '@jest/globals';
import type { IngestSubmission } from './entities/ingest-submission.entity.js';
import { toContextSyncStatus, toSubmissionResponse } from './ingest.mapper.js';

const at = (iso: string) => new Date(iso);

describe('toSubmissionResponse', () => {
  const base = {
    id: 's1',
    companyId: 'c',
    integrationId: 'i',
    contextKey: 'list_employees',
    apiKeyId: 'k',
    apiKeyName: 'Nightly',
    bodySha256: 'abc',
    idempotencyKey: 'idem-1',
    response: { submissionId: 's1' },
    receivedAt: at('2026-01-02T03:04:05.000Z'),
  };

  it('shows an accepted submission without internals (hash, idempotency key, stored answer)', () => {
    const row = { ...base, status: 'accepted', recordCount: 3, errorCount: 0, firstErrors: null, bodyBytes: 512 } as IngestSubmission;
    expect(toSubmissionResponse(row)).toEqual({
      id: 's1',
      receivedAt: '2026-01-02T03:04:05.000Z',
      status: 'accepted',
      recordCount: 3,
      errorCount: 0,
      apiKeyName: 'Nightly',
      bodyBytes: 512,
      firstErrors: [],
    });
  });

  it('keeps the first errors of a refusal', () => {
    const firstErrors = [{ index: 2, path: 'email', message: 'must be a valid email address (format "email")' }];
    const row = { ...base, status: 'refused', recordCount: 5, errorCount: 7, firstErrors, bodyBytes: 9 } as IngestSubmission;
    expect(toSubmissionResponse(row)).toMatchObject({ status: 'refused', errorCount: 7, firstErrors });
  });
});

describe('toContextSyncStatus', () => {
  it('reports a context that never received anything', () => {
    expect(toContextSyncStatus('list_users', { last: null, lastAccepted: null })).toEqual({
      context: 'list_users',
      lastPushAt: null,
      lastStatus: null,
      lastRecordCount: null,
      lastErrorCount: null,
      lastAcceptedAt: null,
      recordsNow: 0,
    });
  });

  it('keeps the last accepted snapshot as the data now when the last push was refused', () => {
    const status = toContextSyncStatus('list_employees', {
      last: { receivedAt: at('2026-01-03T00:00:00Z'), status: 'refused', recordCount: 10, errorCount: 2 },
      lastAccepted: { receivedAt: at('2026-01-02T00:00:00Z'), recordCount: 8 },
    });
    expect(status).toEqual({
      context: 'list_employees',
      lastPushAt: '2026-01-03T00:00:00.000Z',
      lastStatus: 'refused',
      lastRecordCount: 10,
      lastErrorCount: 2,
      lastAcceptedAt: '2026-01-02T00:00:00.000Z',
      recordsNow: 8,
    });
  });
});
