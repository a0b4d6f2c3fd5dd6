import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MESSAGE_LIST_RESPONSE } from './constants.js';
import { badRequest } from './errors.js';
import { getInsensitive, isPlainObject } from './json-utils.js';

export interface ListResponse<T> {
  schemas: [typeof MESSAGE_LIST_RESPONSE];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

export interface Pagination {
  /** 1-based index of the first result (RFC 7644 §3.4.2.4). */
  startIndex: number;
  /** Maximum number of results on this page; 0 asks for totalResults only. */
  count: number;
}

export interface PaginationOptions {
  defaultCount?: number;
  maxCount?: number;
}

/**
 * Reads startIndex/count from a parsed query string (RFC 7644 §3.4.2.4): startIndex
 * defaults to 1 and values below 1 count as 1; count defaults to 100, negative counts as 0,
 * and anything above maxCount (1000) is capped, which the RFC allows ("MAY return fewer").
 * Values that are not integers are 400 invalidValue rather than silently guessed at.
 */
export function parsePagination(query: unknown, options: PaginationOptions = {}): Pagination {
  const defaultCount = options.defaultCount ?? DEFAULT_PAGE_SIZE;
  const maxCount = options.maxCount ?? MAX_PAGE_SIZE;
  const q = isPlainObject(query) ? query : {};
  const startIndex = readInteger(getInsensitive(q, 'startIndex'), 'startIndex');
  const count = readInteger(getInsensitive(q, 'count'), 'count');
  return {
    startIndex: startIndex === undefined || startIndex < 1 ? 1 : startIndex,
    count: Math.min(count === undefined ? defaultCount : Math.max(count, 0), maxCount),
  };
}

function readInteger(raw: unknown, name: string): number | undefined {
  // Repeated query parameters arrive as arrays; the first one wins.
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw badRequest('invalidValue', `"${name}" must be an integer, got ${JSON.stringify(value)}`);
  return n;
}

export interface ListResponseOptions {
  startIndex?: number;
  /** The page size that was asked for; the page is trimmed to it if the caller passed more. */
  count?: number;
  /** Total matches across all pages; defaults to the number of resources given. */
  totalResults?: number;
}

/** Wraps one page of resources in a ListResponse (RFC 7644 §3.4.2). */
export function listResponse<T>(resources: T[], options: ListResponseOptions = {}): ListResponse<T> {
  const page = options.count !== undefined && resources.length > options.count ? resources.slice(0, Math.max(0, options.count)) : resources;
  return {
    schemas: [MESSAGE_LIST_RESPONSE],
    totalResults: Math.trunc(options.totalResults ?? resources.length),
    startIndex: Math.max(1, Math.trunc(options.startIndex ?? 1)),
    itemsPerPage: page.length,
    // Always present, even when empty: Entra and Microsoft's tests read Resources directly.
    Resources: page,
  };
}

/** Pages an in-memory result set: slices it and reports the full size as totalResults. */
export function paginate<T>(all: T[], pagination: Pagination): ListResponse<T> {
  const from = pagination.startIndex - 1;
  return listResponse(all.slice(from, from + pagination.count), {
    startIndex: pagination.startIndex,
    totalResults: all.length,
  });
}
