import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { ScimTokenIssuedResponse, ScimTokenStatusResponse } from '@gatehouse/contracts';
import type { DataSource, Repository } from 'typeorm';
import { safeEqual } from '../../common/crypto.js';
import { forCompany, isUuid } from '../../common/tenant.js';
import { queryPrepared } from '../../database/prepared.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { ConnectorChanges } from '../http-connector/connector-changes.js';
import { Connector } from '../http-connector/entities/connector.entity.js';
import { HttpConnectorService } from '../http-connector/http-connector.service.js';
import { ScimToken } from './entities/scim-token.entity.js';
import type { ScimRequestContext } from './scim-context.js';
import { scimBaseUrl } from './scim-resource.mapper.js';
import { generateScimToken, hashScimToken } from './scim-token-format.js';
import { ScimErrors } from './scim.errors.js';

/** last_used_at is written at most this often per token. */
export const LAST_USED_RESOLUTION_MS = 60_000;
/** A held connector is read again after this long even if no change was heard (a backstop). */
const HELD_AT_MOST_MS = 60_000;
/** Connectors held per process; past it the held set starts over. */
const HELD_CONNECTORS_MAX = 10_000;

type TokenRow = Record<string, unknown> & { t_token_hash: string; t_last_used_at: Date | string | null };

