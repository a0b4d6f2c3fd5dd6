import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { DatabaseHandle } from '../src/database/embedded-postgres.js';
import { poolSize } from '../src/database/pool-size.js';
import { createTestDatabase } from './support/test-database.js';

// Plain reads while transactions hold a row lock, through a pool sized as the app sizes it:
// every caller must get its own rows. With several connections to the embedded engine, its
// socket server has handed one connection's results to another.
describe('concurrent statements through the app-sized pool', () => {
  let db: DatabaseHandle;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: poolSize(db.embedded, 10) });
    // Errors of idle connections while the database is dropped at the end are not under test;
    // a failed statement still rejects its own query.
    pool.on('error', () => {});
    await pool.query('CREATE TABLE counter (id int PRIMARY KEY, v int NOT NULL)');
    await pool.query('INSERT INTO counter VALUES (1, 0)');
  });
  afterAll(async () => {
    await pool.end();
    await db.stop();
  });

  it('each read gets its own answer and no increment is lost', async () => {
    const increment = async () => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query('SELECT v FROM counter WHERE id = 1 FOR UPDATE');
        await new Promise((r) => setTimeout(r, 20));
        await c.query('UPDATE counter SET v = v + 1 WHERE id = 1');
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    };
    const read = async (i: number) => {
      const r = await pool.query('SELECT $1::int AS n, $2::text AS label', [i, `read ${i}`]);
      return r.rows[0]?.n === i && r.rows[0]?.label === `read ${i}` ? null : `read ${i} got ${JSON.stringify(r.rows)}`;
    };
    const results = await Promise.all([
      increment(), read(1), increment(), read(2), read(3), increment(), read(4), increment(), read(5), read(6),
    ]);
    expect(results.filter((r) => typeof r === 'string')).toEqual([]);
    expect((await pool.query('SELECT v FROM counter WHERE id = 1')).rows[0].v).toBe(4);
  });
});
