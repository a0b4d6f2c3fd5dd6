import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ConnectorCallDetailResponse, ConnectorCallListResponse, ConnectorCallResponse, ListConnectorCallsQuery } from '@gatehouse/contracts';
import type { EntityManager, Repository } from 'typeorm';
import { queryPrepared } from '../../database/prepared.js';
import { PartHealth } from '../health/part-health.js';
import { ConnectorCall, type ConnectorCallSource } from './entities/connector-call.entity.js';
import { ConnectorErrors } from './http-connector.errors.js';

/** What was sent and answered, already masked and cut at 64 kB. */
export type CallDetail = {
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  requestBodyTruncated: boolean;
  /** Null when nothing was answered. */
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  responseBodyTruncated: boolean;
};

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
  detail?: CallDetail;
  scimUserId?: string | null;
  scimGroupId?: string | null;
  note?: string | null;
};

/**
 * Rows kept per connector: at least the newest CALLS_KEPT_PER_CONNECTOR; older ones are dropped
 * once every CALLS_TRIMMED_EVERY calls, so a connector holds at most KEPT + TRIMMED_EVERY − 1.
 * The request and answer (up to 64 kB each) are kept on the newest CALL_DETAIL_KEPT_PER_CONNECTOR
 * rows the same way (at most DETAIL_KEPT + TRIMMED_EVERY − 1 rows carry them); older rows keep
 * their summary.
 */
/**
 * A 404 answer to a read or a delete made for the identity provider: the app saying it has no such
 * user or group, as when the identity provider checks a user that was deleted. Logged like any
 * call, but it is not a fault of the instance, so it neither sets nor clears the connector's last
 * error. An administrator's live test that gets a 404 is not routine: it usually means a wrong URL.
 */
export function routineNotFound(call: Pick<CallRecord, 'status' | 'method' | 'source'>): boolean {
  return call.source === 'scim' && call.status === 404 && ['GET', 'HEAD', 'DELETE'].includes(call.method.toUpperCase());
}

export const CALLS_KEPT_PER_CONNECTOR = 1000;
export const CALL_DETAIL_KEPT_PER_CONNECTOR = 100;
export const CALLS_TRIMMED_EVERY = 100;

/** The calls recorded while a traced piece of work runs (provision on demand shows them). */
const traces = new AsyncLocalStorage<string[]>();

/** The connector_calls table: written after each outbound call, read by the call log endpoints. */
@Injectable()
export class ConnectorCallLog {
  private readonly logger = new Logger('ConnectorCalls');

  constructor(
    @InjectRepository(ConnectorCall) private readonly calls: Repository<ConnectorCall>,
    private readonly health: PartHealth,
  ) {}

  /** Runs `work` and hands back the ids of the calls it recorded, oldest first. */
  async trace<T>(work: () => Promise<T>): Promise<{ value: T; callIds: string[] } | { error: unknown; callIds: string[] }> {
    const ids: string[] = [];
    try {
      const value = await traces.run(ids, work);
      return { value, callIds: ids };
    } catch (error) {
      return { error, callIds: ids };
    }
  }

