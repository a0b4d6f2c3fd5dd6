import pg from 'pg';

/**
 * SQLSTATEs of a backend that ended while a statement ran (administrator command, crash
 * shutdown, server starting up) or of a connection that failed. A statement interrupted this
 * way did not commit.
 */
const SERVER_ENDED = new Set(['57P01', '57P02', '57P03']);
const CONNECTION_FAILED = new Set(['08000', '08001', '08003', '08004', '08006']);
const SOCKET_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN']);

type DriverError = { code?: string; errno?: string; message?: string; driverError?: DriverError };

const driverErrorOf = (err: unknown): DriverError => {
  const e = (err ?? {}) as DriverError;
  return e.driverError ?? e;
};

/** The statement never left this process: the client already knew its connection was gone. */
const neverSent = (e: DriverError) => /not queryable/.test(e.message ?? '');

/**
 * Whether `err` means the database connection was lost or could not be made (as opposed to a
 * statement the database refused). Such a failure is answered 503, not 500.
 */
export function isConnectionLost(err: unknown): boolean {
  const e = driverErrorOf(err);
  const code = e.code ?? '';
  return (
    SERVER_ENDED.has(code) ||
    CONNECTION_FAILED.has(code) ||
    SOCKET_ERRORS.has(code) ||
    SOCKET_ERRORS.has(e.errno ?? '') ||
    /Connection terminated|not queryable|timeout exceeded when trying to connect/i.test(e.message ?? '')
  );
}

const READ_ONLY = /^\s*(SELECT|SHOW|VALUES|START TRANSACTION|BEGIN)\b/i;
// A row lock in a read (SELECT … FOR UPDATE) is not a write.
const ROW_LOCKS = /\bFOR\s+(NO\s+KEY\s+)?UPDATE\b/gi;
const WRITES = /\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|COPY|NEXTVAL|SETVAL|PG_ADVISORY_LOCK|PG_NOTIFY)\b/i;

/**
 * A failed first statement on a connection is safe to send again on another when it cannot
 * have changed anything: it never left, the server interrupted it (so it did not commit), or
 * it only reads (or opens a transaction).
 */
export function safeToRetry(text: string, err: unknown): boolean {
  const e = driverErrorOf(err);
  if (neverSent(e) || SERVER_ENDED.has(e.code ?? '')) return true;
  return READ_ONLY.test(text) && !WRITES.test(text.replace(ROW_LOCKS, ''));
}

const statementText = (arg: unknown): string => (typeof arg === 'string' ? arg : typeof (arg as { text?: unknown })?.text === 'string' ? (arg as { text: string }).text : '');

type Released = (err?: Error | boolean) => void;
type RawClient = pg.PoolClient;

/**
 * A pg pool whose connections survive dying under it: when the first statement sent on a
 * checked-out connection fails because the connection was lost (a terminated backend, a restarted
 * server, a dead socket), and sending it again cannot change anything twice (see safeToRetry),
 * the connection is dropped and the statement runs once more on a fresh one. Inside a
 * transaction nothing is retried past its first statement: the transaction fails as a whole.
 *
 * The caller holds one object for the whole checkout; it forwards to whichever connection is
 * current, so a retry is invisible to it (TypeORM keeps the client it was given).
 */
export class ResilientPool extends pg.Pool {
  /** Called after each retry, with the error that caused it (for the log). */
  onRetry: ((err: unknown) => void) | undefined;

  override connect(): Promise<RawClient>;
  override connect(callback: (err: Error | undefined, client: RawClient | undefined, done: Released) => void): void;
  override connect(callback?: (err: Error | undefined, client: RawClient | undefined, done: Released) => void): Promise<RawClient> | void {
    const checkout = super.connect().then((client) => this.resilient(client));
    if (!callback) return checkout;
    checkout.then(
      (client) => callback(undefined, client, (err) => client.release(err)),
      (err: Error) => callback(err, undefined, () => {}),
    );
  }

  // pg-pool's own query() checks out through connect() with callbacks; this one keeps to promises.
  override query(...args: unknown[]): never {
    if (args.some((a) => typeof a === 'function')) return (super.query as (...a: unknown[]) => never)(...args);
    return (async () => {
      const client = await this.connect();
      try {
        const result = await (client.query as (...a: unknown[]) => Promise<unknown>)(...args);
        client.release();
        return result;
      } catch (err) {
        client.release(isConnectionLost(err) ? (err as Error) : undefined);
        throw err;
      }
    })() as never;
  }

  private resilient(first: RawClient): RawClient {
    let current = first;
    let statements = 0;
    let released = false;
    const fresh = () => super.connect();
    const onRetry = (err: unknown) => this.onRetry?.(err);
    const query = async (...args: unknown[]): Promise<unknown> => {
      const call = current.query as (...a: unknown[]) => Promise<unknown>;
      // Callback and submittable forms go straight through, unretried.
      if (args.some((a) => typeof a === 'function') || typeof (args[0] as { submit?: unknown })?.submit === 'function') return call.apply(current, args);
      const isFirst = statements === 0;
      statements += 1;
      try {
        return await call.apply(current, args);
      } catch (err) {
        if (released || !isFirst || !isConnectionLost(err) || !safeToRetry(statementText(args[0]), err)) throw err;
        const dead = current;
        // At once, before anything else runs: the dying connection's own 'error' event must not
        // reach whoever checked it out (TypeORM would give the checkout back on it).
        const listeners = dead.listeners('error') as Array<(...a: unknown[]) => void>;
        for (const listener of listeners) dead.removeListener('error', listener);
        dead.on('error', () => {});
        let next: RawClient;
        try {
          next = await fresh();
        } catch {
          for (const listener of listeners) dead.on('error', listener);
          throw err;
        }
        giveBack(dead, err as Error);
        if (released) {
          next.release();
          throw err;
        }
        for (const listener of listeners) next.on('error', listener);
        current = next;
        onRetry(err);
        return (current.query as (...a: unknown[]) => Promise<unknown>).apply(current, args);
      }
    };
    const release = (err?: Error | boolean) => {
      if (released) return;
      released = true;
      giveBack(current, err);
    };
    return new Proxy(first, {
      get(_target, prop) {
        if (prop === 'query') return query;
        if (prop === 'release') return release;
        const value = Reflect.get(current, prop, current) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
      },
      set(_target, prop, value) {
        return Reflect.set(current, prop, value, current);
      },
    });
  }
}

/** Returns a connection to the pool (closing it when `err` is set); one already given back is left alone. */
function giveBack(client: RawClient, err?: Error | boolean): void {
  try {
    client.release(err);
  } catch {
    // pg refuses a second release of one checkout; there is nothing more to give back.
  }
}

/** The `pg` module as TypeORM loads it, with the resilient pool in place of the plain one. */
export const resilientPg = { ...pg, Pool: ResilientPool };
