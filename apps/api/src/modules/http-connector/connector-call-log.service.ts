import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ConnectorCallListResponse, ConnectorCallResponse, ListConnectorCallsQuery } from '@gatehouse/contracts';
import type { EntityManager, Repository } from 'typeorm';
import { queryPrepared } from '../../database/prepared.js';
import { PartHealth } from '../health/part-health.js';
import { ConnectorCall, type ConnectorCallSource } from './entities/connector-call.entity.js';

export type CallRecord = {
  companyId: string;
  connectorId: string;
  operation: string;
  method: string;
  /** Already masked. */
  url: string;
  status: number | null;
  durationMs: number;
  attempts: number;
  error: string | null;
  source: ConnectorCallSource;
};

/**
 * Rows kept per connector: at least the newest CALLS_KEPT_PER_CONNECTOR; older ones are dropped
 * once every CALLS_TRIMMED_EVERY calls, so a connector holds at most KEPT + TRIMMED_EVERY − 1.
 * (The call log endpoint shows at most 200 of the newest.)
 */
export const CALLS_KEPT_PER_CONNECTOR = 1000;
export const CALLS_TRIMMED_EVERY = 100;

/** The connector_calls table: written after each outbound call, read by the call log endpoint. */
@Injectable()
export class ConnectorCallLog {
  private readonly logger = new Logger('ConnectorCalls');

  constructor(
    @InjectRepository(ConnectorCall) private readonly calls: Repository<ConnectorCall>,
    private readonly health: PartHealth,
  ) {}

  /**
   * Never fails the call it records: a log write that fails is an error in the server log and
   * makes /api/health report the call log degraded, and the caller still gets the downstream answer. With `em`, the rows are written inside the caller's
   * transaction (behind a savepoint, so a failed write cannot abort it): on the embedded database a
   * write through another pool connection would wait for that transaction to end.
   */
  async record(call: CallRecord, em?: EntityManager): Promise<void> {
    const manager = em ?? this.calls.manager;
    const savepoint = em ? 'connector_call_log' : undefined;
    try {
      if (savepoint) await manager.query(`SAVEPOINT ${savepoint}`);
      // One statement: the row, the connector's last call (plain SQL: a repository update would
      // also bump updated_at, which tracks configuration changes) and, once every
      // CALLS_TRIMMED_EVERY calls, the trim to the newest CALLS_KEPT_PER_CONNECTOR rows (finding
      // the cut-off walks the whole log, so it is not done on every call). The DELETE sees the
      // table as it was before this statement, so it keeps one row fewer of the older ones to
      // make room for the new one; when no trim is due, its one-time condition skips the scan.
      await queryPrepared(
        manager,
        `WITH touched AS (
           UPDATE connectors SET last_call_at = now(), last_error = $9,
                  calls_since_trim = CASE WHEN calls_since_trim + 1 >= $12 THEN 0 ELSE calls_since_trim + 1 END
            WHERE id = $2 AND company_id = $1
           RETURNING calls_since_trim
         ), inserted AS (
           INSERT INTO connector_calls (company_id, connector_id, operation, method, url, status, duration_ms, attempts, error, source)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           RETURNING id
         ), trimmed AS (
           DELETE FROM connector_calls WHERE id IN (
             SELECT id FROM connector_calls
              WHERE connector_id = $2 AND EXISTS (SELECT 1 FROM touched WHERE calls_since_trim = 0)
              ORDER BY created_at DESC OFFSET $11)
           RETURNING id
         )
         SELECT (SELECT count(*) FROM inserted) AS inserted`,
        [
          call.companyId,
          call.connectorId,
          call.operation,
          call.method,
          call.url,
          call.status,
          Math.round(call.durationMs),
          call.attempts,
          call.error,
          call.source,
          CALLS_KEPT_PER_CONNECTOR - 1,
          CALLS_TRIMMED_EVERY,
        ],
      );
      if (savepoint) await manager.query(`RELEASE SAVEPOINT ${savepoint}`);
    } catch (err) {
      if (savepoint) await manager.query(`ROLLBACK TO SAVEPOINT ${savepoint}`).catch(() => undefined);
      this.health.failed('callLog');
      this.logger.error({ connectorId: call.connectorId, operation: call.operation, err: { name: (err as Error).name, message: (err as Error).message } }, 'Could not record a connector call');
    }
  }

  async list(companyId: string, connectorId: string, query: ListConnectorCallsQuery): Promise<ConnectorCallListResponse> {
    const qb = this.calls
      .createQueryBuilder('c')
      .where('c.company_id = :companyId AND c.connector_id = :connectorId', { companyId, connectorId })
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(query.limit);
    if (query.operation) qb.andWhere('c.operation = :operation', { operation: query.operation });
    const status = query.status?.toLowerCase();
    if (status === 'ok') qb.andWhere('c.error IS NULL');
    else if (status === 'error') qb.andWhere('c.error IS NOT NULL');
    else if (status && /^[1-5]xx$/.test(status)) {
      const low = Number(status[0]) * 100;
      qb.andWhere('c.status >= :low AND c.status < :high', { low, high: low + 100 });
    } else if (status) qb.andWhere('c.status = :status', { status: Number(status) });
    const rows = await qb.getMany();
    return { items: rows.map(toCallResponse) };
  }
}

const toCallResponse = (c: ConnectorCall): ConnectorCallResponse => ({
  id: c.id,
  operation: c.operation,
  method: c.method,
  url: c.url,
  status: c.status,
  durationMs: c.durationMs,
  attempts: c.attempts,
  error: c.error,
  source: c.source,
  createdAt: c.createdAt.toISOString(),
});
