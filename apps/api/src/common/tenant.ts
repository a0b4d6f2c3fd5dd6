import type { EntityManager, FindOptionsWhere } from 'typeorm';

/**
 * Every customer row belongs to a company. Services build their `where` through this helper so a
 * query without a company cannot be written by accident: it refuses an empty company id.
 */
export function forCompany<T extends { companyId: string }>(companyId: string, where: FindOptionsWhere<T> = {}): FindOptionsWhere<T> {
  if (typeof companyId !== 'string' || companyId.length === 0) {
    throw new Error('Tenant scope missing: a company id is required for this query');
  }
  return { ...where, companyId } as FindOptionsWhere<T>;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids from URLs are checked before they reach SQL, so a malformed id is a plain 404. */
export const isUuid = (v: string) => UUID_RE.test(v);

/**
 * Locks the company's row until the transaction ends, so writes that count a company's rows
 * against a cap (API keys, connectors) run one after another and cannot all pass the count.
 */
export async function lockCompany(em: EntityManager, companyId: string): Promise<void> {
  await em.query('SELECT 1 FROM companies WHERE id = $1 FOR UPDATE', [companyId]);
}
