/**
 * At most `slots` tasks run at once; the rest wait in arrival order. Used to keep CPU- and
 * memory-heavy work (password hashing) from taking every worker thread.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly slots: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.slots) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` stays counted.
      if (next) next();
      else this.running -= 1;
    }
  }

  /** Tasks waiting for a slot (for tests and diagnostics). */
  get queued(): number {
    return this.waiting.length;
  }
}
