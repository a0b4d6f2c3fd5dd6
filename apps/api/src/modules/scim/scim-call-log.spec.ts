import { describe, expect, it } from '@jest/globals';
import type { Repository } from 'typeorm';
import type { CallRecord } from '../http-connector/connector-call-log.service.js';
import type { ConnectorCall } from '../http-connector/entities/connector-call.entity.js';
import { PartHealth } from '../health/part-health.js';
import { ScimCallLog } from './scim-call-log.js';

function setup() {
  const written: string[] = [];
  // The call log writes each call with one INSERT … statement (a prepared one, through the pool);
  // its third parameter is the operation.
  const pool = {
    query: async ({ text, values = [] }: { text: string; values?: unknown[] }) => {
      if (/INSERT INTO connector_calls/.test(text)) written.push(values[2] as string);
      return { rows: [] };
    },
  };
  const manager = { connection: { driver: { master: pool } } };
  const calls = { manager } as unknown as Repository<ConnectorCall>;
  return { log: new ScimCallLog(calls, new PartHealth()), written };
}

const call = (operation: string): CallRecord => ({
  companyId: 'co',
  connectorId: 'c1',
  operation,
  method: 'POST',
  url: 'https://app/x',
  status: 201,
  durationMs: 3,
  attempts: 1,
  error: null,
  source: 'scim',
});

describe('ScimCallLog', () => {
  it('writes at once outside holdingCalls', async () => {
    const { log, written } = setup();
    await log.record(call('get_user'));
    expect(written).toEqual(['get_user']);
  });

  it('holds the calls made inside the work and writes them, in order, once it has finished', async () => {
    const { log, written } = setup();
    const result = await log.holdingCalls(async () => {
      await log.record(call('update_group_name'));
      await log.record(call('update_group_members'));
      expect(written).toEqual([]);
      return 'done';
    });
    expect(result).toBe('done');
    expect(written).toEqual(['update_group_name', 'update_group_members']);
  });

  it('still writes them when the work fails, and nested units join the outer one', async () => {
    const { log, written } = setup();
    await expect(
      log.holdingCalls(async () => {
        await log.holdingCalls(async () => log.record(call('create_user')));
        expect(written).toEqual([]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(written).toEqual(['create_user']);
  });

  it('keeps concurrent units apart', async () => {
    const { log, written } = setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = log.holdingCalls(async () => {
      await log.record(call('slow'));
      await gate;
    });
    await log.holdingCalls(async () => log.record(call('fast')));
    expect(written).toEqual(['fast']);
    release();
    await slow;
    expect(written).toEqual(['fast', 'slow']);
  });
});
