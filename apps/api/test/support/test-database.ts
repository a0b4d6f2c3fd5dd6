import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres, type DatabaseHandle } from '../../src/database/embedded-postgres.js';

/**
 * A fresh, empty database for one test file. TEST_DB=postgres creates a throw-away database on
 * the server at TEST_DATABASE_URL (default: the local server) and drops it afterwards;
 * anything else starts an in-memory embedded PostgreSQL.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (process.env.TEST_DB !== 'postgres') return startEmbeddedPostgres(undefined);
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `gh_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`TEST_DB=postgres needs a PostgreSQL server at ${adminUrl} (set TEST_DATABASE_URL): ${(err as Error).message}`);
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    stop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      // pg's pool.end() resolves before its sockets have closed; forcing the drop while a
      // backend is still saying goodbye sends that client a FATAL it no longer listens for.
      for (let i = 0; i < 50; i++) {
        const { rows } = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
