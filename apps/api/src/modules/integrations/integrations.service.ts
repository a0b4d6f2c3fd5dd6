import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  CUSTOM_INTEGRATIONS_CATEGORY,
  type ContextWithData,
  type IntegrationDetail,
  type IntegrationListItem,
  type ListIntegrationsQuery,
} from '@gatehouse/contracts';
import type { JsonSchema } from '@gatehouse/schemas';
import { DataSource, type EntityManager, In, type Repository } from 'typeorm';
import type { SessionContext } from '../../common/http/auth-kind.js';
import { forCompany, isUuid } from '../../common/tenant.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { SchemasService } from '../schemas/schemas.service.js';
import { Integration } from './entities/integration.entity.js';
import { IntegrationLogo } from './entities/integration-logo.entity.js';
import { IntegrationMonitoring } from './entities/integration-monitoring.entity.js';
import { IntegrationErrors } from './integrations.errors.js';
import { selectedContexts, toIntegrationDetail, toIntegrationListItem, type IntegrationView } from './integrations.mapper.js';

export interface CreateIntegrationInput {
  name: string;
  description: string | null;
  monitoringIds: string[];
  strict?: boolean;
}

export interface UpdateIntegrationInput {
  name?: string;
  description?: string | null;
  strict?: boolean;
}

/** What an ingest request resolves to: the integration, and the context's record schema. */
export interface IntegrationContextTarget {
  integration: { id: string; companyId: string; name: string; kind: 'custom'; strict: boolean };
  context: { key: string; name: string; schema: JsonSchema };
}

