import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export type DatabaseHandle = {
  /** A postgres:// URL the ordinary `pg` driver connects to. */
  url: string;
  /** Whether this is the embedded engine (one backend, no real concurrency). */
  embedded: boolean;
  stop: () => Promise<void>;
};

/**
 * Starts PostgreSQL compiled to WASM (PGlite) and serves it on a loopback port, so the app
 * talks to it through the same `pg` driver and SQL as to a real server.
 * `dataDir` undefined keeps everything in memory (tests).
 */
export async function startEmbeddedPostgres(dataDir: string | undefined, maxConnections = 20): Promise<DatabaseHandle> {
  // Loaded only when used: with DATABASE_URL the process never holds the engine's code.
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-socket')]);
  let dir: string | undefined;
  if (dataDir) {
    dir = resolve(dataDir, 'pg');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  const db = await PGlite.create(dir ? { dataDir: dir } : undefined);
  // The socket server multiplexes client connections onto PGlite's single session, keeping
  // each transaction's statements together; it must accept as many sockets as the pool opens.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  const conn = server.getServerConn();
  const port = Number(conn.split(':').pop());
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    embedded: true,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

export async function openDatabase(databaseUrl: string | undefined, dataDir: string, maxConnections: number): Promise<DatabaseHandle> {
  if (databaseUrl) return { url: databaseUrl, embedded: false, stop: async () => {} };
  return startEmbeddedPostgres(dataDir, maxConnections + 5);
}
