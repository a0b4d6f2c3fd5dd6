import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DATABASE_TARGET, type DatabaseTarget } from '../../database/database-target.js';

/** The channel the database announces connector changes on (migration 1763940000000). */
export const CONNECTOR_CHANGED_CHANNEL = 'connector_changed';
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;

/** A connector's id when that connector changed; null when anything may have changed. */
export type ConnectorChangeListener = (connectorId: string | null) => void;

/**
 * Tells this process when a connector (its settings, secret or SCIM token) changes, whichever
 * process changed it: the database announces each committed change (a trigger), one dedicated
 * connection listens, and this process's own writes are told directly as well, so that they
 * apply here before the admin's answer leaves.
 *
 * Memory may stand in for a connector's row only while `watching`: on the embedded database
 * (one process, no listening connection) never; on a server, from the moment the listener
 * runs until it is lost. Losing it counts as "anything may have changed", and it reconnects
 * with backoff.
 */
@Injectable()
export class ConnectorChanges implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ConnectorChanges.name);
  private readonly listeners = new Set<ConnectorChangeListener>();
  private client: pg.Client | undefined;
  private live = false;
  private seq = 0;
  private stopped = false;
  private retryMs = RETRY_FIRST_MS;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(@Inject(DATABASE_TARGET) private readonly target: DatabaseTarget) {}

  /** Whether every committed change reaches this process. */
  get watching(): boolean {
    return this.live;
  }

  /** Moves on with every change and every loss or start of the listener: equal before and after a read means nothing changed meanwhile. */
  get version(): number {
    return this.seq;
  }

  /** The listening connection's backend pid (for operations and tests), when listening. */
  get listenerPid(): number | undefined {
    return this.live ? (this.client as (pg.Client & { processID?: number }) | undefined)?.processID : undefined;
  }

  subscribe(listener: ConnectorChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called by this process right after it committed a change to the connector. */
  changed(connectorId: string): void {
    this.emit(connectorId.toLowerCase());
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.target.embedded) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    this.live = false;
    await client?.end().catch(() => undefined);
  }

  private emit(connectorId: string | null): void {
    this.seq++;
    for (const listener of this.listeners) listener(connectorId);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.target.url, keepAlive: true, application_name: 'gatehouse-connector-changes' });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      this.lost(client, err);
    };
    client.on('notification', (msg) => {
      if (msg.channel === CONNECTOR_CHANGED_CHANNEL && msg.payload) this.emit(msg.payload.toLowerCase());
    });
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CONNECTOR_CHANGED_CHANNEL}`);
    } catch (err) {
      onLost(err as Error);
      return;
    }
    if (this.stopped || lost) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.live = true;
    this.retryMs = RETRY_FIRST_MS;
    // Anything read before this moment may be older than a change nobody told us about.
    this.emit(null);
  }

  private lost(client: pg.Client, err?: Error): void {
    if (this.client !== undefined && this.client !== client) return;
    this.client = undefined;
    const wasLive = this.live;
    this.live = false;
    this.emit(null);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    const reason = err ? `${err.name}: ${err.message}` : 'connection closed';
    if (wasLive) this.logger.warn(`Stopped hearing of connector changes (${reason}); reading connectors from the database until the listener is back`);
    else this.logger.warn(`Could not listen for connector changes (${reason}); retrying in ${this.retryMs} ms`);
    this.retryTimer = setTimeout(() => void this.listen(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }
}