  /**
   * Never fails the call it records: a log write that fails is an error in the server log and
   * makes /api/health report the call log degraded, and the caller still gets the downstream answer. With `em`, the rows are written inside the caller's
   * transaction (behind a savepoint, so a failed write cannot abort it): on the embedded database a
   * write through another pool connection would wait for that transaction to end.
   */
  async record(call: CallRecord, em?: EntityManager): Promise<void> {
    const manager = em ?? this.calls.manager;
    const savepoint = em ? 'connector_call_log' : undefined;
    const trace = traces.getStore();
    try {
      if (savepoint) await manager.query(`SAVEPOINT ${savepoint}`);
      // One statement: the row, the connector's last call (plain SQL: a repository update would
      // also bump updated_at, which tracks configuration changes) and, once every
      // CALLS_TRIMMED_EVERY calls, the trim to the newest CALLS_KEPT_PER_CONNECTOR rows and of the
      // request/answer detail to the newest CALL_DETAIL_KEPT_PER_CONNECTOR (finding the cut-off
      // walks the whole log, so it is not done on every call). The DELETE and UPDATE see the
      // table as it was before this statement, so they keep one row fewer to make room for the
      // new one, and touch disjoint rows; when no trim is due, the one-time condition skips the scan.
      const d = call.detail;
      const rows: Array<{ id: string }> = await queryPrepared(
        manager,
        `WITH touched AS (
           UPDATE connectors SET last_call_at = now(), last_error = CASE WHEN $23::boolean THEN last_error ELSE $9 END,
                  calls_since_trim = CASE WHEN calls_since_trim + 1 >= $12 THEN 0 ELSE calls_since_trim + 1 END
            WHERE id = $2 AND company_id = $1
           RETURNING calls_since_trim
         ), inserted AS (
           INSERT INTO connector_calls (company_id, connector_id, operation, method, url, status, duration_ms, attempts, error, source,
                                        request_headers, request_body, request_body_truncated, response_headers, response_body, response_body_truncated,
                                        scim_user_id, scim_group_id, note)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $14::jsonb, $15, $16, $17::jsonb, $18, $19, $20, $21, $22)
           RETURNING id
         ), trimmed AS (
           DELETE FROM connector_calls WHERE id IN (
             SELECT id FROM connector_calls
              WHERE connector_id = $2 AND EXISTS (SELECT 1 FROM touched WHERE calls_since_trim = 0)
              ORDER BY created_at DESC OFFSET $11)
           RETURNING id
         ), stripped AS (
           UPDATE connector_calls
              SET request_headers = NULL, request_body = NULL, request_body_truncated = false,
                  response_headers = NULL, response_body = NULL, response_body_truncated = false
            WHERE id IN (
             SELECT id FROM connector_calls
              WHERE connector_id = $2 AND EXISTS (SELECT 1 FROM touched WHERE calls_since_trim = 0)
              ORDER BY created_at DESC OFFSET $13 LIMIT ($11 - $13))
              AND request_headers IS NOT NULL
           RETURNING id
         )
         SELECT id FROM inserted`,
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
          CALL_DETAIL_KEPT_PER_CONNECTOR - 1,
          d ? JSON.stringify(d.requestHeaders) : null,
          d?.requestBody ?? null,
          d?.requestBodyTruncated ?? false,
          d?.responseHeaders ? JSON.stringify(d.responseHeaders) : null,
          d?.responseBody ?? null,
          d?.responseBodyTruncated ?? false,
          call.scimUserId ?? null,
          call.scimGroupId ?? null,
          call.note ?? null,
          routineNotFound(call),
        ],
      );
      if (savepoint) await manager.query(`RELEASE SAVEPOINT ${savepoint}`);
      if (trace && rows[0]) trace.push(rows[0].id);
    } catch (err) {
      if (savepoint) await manager.query(`ROLLBACK TO SAVEPOINT ${savepoint}`).catch(() => undefined);
      this.health.failed('callLog');
      this.logger.error({ connectorId: call.connectorId, operation: call.operation, err: { name: (err as Error).name, message: (err as Error).message } }, 'Could not record a connector call');
    }
  }

  /**
   * Newest first, `limit` at a time. The cursor is the last row's exact (created_at, id): rows
   * added meanwhile go before the first page and none is shown twice or skipped.
   */
  async list(companyId: string, connectorId: string, query: ListConnectorCallsQuery): Promise<ConnectorCallListResponse> {
    const qb = this.calls
      .createQueryBuilder('c')
      .addSelect(`to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`, 'cursor_at')
      .where('c.company_id = :companyId AND c.connector_id = :connectorId', { companyId, connectorId })
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(query.limit + 1);
    if (query.cursor !== undefined) {
      const after = decodeCursor(query.cursor);
      qb.andWhere(`(c.created_at, c.id) < ((:at)::timestamp AT TIME ZONE 'UTC', (:id)::uuid)`, after);
    }
    if (query.operation) qb.andWhere('c.operation = :operation', { operation: query.operation });
    if (query.scimUserId) qb.andWhere('c.scim_user_id = :scimUserId', { scimUserId: query.scimUserId });
    if (query.scimGroupId) qb.andWhere('c.scim_group_id = :scimGroupId', { scimGroupId: query.scimGroupId });
    const status = query.status?.toLowerCase();
    if (status === 'ok') qb.andWhere('c.error IS NULL');
    else if (status === 'error') qb.andWhere('c.error IS NOT NULL');
    else if (status && /^[1-5]xx$/.test(status)) {
      const low = Number(status[0]) * 100;
      qb.andWhere('c.status >= :low AND c.status < :high', { low, high: low + 100 });
    } else if (status) qb.andWhere('c.status = :status', { status: Number(status) });
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_at: string }>();
    const page = entities.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor = entities.length > query.limit && last ? encodeCursor(raw[page.length - 1]!.cursor_at, last.id) : null;
    return { items: page.map(toCallResponse), nextCursor };
  }

  /** One call with its request and answer; 404 for another company's or connector's call. */
  async get(companyId: string, connectorId: string, callId: string): Promise<ConnectorCallDetailResponse> {
    if (!UUID.test(callId)) throw ConnectorErrors.callNotFound();
    const row = await this.calls.findOne({ where: { id: callId, companyId, connectorId } });
    if (!row) throw ConnectorErrors.callNotFound();
    return toCallDetail(row);
  }

  /** The given calls of a company's connector, in the order given. */
  async many(companyId: string, connectorId: string, ids: readonly string[]): Promise<ConnectorCallDetailResponse[]> {
    if (ids.length === 0) return [];
    const rows = await this.calls.createQueryBuilder('c').where('c.company_id = :companyId AND c.connector_id = :connectorId AND c.id IN (:...ids)', { companyId, connectorId, ids }).getMany();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toCallDetail(row)] : [];
    });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

const encodeCursor = (at: string, id: string) => Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !at || !id || !CURSOR_AT.test(at) || !UUID.test(id)) throw ConnectorErrors.badCursor();
  return { at, id };
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
  scimUserId: c.scimUserId,
  scimGroupId: c.scimGroupId,
  note: c.note,
  hasDetail: c.requestHeaders !== null,
  createdAt: c.createdAt.toISOString(),
});

const toCallDetail = (c: ConnectorCall): ConnectorCallDetailResponse => ({
  ...toCallResponse(c),
  request: c.requestHeaders === null ? null : { headers: c.requestHeaders, body: c.requestBody, bodyTruncated: c.requestBodyTruncated },
  response:
    c.responseHeaders === null ? null : { status: c.status, headers: c.responseHeaders, body: c.responseBody, bodyTruncated: c.responseBodyTruncated },
});