/** The IdP-facing SCIM token of each connector: issue / rotate, status, and request authentication. */
@Injectable()
export class ScimTokenService {
  private readonly logger = new Logger(ScimTokenService.name);
  private authSql?: string;
  /** Connector id → its token hash and connector, held between requests (see `entry`). */
  private readonly held = new Map<string, AuthEntry>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(ScimToken) private readonly tokens: Repository<ScimToken>,
    private readonly connectors: HttpConnectorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly changes: ConnectorChanges,
  ) {
    changes.subscribe((connectorId) => (connectorId === null ? this.held.clear() : this.held.delete(connectorId)));
  }

  baseUrl(connectorId: string): string {
    return scimBaseUrl(this.config.publicUrl, connectorId);
  }

  /** A new token for the connector; any previous one stops working at once. Shown once. */
  async issue(companyId: string, connectorId: string): Promise<ScimTokenIssuedResponse> {
    const connector = await this.connectors.getEntity(companyId, connectorId);
    const { token, hash } = generateScimToken();
    const rows: Array<{ created_at: Date }> = await this.tokens.query(
      `INSERT INTO scim_tokens (connector_id, company_id, token_hash, created_at, last_used_at)
       VALUES ($1, $2, $3, now(), NULL)
       ON CONFLICT (connector_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at, last_used_at = NULL
       RETURNING created_at`,
      [connector.id, companyId, hash],
    );
    this.changes.changed(connector.id);
    return { token, baseUrl: this.baseUrl(connector.id), createdAt: new Date(rows[0]!.created_at).toISOString() };
  }

  async status(companyId: string, connectorId: string): Promise<ScimTokenStatusResponse> {
    const connector = await this.connectors.getEntity(companyId, connectorId);
    const row = await this.tokens.findOne({ where: forCompany<ScimToken>(companyId, { connectorId: connector.id }) });
    return {
      hasToken: row !== null,
      createdAt: row?.createdAt.toISOString() ?? null,
      lastUsedAt: row?.lastUsedAt?.toISOString() ?? null,
      baseUrl: this.baseUrl(connector.id),
    };
  }

  /**
   * Resolves a request's token for the connector named in its URL. Every failure (no token,
   * unknown or rotated token, a token of another connector, a connector that is gone) is the
   * same 401, so a caller learns nothing about connectors it holds no token for.
   */
  async authenticate(token: string | undefined, connectorId: string): Promise<ScimRequestContext> {
    if (token === undefined || !isUuid(connectorId)) throw ScimErrors.unauthorized();
    const hash = hashScimToken(token);
    const entry = await this.entry(connectorId.toLowerCase());
    if (!entry || !safeEqual(entry.tokenHash, hash)) throw ScimErrors.unauthorized();
    await this.touch(entry);
    return entry.context;
  }

  /**
   * The connector's token and the connector itself. Read from the database (one round trip) unless
   * this process holds them from an earlier request and hears of every change to them
   * (ConnectorChanges): a rotation, deletion or settings change, committed by any process, drops
   * the held copy the moment it commits, and the next request reads again.
   */
  private async entry(connectorId: string): Promise<AuthEntry | undefined> {
    const held = this.held.get(connectorId);
    if (held && this.changes.watching && Date.now() - held.readAt < HELD_AT_MOST_MS) return held;
    const version = this.changes.version;
    const rows = await queryPrepared<TokenRow>(this.db.manager, this.authQuery(), [connectorId]);
    const row = rows[0];
    if (!row) return undefined;
    const connector = deepFreeze(this.hydrateConnector(row));
    const entry: AuthEntry = {
      tokenHash: row.t_token_hash,
      lastUsedAt: row.t_last_used_at === null ? null : new Date(row.t_last_used_at).getTime(),
      readAt: Date.now(),
      context: Object.freeze({ scope: Object.freeze({ companyId: connector.companyId, connectorId: connector.id }), connector, baseUrl: this.baseUrl(connector.id) }),
    };
    // Held only if nothing changed while it was read (else it may already be stale).
    if (this.changes.watching && this.changes.version === version) {
      if (this.held.size >= HELD_CONNECTORS_MAX) this.held.clear();
      this.held.set(connectorId, entry);
    }
    return entry;
  }

  /** SELECT of the token's hash and last use with every connector column (as `c_<column>`). */
  private authQuery(): string {
    if (!this.authSql) {
      const columns = this.db.getMetadata(Connector).columns.map((c) => `c.${quote(c.databaseName)} AS ${quote(`c_${c.databaseName}`)}`);
      this.authSql = `SELECT t.token_hash AS t_token_hash, t.last_used_at AS t_last_used_at, ${columns.join(', ')}
         FROM scim_tokens t
         JOIN connectors c ON c.id = t.connector_id AND c.company_id = t.company_id
        WHERE t.connector_id = $1`;
    }
    return this.authSql;
  }

  /** The Connector entity from the joined row, converted as TypeORM would (jsonb, timestamps). */
  private hydrateConnector(row: TokenRow): Connector {
    const metadata = this.db.getMetadata(Connector);
    const connector = metadata.create() as Connector;
    for (const column of metadata.columns) {
      column.setEntityValue(connector, this.db.driver.prepareHydratedValue(row[`c_${column.databaseName}`], column));
    }
    return connector;
  }

  /**
   * Records the token's use at most once a minute: skipped while the last use known here is
   * recent; the UPDATE repeats the condition so concurrent requests (and processes) write once.
   */
  private async touch(entry: AuthEntry): Promise<void> {
    if (entry.lastUsedAt !== null && Date.now() - entry.lastUsedAt < LAST_USED_RESOLUTION_MS) return;
    entry.lastUsedAt = Date.now();
    const connectorId = entry.context.connector.id;
    try {
      await this.tokens.query(
        `UPDATE scim_tokens SET last_used_at = now()
          WHERE connector_id = $1 AND token_hash = $2 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [connectorId, entry.tokenHash],
      );
    } catch (err) {
      // Bookkeeping only: a failed write must not turn a valid token away.
      this.logger.warn({ err: { name: (err as Error).name, message: (err as Error).message }, connectorId }, 'Could not record SCIM token use');
    }
  }
}

type AuthEntry = {
  tokenHash: string;
  /** Epoch ms of the last recorded use, as known to this process. */
  lastUsedAt: number | null;
  readAt: number;
  context: ScimRequestContext;
};

/** Frozen: one held connector serves many requests at once, so none may change it. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Date)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
