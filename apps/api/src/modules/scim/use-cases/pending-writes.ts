import { ScimErrors } from '../scim.errors.js';

/** What a claim answers when another attempt holds the resource: wait and try again. */
export const BUSY = Symbol('BUSY');
export type Busy = typeof BUSY;

/** How often a request waiting for another process's write to the same resource looks again. */
const POLL_MS = 100;

/**
 * Serialises the writes to one resource (a userName / displayName being created, or one user or
 * group) within this process, so concurrent requests wait their turn without holding a database
 * connection. Across processes the pending mark on the row does the same: a claim that finds it
 * answers BUSY, and `untilFree` tries again until the mark's lease has run out.
 */
export class PendingTurns {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const mine = before.then(work, work);
    const tail = mine.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      return await mine;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Runs `attempt` until it is not BUSY; after `waitMs` the request is answered 409 (retry later). */
  async untilFree<T>(waitMs: number, what: string, attempt: () => Promise<T | Busy>): Promise<T> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const result = await attempt();
      if (result !== BUSY) return result as T;
      if (Date.now() >= deadline) throw ScimErrors.busy(what);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
