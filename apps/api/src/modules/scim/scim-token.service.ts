import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { ScimTokenIssuedResponse, ScimTokenStatusResponse } from '@gatehouse/contracts';
import type { DataSource, Repository } from 'typeorm';
import { safeEqual } from '../../common/crypto.js';
import { forCompany, isUuid } from '../../common/tenant.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Connector } from '../http-connector/entities/connector.entity.js';
import { HttpConnectorService } from '../http-connector/http-connector.service.js';
import { ScimToken } from './entities/scim-token.entity.js';
import type { ScimRequestContext } from './scim-context.js';
import { scimBaseUrl } from './scim-resource.mapper.js';
import { generateScimToken, hashScimToken } from './scim-token-format.js';
import { ScimErrors } from './scim.errors.js';

/** last_used_at is written at most this often per token. */
export const LAST_USED_RESOLUTION_MS = 60_000;

type TokenRow = Record<string, unknown> & { t_token_hash: string; t_last_used_at: Date | string | null };

/** The IdP-facing SCIM token of each connector: issue / rotate, status, and request authentication. */
@Injectable()
export class ScimTokenService {
  private readonly logger = new Logger(ScimTokenService.name);
  private authSql?: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(ScimToken) private readonly tokens: Repository<ScimToken>,
    private readonly connectors: HttpConnectorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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
    // One round trip: the connector's token and the connector itself (gone with it when deleted),
    // read on every request so that a rotation or deletion takes effect at once on every process.
    const rows: TokenRow[] = await this.db.query(this.authQuery(), [connectorId.toLowerCase()]);
    const row = rows[0];
    if (!row || !safeEqual(row.t_token_hash, hash)) throw ScimErrors.unauthorized();
    const connector = this.hydrateConnector(row);
    const lastUsedAt = row.t_last_used_at === null ? null : new Date(row.t_last_used_at);
    await this.touch(connector.id, row.t_token_hash, lastUsedAt);
    return { scope: { companyId: connector.companyId, connectorId: connector.id }, connector, baseUrl: this.baseUrl(connector.id) };
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
   * Records the token's use at most once a minute: skipped while the last use read with the token
   * is recent; the UPDATE repeats the condition so concurrent requests (and processes) write once.
   */
  private async touch(connectorId: string, tokenHash: string, lastUsedAt: Date | null): Promise<void> {
    if (lastUsedAt && Date.now() - lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    try {
      await this.tokens.query(
        `UPDATE scim_tokens SET last_used_at = now()
          WHERE connector_id = $1 AND token_hash = $2 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [connectorId, tokenHash],
      );
    } catch (err) {
      // Bookkeeping only: a failed write must not turn a valid token away.
      this.logger.warn({ err: { name: (err as Error).name, message: (err as Error).message }, connectorId }, 'Could not record SCIM token use');
    }
  }
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
