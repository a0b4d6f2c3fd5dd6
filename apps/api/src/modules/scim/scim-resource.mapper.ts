import type { ResolvedUser } from '@gatehouse/mapping';
import { SCHEMA_GROUP, SCHEMA_USER, type ScimMeta } from '@gatehouse/scim';
import type { ScimGroup } from './entities/scim-group.entity.js';
import type { ScimUser } from './entities/scim-user.entity.js';

// Rows to the SCIM resources the identity provider sees. Pure: the use cases decide what to load.

export type JsonObject = Record<string, unknown>;

/** A stored member with what the response shows of it. */
export type MemberView = { userId: string; display: string | null };

/** RFC 7644 §3.14: a weak entity tag from the row's version counter. */
export const versionTag = (version: number): string => `W/"${version}"`;

/** `{PUBLIC_URL}/scim/v2/{connectorId}`: the base URL the identity provider is configured with. */
export const scimBaseUrl = (publicUrl: string, connectorId: string): string => `${publicUrl.replace(/\/+$/, '')}/scim/v2/${connectorId}`;

function meta(resourceType: 'User' | 'Group', location: string, row: { createdAt: Date; updatedAt: Date; version: number }): ScimMeta {
  return {
    resourceType,
    created: row.createdAt.toISOString(),
    lastModified: row.updatedAt.toISOString(),
    version: versionTag(row.version),
    location,
  };
}

/** The stored resource with its id and meta; `schemas` first, as IdPs print it. */
export function toUserResource(row: ScimUser, baseUrl: string): JsonObject {
  const { schemas, id: _id, meta: _meta, ...rest } = row.resource;
  return { schemas: schemas ?? [SCHEMA_USER], id: row.id, ...rest, meta: meta('User', `${baseUrl}/Users/${row.id}`, row) };
}

/** Members are listed in the order they were stored, each with a reference to its User. */
export function toGroupResource(row: ScimGroup, members: MemberView[], baseUrl: string): JsonObject {
  const { schemas, id: _id, meta: _meta, members: _members, ...rest } = row.resource;
  return {
    schemas: schemas ?? [SCHEMA_GROUP],
    id: row.id,
    ...rest,
    members: members.map((m) => memberValue(m, baseUrl)),
    meta: meta('Group', `${baseUrl}/Groups/${row.id}`, row),
  };
}

function memberValue(m: MemberView, baseUrl: string): JsonObject {
  return { value: m.userId, ...(m.display !== null ? { display: m.display } : {}), $ref: `${baseUrl}/Users/${m.userId}`, type: 'User' };
}

/** What a resource looks like to the PATCH engine: the stored attributes and the id, no meta. */
export function userForPatch(row: ScimUser): JsonObject {
  const { meta: _meta, ...rest } = row.resource;
  return { ...rest, id: row.id };
}

export function groupForPatch(row: ScimGroup, members: MemberView[]): JsonObject {
  const { meta: _meta, members: _members, ...rest } = row.resource;
  const out: JsonObject = { ...rest, id: row.id };
  if (members.length > 0) out.members = members.map((m) => ({ value: m.userId, ...(m.display !== null ? { display: m.display } : {}) }));
  return out;
}

/** The attributes kept in the resource column: everything but id, meta and (for groups) members. */
export function storedAttributes(resource: JsonObject, drop: readonly string[] = []): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) {
    const lower = key.toLowerCase();
    if (lower === 'id' || lower === 'meta' || drop.includes(lower)) continue;
    out[key] = value;
  }
  return out;
}

/** Key-order-insensitive equality of two JSON values. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as JsonObject)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The user fields a downstream get_user read (response_fields), all optional but the id. */
export type ResolvedUserFields = { userName?: string; email?: string; displayName?: string; active?: boolean };

/**
 * The stored user with what the downstream app reports laid over it: userName, displayName,
 * active, and the email as the value of the primary (else first) address.
 */
export function mergeResolvedUser(resource: JsonObject, resolved: ResolvedUserFields): JsonObject {
  const out: JsonObject = { ...resource };
  if (resolved.userName) out.userName = resolved.userName;
  if (resolved.displayName) out.displayName = resolved.displayName;
  if (typeof resolved.active === 'boolean') out.active = resolved.active;
  if (resolved.email) {
    const emails = Array.isArray(resource.emails) ? resource.emails.filter((e): e is JsonObject => e !== null && typeof e === 'object') : [];
    if (emails.length === 0) {
      out.emails = [{ value: resolved.email, type: 'work', primary: true }];
    } else {
      const at = Math.max(0, emails.findIndex((e) => e.primary === true));
      out.emails = emails.map((e, i) => (i === at ? { ...e, value: resolved.email } : e));
    }
  }
  return out;
}

/** An identity provider's lookup that found an account in the app. */
export type ImportLookup = { by: 'userName' | 'email'; value: string };

/**
 * The SCIM user for an app account imported on an identity provider's lookup. It carries the
 * looked-up value (so the lookup's filter matches it), the app's email, display name and active
 * state; the identity provider's next update fills in the rest.
 */
export function importedUserResource(account: ResolvedUser, lookup: ImportLookup): JsonObject {
  const email = lookup.by === 'email' ? lookup.value : account.email;
  const userName = lookup.by === 'userName' ? lookup.value : (account.userName ?? lookup.value);
  return {
    schemas: [SCHEMA_USER],
    userName,
    ...(account.displayName ? { displayName: account.displayName } : {}),
    ...(email ? { emails: [{ value: email, type: 'work', primary: true }] } : {}),
    active: account.active ?? true,
  };
}

/** The SCIM group for an app group imported on an identity provider's lookup by displayName. */
export function importedGroupResource(displayName: string): JsonObject {
  return { schemas: [SCHEMA_GROUP], displayName };
}
