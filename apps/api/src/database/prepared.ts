import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

const names = new Map<string, string>();

/**
 * Data sources whose connections each have a session of their own (a PostgreSQL server). On the
 * embedded engine every connection shares ONE backend session, which outlives the connection: a
 * connection the pool opens after its idle timeout would prepare a name that session still holds
 * ("prepared statement … already exists"). There, statements are sent unnamed. Unnamed is the
 * default: a data source must be declared to allow named ones.
 */
const ownSessions = new WeakSet<object>();

export function allowNamedStatements(dataSource: DataSource): void {
  ownSessions.add(dataSource);
}

/** The statement's name: derived from its text, so two different statements never share one. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `gh_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs a statement sent on most requests (SCIM lookups and writes, the call log) as a named
 * prepared statement: the server parses and plans it once per connection instead of on every
 * execution, which about halves the round trip of a small query on this kind of machine
 * (docs/performance.md); on the embedded engine it is sent unnamed (see ownSessions). Rows come
 * back as `em.query` returns them. Inside a transaction it runs on the transaction's connection;
 * errors are the driver's (`code` is the SQLSTATE).
 */
export async function queryPrepared<T extends QueryResultRow = Record<string, unknown>>(em: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const statement = ownSessions.has(em.connection) ? { name: statementName(text), text, values } : { text, values };
  const runner = em.queryRunner;
  if (runner) {
    const client = (await runner.connect()) as PoolClient;
    return (await client.query<T>(statement)).rows;
  }
  const pool = (em.connection.driver as unknown as { master: Pool }).master;
  return (await pool.query<T>(statement)).rows;
}
