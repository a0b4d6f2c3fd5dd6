import { describe, expect, it } from '@jest/globals';
import { isConnectionLost, safeToRetry } from './resilient-pool.js';

const terminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
const closed = new Error('Client has encountered a connection error and is not queryable');
const unexpected = new Error('Connection terminated unexpectedly');
const refusedRow = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });

describe('isConnectionLost', () => {
  it('recognises a terminated backend, a reset socket and a closed client, also wrapped as TypeORM wraps them', () => {
    for (const err of [terminated, reset, closed, unexpected]) {
      expect(isConnectionLost(err)).toBe(true);
      expect(isConnectionLost({ name: 'QueryFailedError', driverError: err })).toBe(true);
    }
  });

  it('leaves errors of the statement itself alone', () => {
    expect(isConnectionLost(refusedRow)).toBe(false);
    expect(isConnectionLost(new Error('syntax error at or near "SELEC"'))).toBe(false);
    expect(isConnectionLost(undefined)).toBe(false);
  });
});

describe('safeToRetry', () => {
  it('sends reads and transaction starts again after any lost connection', () => {
    expect(safeToRetry('SELECT 1', reset)).toBe(true);
    expect(safeToRetry('  select * from scim_users where id = $1 FOR UPDATE', unexpected)).toBe(true);
    expect(safeToRetry('START TRANSACTION', reset)).toBe(true);
  });

  it('does not send a write again when it may have reached the server', () => {
    expect(safeToRetry('INSERT INTO connector_calls VALUES ($1)', reset)).toBe(false);
    expect(safeToRetry('UPDATE scim_users SET active = false', unexpected)).toBe(false);
    expect(safeToRetry('WITH touched AS (UPDATE connectors SET x = 1 RETURNING id) SELECT 1', reset)).toBe(false);
    expect(safeToRetry('SELECT 1 FROM t; DELETE FROM t', reset)).toBe(false);
  });

  it('sends a write again when it never left, or when the server interrupted it (so it did not commit)', () => {
    expect(safeToRetry('INSERT INTO connector_calls VALUES ($1)', closed)).toBe(true);
    expect(safeToRetry('UPDATE scim_users SET active = false', terminated)).toBe(true);
  });
});
