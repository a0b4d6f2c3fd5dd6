// The provisioned users and groups tables of the Activity tab: their query and how rows read.
import { SCIM_DIRECTORY_DEFAULT_PAGE_SIZE } from '@gatehouse/contracts';

export type DirectoryQuery = { q: string; page: number; pageSize?: number };

/** Query string of GET /api/connectors/{id}/scim-users (or scim-groups); an empty search is left out. */
export function directoryQuery({ q, page, pageSize = SCIM_DIRECTORY_DEFAULT_PAGE_SIZE }: DirectoryQuery): string {
  const params = new URLSearchParams();
  const search = q.trim();
  if (search) params.set('q', search);
  params.set('page', String(page));
  params.set('pageSize', String(pageSize));
  return params.toString();
}

export const pageCount = (total: number, pageSize: number): number => Math.max(1, Math.ceil(total / pageSize));

/** "Showing 26–50 of 120" under a table; nothing to say for an empty one. */
export function pageRange(page: number, pageSize: number, shown: number, total: number): string {
  if (shown === 0) return '';
  const first = (page - 1) * pageSize + 1;
  return `Showing ${first}–${first + shown - 1} of ${total}`;
}
