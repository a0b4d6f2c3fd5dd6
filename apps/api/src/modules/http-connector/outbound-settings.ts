import { Injectable } from '@nestjs/common';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';

/**
 * Limits of outbound connector calls. One instance per app; tests may lower the timeout or
 * replace `sleep` to keep retries quick.
 */
@Injectable()
export class OutboundSettings {
  /** Per attempt, from connect to the last byte of the answer. */
  timeoutMs = 10_000;
  /** Larger answers fail: nothing a provisioning call needs is this big. */
  maxResponseBytes = 1024 * 1024;
  /** How much of an answer the live test and error reports show. */
  shownBodyBytes = 64 * 1024;
  /** Same-host redirects followed; redirects to another host are refused. */
  maxRedirects = 3;
  retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY };
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
}
