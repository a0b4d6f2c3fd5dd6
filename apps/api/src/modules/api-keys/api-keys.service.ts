import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { ApiKeyResponse, CreateApiKeyRequest, CreatedApiKeyResponse, WhoamiResponse } from '@gatehouse/contracts';
import { DataSource, IsNull, MoreThan, type Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { safeEqual } from '../../common/crypto.js';
import { notFound } from '../../common/errors/app-error.js';
import type { SessionContext } from '../../common/http/auth-kind.js';
import { forCompany, isUuid, lockCompany } from '../../common/tenant.js';
import { Company } from '../companies/entities/company.entity.js';
import type { ApiKeyContext } from './api-key-context.js';
import { generateApiKey, hashApiKey, parseApiKey } from './api-key-format.js';
import { toApiKeyResponse } from './api-key.mapper.js';
import { ApiKeyErrors } from './api-keys.errors.js';
import { ApiKey } from './entities/api-key.entity.js';

/** last_used_at is written at most this often per key, so busy keys do not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** An api_keys row as the authentication query reads it (timestamps as the driver returns them). */
type KeyRow = {
  id: string;
  company_id: string;
  name: string;
  key_hash: string;
  expires_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
};

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);

  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    @InjectRepository(Company) private readonly companies: Repository<Company>,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(companyId: string): Promise<ApiKeyResponse[]> {
    const rows = await this.keys.find({ where: forCompany<ApiKey>(companyId), order: { createdAt: 'DESC', id: 'ASC' } });
    const now = new Date();
    return rows.map((row) => toApiKeyResponse(row, now));
  }

  async create(session: SessionContext, input: CreateApiKeyRequest): Promise<CreatedApiKeyResponse> {
    const { key, prefix, hash } = generateApiKey();
    const row = await this.db.transaction(async (em) => {
      const keys = em.getRepository(ApiKey);
      // Revoked and expired keys do not count: a company that rotates keys never runs out.
      await lockCompany(em, session.companyId);
      const active = await keys.count({ where: forCompany<ApiKey>(session.companyId, { revokedAt: IsNull(), expiresAt: MoreThan(new Date()) }) });
      if (active >= this.config.maxApiKeysPerCompany) throw ApiKeyErrors.tooMany(this.config.maxApiKeysPerCompany);
      return keys.save(
        keys.create({
          companyId: session.companyId,
          name: input.name,
          prefix,
          keyHash: hash,
          expiresAt: new Date(input.expiresAt),
          lastUsedAt: null,
          revokedAt: null,
          createdBy: session.userId,
        }),
      );
    });
    return { ...toApiKeyResponse(row, new Date()), key };
  }

  /** Idempotent: revoking a revoked key keeps its first revocation time. */
  async revoke(companyId: string, id: string): Promise<ApiKeyResponse> {
    if (!isUuid(id)) throw notFound('API key');
    await this.keys.update(forCompany<ApiKey>(companyId, { id, revokedAt: IsNull() }), { revokedAt: () => 'now()' });
    const row = await this.keys.findOne({ where: forCompany<ApiKey>(companyId, { id }) });
    if (!row) throw notFound('API key');
    return toApiKeyResponse(row, new Date());
  }

  /**
   * Resolves a presented key. It is looked up in the database on every request, with no cache,
   * so a revoke or an expiry takes effect on the next request on every API process. The lookup is
   * by hash across companies: the key itself is what names the company.
   */
  async authenticate(presented: string): Promise<ApiKeyContext> {
    const parsed = parseApiKey(presented);
    if (!parsed.ok) throw parsed.reason === 'checksum' ? ApiKeyErrors.badChecksum() : ApiKeyErrors.malformed();
    const hash = hashApiKey(parsed.key);
    // Every ingest request asks this: a plain query for the columns needed, no entity mapping.
    const rows: KeyRow[] = await this.keys.query(
      'SELECT id, company_id, name, key_hash, expires_at, last_used_at, revoked_at FROM api_keys WHERE key_hash = $1',
      [hash],
    );
    const row = rows[0];
    if (!row || !safeEqual(row.key_hash, hash)) throw ApiKeyErrors.unknown();
    if (row.revoked_at) throw ApiKeyErrors.revoked(new Date(row.revoked_at));
    const now = new Date();
    const expiresAt = new Date(row.expires_at);
    if (expiresAt.getTime() <= now.getTime()) throw ApiKeyErrors.expired(expiresAt);
    await this.touch(row.id, row.last_used_at === null ? null : new Date(row.last_used_at), now);
    return { keyId: row.id, keyName: row.name, companyId: row.company_id, expiresAt };
  }

  async whoami(key: ApiKeyContext): Promise<WhoamiResponse> {
    const company = await this.companies.findOne({ where: { id: key.companyId } });
    // The key row cascades with its company, so this only happens if it was deleted mid-request.
    if (!company) throw ApiKeyErrors.unknown();
    return { company: { id: company.id, name: company.name }, keyName: key.keyName, expiresAt: key.expiresAt.toISOString() };
  }

  private async touch(id: string, lastUsedAt: Date | null, now: Date): Promise<void> {
    if (lastUsedAt && now.getTime() - lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    try {
      // The condition repeats the check in SQL so concurrent requests (on any process) write once.
      await this.keys
        .createQueryBuilder()
        .update()
        .set({ lastUsedAt: () => 'now()' })
        .where('id = :id', { id })
        .andWhere(`(last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`)
        .execute();
    } catch (err) {
      // Bookkeeping only: a failed write must not turn a valid key away.
      this.logger.warn({ err: { name: (err as Error).name, message: (err as Error).message }, keyId: id }, 'Could not record API key use');
    }
  }
}
