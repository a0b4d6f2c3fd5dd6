import { patchAnswersWithResource, type IdpProfile } from '@gatehouse/contracts';
import { extractSimpleEquality, parseFilter, parsePagination, type FilterNode, type Pagination, type ProjectionOptions } from '@gatehouse/scim';

// Reading the query string of SCIM reads (RFC 7644 §3.4.2): filter, paging and attribute
// selection. Parameter names are matched case-insensitively, like everything else in SCIM.

export type ListQuery = {
  filter?: FilterNode;
  pagination: Pagination;
  projection: ProjectionOptions;
};

/** A lookup the store can answer with an index before the filter itself is evaluated. */
export type UserLookup = { by: 'userName' | 'externalId' | 'id' | 'email'; value: string };
export type GroupLookup = { by: 'displayName' | 'externalId' | 'id'; value: string };

type Query = Record<string, unknown>;

function param(query: Query, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, raw] of Object.entries(query ?? {})) {
    if (key.toLowerCase() !== lower) continue;
    // Repeated parameters arrive as arrays: the first one wins.
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value === 'string') return value;
  }
  return undefined;
}

export function readProjection(query: Query): ProjectionOptions {
  const out: ProjectionOptions = {};
  const attributes = param(query, 'attributes');
  const excluded = param(query, 'excludedAttributes');
  if (attributes !== undefined && attributes.trim() !== '') out.attributes = attributes;
  if (excluded !== undefined && excluded.trim() !== '') out.excludedAttributes = excluded;
  return out;
}

/** Whether the caller asked for a particular shape of the resource (attributes or excludedAttributes). */
export const asksForAttributes = (projection: ProjectionOptions): boolean =>
  projection.attributes !== undefined || projection.excludedAttributes !== undefined;

/**
 * Whether a successful PATCH is answered 200 with the resource rather than 204: by the
 * connector's IdP profile, or because the request names attributes or excludedAttributes,
 * which asks for the resource (RFC 7644 §3.5.2).
 */
export const patchAnswersWith = (profile: IdpProfile, projection: ProjectionOptions): boolean =>
  patchAnswersWithResource(profile) || asksForAttributes(projection);

/** Throws the library's 400 invalidFilter / invalidValue ScimErrors for a bad filter or page. */
export function readListQuery(query: Query): ListQuery {
  const text = param(query, 'filter');
  const out: ListQuery = { pagination: parsePagination(query), projection: readProjection(query) };
  if (text !== undefined && text.trim() !== '') out.filter = parseFilter(text);
  return out;
}

export function userLookup(filter: FilterNode | undefined): UserLookup | undefined {
  const eq = filter ? extractSimpleEquality(filter, 'User') : null;
  switch (eq?.attribute) {
    case 'userName':
      return { by: 'userName', value: eq.value };
    case 'externalId':
      return { by: 'externalId', value: eq.value };
    case 'id':
      return { by: 'id', value: eq.value };
    case 'emails.value':
      return { by: 'email', value: eq.value };
    default:
      return undefined;
  }
}

export function groupLookup(filter: FilterNode | undefined): GroupLookup | undefined {
  const eq = filter ? extractSimpleEquality(filter, 'Group') : null;
  switch (eq?.attribute) {
    case 'displayName':
      return { by: 'displayName', value: eq.value };
    case 'externalId':
      return { by: 'externalId', value: eq.value };
    case 'id':
      return { by: 'id', value: eq.value };
    default:
      return undefined;
  }
}

/**
 * Whether a projection leaves `members` out of every returned group, so they need not be
 * loaded: `excludedAttributes=members` (Entra ID) or an `attributes` list without them.
 */
export function projectionDropsMembers(projection: ProjectionOptions): boolean {
  const names = (value: string | string[] | undefined) =>
    (Array.isArray(value) ? value : value === undefined ? [] : [value])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim().toLowerCase())
      .map((v) => v.replace(/^urn:ietf:params:scim:schemas:core:2\.0:group:/, ''));
  const attributes = names(projection.attributes);
  if (attributes.length > 0) return !attributes.some((a) => a === 'members' || a.startsWith('members.') || a.startsWith('members['));
  return names(projection.excludedAttributes).includes('members');
}
