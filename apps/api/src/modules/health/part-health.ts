import { Injectable } from '@nestjs/common';

/** How long a failure keeps a part reported as degraded. */
export const DEGRADED_FOR_MS = 5 * 60_000;

export type PartName = 'callLog';

/**
 * Failures of work that happens beside a request and must not fail it (the connector call log):
 * the request goes on, the failure is logged as an error, and health reports the part degraded
 * for a while, so a monitor sees what a user would otherwise only notice as missing history.
 */
@Injectable()
export class PartHealth {
  private readonly lastFailure = new Map<PartName, number>();
  now: () => number = Date.now;

  failed(part: PartName): void {
    this.lastFailure.set(part, this.now());
  }

  /** The time of the part's last failure while it still counts, else null. */
  degradedSince(part: PartName): Date | null {
    const at = this.lastFailure.get(part);
    if (at === undefined || this.now() - at > DEGRADED_FOR_MS) return null;
    return new Date(at);
  }
}