/** Owns integrations and their monitoring selection; every query is scoped by company. */
@Injectable()
export class IntegrationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(Integration) private readonly integrations: Repository<Integration>,
    @InjectRepository(IntegrationMonitoring) private readonly selections: Repository<IntegrationMonitoring>,
    @InjectRepository(IntegrationLogo) private readonly logos: Repository<IntegrationLogo>,
    private readonly schemas: SchemasService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(companyId: string, query: ListIntegrationsQuery): Promise<IntegrationListItem[]> {
    const qb = this.integrations.createQueryBuilder('i').where(forCompany<Integration>(companyId));
    if (query.q) qb.andWhere('i.name ILIKE :pattern', { pattern: `%${escapeLike(query.q)}%` });
    if (query.category && query.category !== CUSTOM_INTEGRATIONS_CATEGORY) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM integration_monitorings im JOIN monitorings m ON m.key = im.monitoring_key
                 WHERE im.integration_id = i.id AND m.category_key = :category)`,
        { category: query.category },
      );
    }
    const rows = await qb.getMany();
    // Sorted here rather than in SQL so the order does not depend on the database's collation.
    rows.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.createdAt.getTime() - b.createdAt.getTime());
    return (await this.views(rows)).map(toIntegrationListItem);
  }

  async get(companyId: string, id: string): Promise<IntegrationDetail> {
    const row = await this.requireIntegration(companyId, id);
    const [view] = await this.views([row]);
    return toIntegrationDetail(view!, this.config.publicUrl, this.config.ingestMaxBodyBytes);
  }

  async create(session: SessionContext, input: CreateIntegrationInput): Promise<IntegrationDetail> {
    const monitoringKeys = this.selection(input.monitoringIds);
    const id = await this.db.transaction(async (em) => {
      const row = await em.save(
        em.create(Integration, {
          companyId: session.companyId,
          kind: 'custom',
          name: input.name,
          description: input.description,
          strict: input.strict ?? false,
          createdBy: session.userId,
        }),
      );
      await em.insert(
        IntegrationMonitoring,
        monitoringKeys.map((monitoringKey) => ({ integrationId: row.id, monitoringKey })),
      );
      return row.id;
    });
    return this.get(session.companyId, id);
  }

  async update(companyId: string, id: string, input: UpdateIntegrationInput): Promise<IntegrationDetail> {
    if (!isUuid(id)) throw IntegrationErrors.notFound();
    const changes: Partial<Pick<Integration, 'name' | 'description' | 'strict'>> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.description !== undefined) changes.description = input.description;
    if (input.strict !== undefined) changes.strict = input.strict;
    const result = await this.integrations.update(forCompany<Integration>(companyId, { id }), { ...changes, updatedAt: () => 'now()' });
    if (!result.affected) throw IntegrationErrors.notFound();
    return this.get(companyId, id);
  }

  /**
   * Replaces the whole selection; kept monitorings keep their rows. Contexts the new selection
   * drops that already received pushes must be confirmed by name (409 otherwise); their
   * submissions stay, shown again when a monitoring needing the context is selected again.
   */
  async replaceMonitorings(companyId: string, id: string, monitoringIds: string[], confirmRemovingContexts: readonly string[] = []): Promise<IntegrationDetail> {
    if (!isUuid(id)) throw IntegrationErrors.notFound();
    const keys = this.selection(monitoringIds);
    await this.db.transaction(async (em) => {
      // Locks the row: two concurrent replacements apply one after the other.
      await this.requireIntegration(companyId, id, em, true);
      const unconfirmed = (await this.droppedContextsWithData(em, companyId, id, keys)).filter((c) => !confirmRemovingContexts.includes(c.key));
      if (unconfirmed.length > 0) throw IntegrationErrors.removesContextsWithData(unconfirmed);
      await em
        .createQueryBuilder()
        .delete()
        .from(IntegrationMonitoring)
        .where('integration_id = :id AND NOT (monitoring_key = ANY(:keys))', { id, keys })
        .execute();
      await em
        .createQueryBuilder()
        .insert()
        .into(IntegrationMonitoring)
        .values(keys.map((monitoringKey) => ({ integrationId: id, monitoringKey })))
        .orIgnore()
        .execute();
      await this.touch(em, id);
    });
    return this.get(companyId, id);
  }

  /** Contexts of the current selection that `keys` would drop and that already received pushes. */
  private async droppedContextsWithData(em: EntityManager, companyId: string, id: string, keys: readonly string[]): Promise<ContextWithData[]> {
    const current: Array<{ monitoring_key: string }> = await em.query('SELECT monitoring_key FROM integration_monitorings WHERE integration_id = $1', [id]);
    const kept = new Set(selectedContexts(this.schemas.monitoringsInCatalogOrder([...keys])).map((c) => c.key));
    const dropped = selectedContexts(this.schemas.monitoringsInCatalogOrder(current.map((r) => r.monitoring_key))).filter((c) => !kept.has(c.key));
    if (dropped.length === 0) return [];
    const rows: Array<{ context_key: string; last_push_at: Date; records_now: number | null }> = await em.query(
      `SELECT s.context_key, max(s.received_at) AS last_push_at,
              (SELECT a.record_count FROM ingest_submissions a
                WHERE a.integration_id = $1 AND a.company_id = $2 AND a.context_key = s.context_key AND a.status = 'accepted'
                ORDER BY a.received_at DESC LIMIT 1) AS records_now
         FROM ingest_submissions s
        WHERE s.integration_id = $1 AND s.company_id = $2 AND s.context_key = ANY($3)
        GROUP BY s.context_key`,
      [id, companyId, dropped.map((c) => c.key)],
    );
    const byKey = new Map(rows.map((r) => [r.context_key, r]));
    return dropped.flatMap((c) => {
      const row = byKey.get(c.key);
      return row ? [{ key: c.key, name: c.name, recordsNow: Number(row.records_now ?? 0), lastPushAt: new Date(row.last_push_at).toISOString() }] : [];
    });
  }

  async remove(companyId: string, id: string): Promise<void> {
    if (!isUuid(id)) throw IntegrationErrors.notFound();
    // Selections and the logo go with it (ON DELETE CASCADE).
    const result = await this.integrations.delete(forCompany<Integration>(companyId, { id }));
    if (!result.affected) throw IntegrationErrors.notFound();
  }

  /**
   * For the ingest endpoint and validation: the integration (in this company) and one of its
   * contexts. Throws IntegrationNotFoundError, or ContextNotAcceptedError naming the contexts
   * the integration accepts.
   */
  async findContextForCompany(companyId: string, integrationId: string, contextKey: string): Promise<IntegrationContextTarget> {
    if (!isUuid(integrationId)) throw IntegrationErrors.notFound();
    // Every push asks this: the integration and its selection in one round trip.
    const rows: Array<{ id: string; company_id: string; name: string; kind: 'custom'; strict: boolean; keys: string[] }> = await this.db.query(
      `SELECT i.id, i.company_id, i.name, i.kind, i.strict,
              COALESCE(array_agg(m.monitoring_key) FILTER (WHERE m.monitoring_key IS NOT NULL), '{}') AS keys
         FROM integrations i
         LEFT JOIN integration_monitorings m ON m.integration_id = i.id
        WHERE i.id = $1 AND i.company_id = $2
        GROUP BY i.id`,
      [integrationId, companyId],
    );
    const found = rows[0];
    if (!found) throw IntegrationErrors.notFound();
    const row = { id: found.id, companyId: found.company_id, name: found.name, kind: found.kind, strict: found.strict };
    const contexts = selectedContexts(this.schemas.monitoringsInCatalogOrder(found.keys));
    const context = contexts.find((c) => c.key === contextKey);
    if (!context) throw IntegrationErrors.contextNotAccepted(contextKey, contexts.map((c) => c.key));
    return {
      integration: row,
      context: { key: context.key, name: context.name, schema: context.schema },
    };
  }

  /** The integration in this company, or a 404 (also for a malformed id). */
  async requireIntegration(companyId: string, id: string, em?: EntityManager, lock = false): Promise<Integration> {
    if (!isUuid(id)) throw IntegrationErrors.notFound();
    const repo = em ? em.getRepository(Integration) : this.integrations;
    const row = await repo.findOne({ where: forCompany<Integration>(companyId, { id }), ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!row) throw IntegrationErrors.notFound();
    return row;
  }

  /** Marks the integration changed (logo, selection) inside the caller's transaction. */
  async touch(em: EntityManager, id: string): Promise<void> {
    await em.update(Integration, { id }, { updatedAt: () => 'now()' });
  }

  /** The selection as stored: every id a catalog monitoring (else 400 naming them), each once. */
  private selection(ids: string[]): string[] {
    const unknown = this.schemas.unknownMonitoringKeys(ids);
    if (unknown.length > 0) throw IntegrationErrors.unknownMonitorings(ids, unknown);
    return [...new Set(ids)];
  }

  private async views(rows: Integration[]): Promise<IntegrationView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [keys, logos] = await Promise.all([
      this.selectedKeys(ids),
      // Never the bytes: only whether there is a logo and its version.
      this.logos.find({ select: { integrationId: true, sha256: true }, where: { integrationId: In(ids) } }),
    ]);
    const shaById = new Map(logos.map((l) => [l.integrationId, l.sha256]));
    return rows.map((integration) => ({
      integration,
      logoSha256: shaById.get(integration.id) ?? null,
      monitorings: this.schemas.monitoringsInCatalogOrder(keys.get(integration.id) ?? []),
    }));
  }

  private async selectedKeys(integrationIds: string[]): Promise<Map<string, string[]>> {
    const rows = await this.selections.find({ select: { integrationId: true, monitoringKey: true }, where: { integrationId: In(integrationIds) } });
    const byId = new Map<string, string[]>();
    for (const row of rows) {
      const list = byId.get(row.integrationId) ?? [];
      list.push(row.monitoringKey);
      byId.set(row.integrationId, list);
    }
    return byId;
  }
}

/** `%`, `_` and `\` in a search are literal characters, not patterns. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
