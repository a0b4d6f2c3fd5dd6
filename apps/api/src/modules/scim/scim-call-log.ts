import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConnectorCallLog, type CallRecord } from '../http-connector/connector-call-log.service.js';

/**
 * The connector call log as SCIM provisioning uses it. Provisioning calls the downstream app
 * inside a database transaction (the changed row stays locked until the store is updated), and
 * the call log writes through its own pool connection: on the embedded engine, which serialises
 * every connection behind an open transaction, that write would wait for the transaction that
 * waits for it. So calls made inside `holdingCalls` are recorded once the work has finished.
 * (Recording through the transaction itself, which the executor also offers, would lose the log
 * of a failed call with the rollback, and would lock the connector row, so every provisioning
 * transaction of a connector would wait for the others' downstream calls.)
 */
@Injectable()
export class ScimCallLog extends ConnectorCallLog {
  private readonly held = new AsyncLocalStorage<CallRecord[]>();

  override record(call: CallRecord, em?: EntityManager): Promise<void> {
    const held = this.held.getStore();
    if (!held || em) return super.record(call, em);
    held.push(call);
    return Promise.resolve();
  }

  /** Runs `work`, recording the calls it makes afterwards (successful or not). Nested uses join the outer one. */
  async holdingCalls<T>(work: () => Promise<T>): Promise<T> {
    if (this.held.getStore()) return work();
    const held: CallRecord[] = [];
    try {
      return await this.held.run(held, work);
    } finally {
      // ConnectorCallLog.record never throws: a failed log write is reported and skipped.
      for (const call of held) await super.record(call);
    }
  }
}
