import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ScimTokenIssuedResponse, ScimTokenStatusResponse } from '@gatehouse/contracts';
import type { Repository } from 'typeorm';
import { safeEqual } from '../../common/crypto.js';
import { AppError } from '../../common/errors/app-error.js';
import { forCompany, isUuid } from '../../common/tenant.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { HttpConnectorService } from '../http-connector/http-connector.service.js';
import { ScimToken } from './entities/scim-token.entity.js';
import type { ScimRequestContext } from './scim-context.js';
import { scimBaseUrl } from './scim-resource.mapper.js';
import { generateScimToken, hashScimToken } from './scim-token-format.js';
import { ScimErrors } from './scim.errors.js';

/** last_used_at is written at most this often per token. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The IdP-facing SCIM token of each connector: issue / rotate, status, and request authentication. */
@Injectable()
export class ScimTokenService {
  private readonly logger = new Logger(ScimTokenService.name);

  constructor(
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
    const row = await this.tokens.findOne({ where: { tokenHash: hash } });
    if (!row || !safeEqual(row.tokenHash, hash) || row.connectorId !== connectorId.toLowerCase()) throw ScimErrors.unauthorized();
    let connector;
    try {
      connector = await this.connectors.getEntity(row.companyId, row.connectorId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') throw ScimErrors.unauthorized();
      throw err;
    }
    await this.touch(row);
    return { scope: { companyId: row.companyId, connectorId: connector.id }, connector, baseUrl: this.baseUrl(connector.id) };
  }

  private async touch(row: ScimToken): Promise<void> {
    if (row.lastUsedAt && Date.now() - row.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    try {
      // The condition repeats the check in SQL so concurrent requests write once.
      await this.tokens.query(
        `UPDATE scim_tokens SET last_used_at = now()
          WHERE connector_id = $1 AND token_hash = $2 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [row.connectorId, row.tokenHash],
      );
    } catch (err) {
      // Bookkeeping only: a failed write must not turn a valid token away.
      this.logger.warn({ err: { name: (err as Error).name, message: (err as Error).message }, connectorId: row.connectorId }, 'Could not record SCIM token use');
    }
  }
}
