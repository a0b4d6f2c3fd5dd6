import type { ContextSyncStatus } from '@gatehouse/contracts';
import { describe, expect, it } from '@jest/globals';
import { describeError, errorRecord, summarizeSync } from './sync-summary';

const now = new Date('2027-01-05T14:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

const never: ContextSyncStatus = {
  context: 'list_employees',
  lastPushAt: null,
  lastStatus: null,
  lastRecordCount: null,
  lastErrorCount: null,
  lastAcceptedAt: null,
  recordsNow: 0,
};

describe('summarizeSync', () => {
  it('says nothing was pushed yet, with a hint, when there is no push or no entry', () => {
    for (const status of [never, undefined]) {
      const summary = summarizeSync(status, now);
      expect(summary).toMatchObject({ tone: 'none', text: 'No data pushed yet', at: null });
      expect(summary.note).toContain('endpoint');
    }
  });

  it('gives the time and record count of an accepted push', () => {
    const at = minutesAgo(3);
    const status = { ...never, lastPushAt: at, lastStatus: 'accepted', lastRecordCount: 1240, lastErrorCount: 0, lastAcceptedAt: at, recordsNow: 1240 } as const;
    expect(summarizeSync(status, now)).toEqual({ tone: 'success', text: 'Last push 3 min ago — 1,240 records', at, note: null });
    expect(summarizeSync({ ...status, lastRecordCount: 1, recordsNow: 1 }, now).text).toBe('Last push 3 min ago — 1 record');
  });

  it('is neutral for an accepted push of no records', () => {
    const at = minutesAgo(120);
    const status = { ...never, lastPushAt: at, lastStatus: 'accepted', lastRecordCount: 0, lastErrorCount: 0, lastAcceptedAt: at } as const;
    expect(summarizeSync(status, now)).toMatchObject({ tone: 'neutral', text: 'Last push 2 h ago — no records' });
  });

  it('reports a refusal with its error count and what data the context still holds', () => {
    const status = {
      ...never,
      lastPushAt: minutesAgo(1),
      lastStatus: 'refused',
      lastRecordCount: 2,
      lastErrorCount: 3,
      lastAcceptedAt: minutesAgo(10),
      recordsNow: 1240,
    } as const;
    expect(summarizeSync(status, now)).toEqual({
      tone: 'error',
      text: 'Last push refused — 3 errors',
      at: status.lastPushAt,
      note: 'Refused 1 min ago. The context keeps 1,240 records from the push accepted 10 min ago.',
    });
    expect(summarizeSync({ ...status, lastErrorCount: 1, lastAcceptedAt: null, recordsNow: 0 }, now)).toMatchObject({
      text: 'Last push refused — 1 error',
      note: 'Refused 1 min ago. No data has been accepted yet.',
    });
  });
});

describe('describeError', () => {
  it('numbers records from 1 as people count them, with the API\'s data[i] alongside, then the field and the problem', () => {
    expect(errorRecord({ index: 0 })).toBe('1');
    expect(errorRecord({ index: null })).toBe('Request body');
    expect(describeError({ index: 2, path: 'email', message: 'must be a valid email address' })).toBe('Record 3 (data[2]) · email: must be a valid email address');
    expect(describeError({ index: null, path: 'data', message: 'must be an array' })).toBe('Request body · data: must be an array');
    expect(describeError({ index: null, path: '', message: 'Unexpected end of JSON', line: 4, column: 2 })).toBe('Request body · line 4, column 2: Unexpected end of JSON');
    expect(describeError({ index: 1, path: '', message: 'must be an object' })).toBe('Record 2 (data[1]): must be an object');
  });
});
