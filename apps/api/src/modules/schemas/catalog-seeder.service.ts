import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CATALOG, type MonitoringCatalog } from '@gatehouse/schemas';
import type { DataSource, EntityManager } from 'typeorm';
import { catalogRows } from './catalog-rows.js';

export interface TableSeedCounts {
  total: number;
  inserted: number;
  updated: number;
  retired: number;
}

export type CatalogSeedResult =
  | { status: 'seeded'; version: number; categories: TableSeedCounts; contexts: TableSeedCounts; monitorings: TableSeedCounts; links: TableSeedCounts }
  /** The database already holds a newer catalog (a newer server ran); this one leaves it alone. */
  | { status: 'skipped'; version: number; storedVersion: number };

// Both servers of a rolling deploy may start at once: they take turns on this lock.
const SEED_LOCK = 'gatehouse.monitoring-catalog';

/**
 * Copies the catalog in force (code, @gatehouse/schemas) into its tables at every start, in
 * one transaction: new keys are inserted, changed rows updated, unchanged rows left untouched
 * (so a restart writes nothing), and keys no longer in the catalog marked retired, never
 * deleted, since integrations reference them.
 */
@Injectable()
export class CatalogSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatalogSeeder.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const result = await this.seed();
    if (result.status === 'skipped') {
      this.logger.warn(`Monitoring catalog v${result.storedVersion} is stored; this server carries v${result.version} and leaves it as it is`);
      return;
    }
    const { categories: cat, monitorings: mon, contexts: ctx } = result;
    this.logger.log(
      `Monitoring catalog v${result.version}: ${cat.total} categories, ${mon.total} monitorings, ${ctx.total} contexts ` +
        `(${cat.inserted + mon.inserted + ctx.inserted} inserted, ${cat.updated + mon.updated + ctx.updated} updated, ${cat.retired + mon.retired + ctx.retired} retired)`,
    );
  }

  seed(catalog: MonitoringCatalog = CATALOG): Promise<CatalogSeedResult> {
    const rows = catalogRows(catalog);
    // Only this transaction's manager inside: the embedded engine has a single backend.
    return this.db.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [SEED_LOCK]);
      const [{ stored }] = await em.query(
        `SELECT GREATEST((SELECT max(catalog_version) FROM monitoring_categories), (SELECT max(catalog_version) FROM monitorings),
                         (SELECT max(catalog_version) FROM monitoring_contexts)) AS stored`,
      );
      if (stored !== null && Number(stored) > rows.version) return { status: 'skipped', version: rows.version, storedVersion: Number(stored) };

      const categories = await upsert(em, rows.version, {
        table: 'monitoring_categories',
        rows: rows.categories,
        columns: { key: 'text', name: 'text', description: 'text', position: 'integer' },
      });
      const contexts = await upsert(em, rows.version, {
        table: 'monitoring_contexts',
        rows: rows.contexts,
        columns: { key: 'text', name: 'text', description: 'text', schema: 'jsonb' },
      });
      const monitorings = await upsert(em, rows.version, {
        table: 'monitorings',
        rows: rows.monitorings,
        columns: { key: 'text', category_key: 'text', name: 'text', description: 'text', position: 'integer' },
      });
      const links = await seedLinks(em, rows.links, rows.monitorings.map((m) => m.key));
      return { status: 'seeded', version: rows.version, categories, contexts, monitorings, links };
    });
  }
}

// Statements are wrapped in a CTE so every one answers rows (a bare UPDATE/DELETE does not).
const COUNT_WRITTEN = `SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM written`;

interface UpsertSpec {
  table: 'monitoring_categories' | 'monitoring_contexts' | 'monitorings';
  rows: readonly object[];
  /** Column name → SQL type, as read from the JSON rows; `key` is the conflict target. */
  columns: Record<string, string>;
}

// One statement per table: the rows travel as one JSON parameter (jsonb_to_recordset), and
// ON CONFLICT only rewrites a row whose content differs, so seeding twice changes nothing.
async function upsert(em: EntityManager, version: number, spec: UpsertSpec): Promise<TableSeedCounts> {
  const names = Object.keys(spec.columns);
  const recordType = names.map((n) => `${n} ${spec.columns[n]}`).join(', ');
  const updated = names.filter((n) => n !== 'key');
  const [written] = await em.query(
    `WITH written AS (
       INSERT INTO ${spec.table} AS t (${names.join(', ')}, catalog_version)
       SELECT ${names.map((n) => `r.${n}`).join(', ')}, $2::integer FROM jsonb_to_recordset($1::jsonb) AS r(${recordType})
       ON CONFLICT (key) DO UPDATE SET ${updated.map((n) => `${n} = EXCLUDED.${n}`).join(', ')},
         catalog_version = EXCLUDED.catalog_version, retired_at = NULL, updated_at = now()
       WHERE (${updated.map((n) => `t.${n}`).join(', ')}, t.catalog_version, t.retired_at IS NULL)
         IS DISTINCT FROM (${updated.map((n) => `EXCLUDED.${n}`).join(', ')}, EXCLUDED.catalog_version, true)
       RETURNING (xmax = 0) AS inserted)
     ${COUNT_WRITTEN}`,
    [JSON.stringify(spec.rows), version],
  );
  const [retired] = await em.query(
    `WITH retired AS (
       UPDATE ${spec.table} SET retired_at = now(), updated_at = now()
       WHERE retired_at IS NULL AND NOT (key = ANY($1::text[])) RETURNING key)
     SELECT count(*)::int AS n FROM retired`,
    [spec.rows.map((r) => (r as { key: string }).key)],
  );
  return { total: spec.rows.length, inserted: written.inserted, updated: written.updated, retired: retired.n };
}

async function seedLinks(em: EntityManager, links: readonly object[], monitoringKeys: string[]): Promise<TableSeedCounts> {
  const json = JSON.stringify(links);
  const [written] = await em.query(
    `WITH written AS (
       INSERT INTO monitoring_context_links AS t (monitoring_key, context_key, position)
       SELECT r.monitoring_key, r.context_key, r.position
       FROM jsonb_to_recordset($1::jsonb) AS r(monitoring_key text, context_key text, position integer)
       ON CONFLICT (monitoring_key, context_key) DO UPDATE SET position = EXCLUDED.position
       WHERE t.position IS DISTINCT FROM EXCLUDED.position
       RETURNING (xmax = 0) AS inserted)
     ${COUNT_WRITTEN}`,
    [json],
  );
  // A monitoring of the catalog in force that no longer uses a context loses the link.
  const [removed] = await em.query(
    `WITH removed AS (
       DELETE FROM monitoring_context_links l
       WHERE l.monitoring_key = ANY($2::text[])
         AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($1::jsonb) AS r(monitoring_key text, context_key text)
                         WHERE r.monitoring_key = l.monitoring_key AND r.context_key = l.context_key)
       RETURNING 1)
     SELECT count(*)::int AS n FROM removed`,
    [json, monitoringKeys],
  );
  return { total: links.length, inserted: written.inserted, updated: written.updated, retired: removed.n };
}
