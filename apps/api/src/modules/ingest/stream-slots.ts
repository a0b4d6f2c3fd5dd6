/**
 * The places for submissions written while their body still arrives (each holds a pooled
 * connection and an open transaction until its end). One owner (a company) holds at most
 * `perOwner` of them at once, so its own uploads, slow or stalled, can never take them all:
 * while it is at its share its further requests wait, and others still get a place.
 */
export class StreamSlots {
  /** Waiters in order of arrival; each is granted as soon as a place is free within its owner's share. */
  private readonly waiting: { owner: string; grant: (granted: boolean) => void }[] = [];
  private readonly held = new Map<string, number>();
  private free: number;

  constructor(
    readonly size: number,
    readonly perOwner: number,
  ) {
    this.free = size;
  }

  /**
   * Half of `size` per owner (at least one): with two owners streaming their share, a third
   * still finds a place whenever there are three or more.
   */
  static withHalfShare(size: number): StreamSlots {
    return new StreamSlots(size, Math.max(1, Math.floor(size / 2)));
  }

  /** Places `owner` holds now. */
  heldBy(owner: string): number {
    return this.held.get(owner) ?? 0;
  }

  /** `granted` resolves true once it is this caller's turn (then call release(owner)), or false if cancelled first. */
  acquire(owner: string): { granted: Promise<boolean>; cancel: () => void } {
    if (this.mayTake(owner)) {
      this.take(owner);
      return { granted: Promise.resolve(true), cancel: () => {} };
    }
    let grant!: (granted: boolean) => void;
    const granted = new Promise<boolean>((r) => (grant = r));
    const waiter = { owner, grant };
    this.waiting.push(waiter);
    return {
      granted,
      cancel: () => {
        const at = this.waiting.indexOf(waiter);
        if (at < 0) return;
        this.waiting.splice(at, 1);
        grant(false);
      },
    };
  }

  release(owner: string): void {
    const n = this.heldBy(owner);
    if (n <= 1) this.held.delete(owner);
    else this.held.set(owner, n - 1);
    this.free++;
    // The first waiter whose owner is below its share: one at its share never blocks the others.
    for (let i = 0; i < this.waiting.length && this.free > 0; ) {
      const waiter = this.waiting[i]!;
      if (!this.mayTake(waiter.owner)) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.take(waiter.owner);
      waiter.grant(true);
    }
  }

  private mayTake(owner: string): boolean {
    return this.free > 0 && this.heldBy(owner) < this.perOwner;
  }

  private take(owner: string): void {
    this.free--;
    this.held.set(owner, this.heldBy(owner) + 1);
  }
}
