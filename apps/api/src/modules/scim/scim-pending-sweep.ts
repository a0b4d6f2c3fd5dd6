import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { Connector } from '../http-connector/entities/connector.entity.js';
import { HttpConnectorService } from '../http-connector/http-connector.service.js';
import { CustomHttpDownstream } from './custom-http-downstream.js';
import { ScimDownstreamLookup, type Lookup } from './scim-downstream-lookup.js';
import { ScimStore, type AbandonedWrite, type PendingTable } from './scim-store.repository.js';

/** Rows taken over per table and round. */
const BATCH = 50;

/** What one round did, for tests and logs. */
export type SweepReport = { linked: number; dropped: number; kept: number; released: number };

/**
 * Settles SCIM writes whose request ended without knowing what the app did (a timeout, a lost
 * connection, a crashed process), every SCIM_SWEEP_INTERVAL_MS in each API process:
 * - a pending create is looked up in the app (list_users / get_user, list_groups / get_group):
 *   found, the row is linked to it; absent (the app said so), the claim is dropped; when the app
 *   cannot tell, the row stays pending with the reason in last_error and is tried again later;
 * - a change or delete mark whose request is gone is removed (the row keeps the state the app
 *   last confirmed; the identity provider retries a request that got no answer).
 * Rows are taken over in one short statement each round (FOR UPDATE SKIP LOCKED and a new
 * lease), so processes sharing a database never settle the same row twice, and no transaction
 * is open while the app is asked.
 */
@Injectable()
export class ScimPendingSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScimPendingSweep.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly store: ScimStore,
    private readonly downstream: CustomHttpDownstream,
    private readonly lookup: ScimDownstreamLookup,
    private readonly connectors: HttpConnectorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.scimSweepIntervalMs;
    if (every <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .catch((err: unknown) => this.logger.warn(`SCIM sweep failed: ${(err as Error).message}`))
        .finally(() => (this.running = undefined));
    }, every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round over both tables (each process runs it every SCIM_SWEEP_INTERVAL_MS; tests call it directly). */
  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { linked: 0, dropped: 0, kept: 0, released: 0 };
    for (const table of ['scim_users', 'scim_groups'] as PendingTable[]) {
      const rows = await this.store.takeAbandoned(this.store.manager, table, BATCH, this.downstream.leaseMs(2), this.config.scimSweepIntervalMs);
      for (const row of rows) report[await this.settle(row)] += 1;
    }
    if (report.linked + report.dropped + report.kept + report.released > 0) {
      this.logger.log(`SCIM sweep: ${report.linked} linked, ${report.dropped} dropped, ${report.kept} still unknown, ${report.released} marks released`);
    }
    return report;
  }

  private async settle(row: AbandonedWrite): Promise<keyof SweepReport> {
    const em = this.store.manager;
    if (row.op !== 'create') {
      await this.store.releasePending(em, row.table, row.scope, row.id, 'the request ended before the application answered; the identity provider retries it');
      return 'released';
    }
    const connector = await this.connectors.getEntity(row.scope.companyId, row.scope.connectorId).catch(() => null);
    // A connector that is gone took its rows along (cascade); a disabled one is asked later.
    const found: Lookup = !connector?.enabled
      ? { kind: 'unknown', reason: 'the connector is disabled, so the application cannot be asked' }
      : await this.find(connector, row);
    switch (found.kind) {
      case 'found':
        await this.store.settleCreate(em, row.table, row.scope, row.id, found.downstreamId);
        return 'linked';
      case 'absent':
        await this.store.dropCreate(em, row.table, row.scope, row.id);
        return 'dropped';
      case 'unknown':
        // Kept; the next round (or a retry) tries again.
        await this.store.leavePending(em, row.table, row.scope, row.id, found.reason);
        return 'kept';
      default: {
        const unreachable: never = found;
        return unreachable;
      }
    }
  }

  private find(connector: Connector, row: AbandonedWrite): Promise<Lookup> {
    return row.table === 'scim_users' ? this.lookup.user(connector, row.resource, { id: row.id }) : this.lookup.group(connector, row.name, { id: row.id });
  }
}
