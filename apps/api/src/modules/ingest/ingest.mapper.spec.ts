import { describe, expect, it } from '@jest/globals';
import type { IngestSubmission } from './entities/ingest-submission.entity.js';
import { recordsPageResponseSchema } from '@gatehouse/contracts';
import { toContextSyncStatus, toRecordsPageJson, toSubmissionResponse } from './ingest.mapper.js';

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

describe('toRecordsPageJson', () => {
  it('splices each record in as sent, and gives its text as a string too', () => {
    const sent = '{ "z":1.0, "big":12345678901234567890,\n "s":"\\u00e9" }';
    const text = toRecordsPageJson({ submissionId: 's1', total: 1, page: 1, pageSize: 50 }, [{ index: 0, json: sent }]);
    expect(text).toBe(`{"submissionId":"s1","total":1,"page":1,"pageSize":50,"items":[{"index":0,"data":${sent},"json":${JSON.stringify(sent)}}]}`);
    const page = recordsPageResponseSchema.parse(JSON.parse(text));
    expect(page.items[0]!.json).toBe(sent);
  });

  it('is a valid empty page without records', () => {
    expect(JSON.parse(toRecordsPageJson({ submissionId: null, total: 0, page: 2, pageSize: 10 }, []))).toEqual({ submissionId: null, total: 0, page: 2, pageSize: 10, items: [] });
  });
});
