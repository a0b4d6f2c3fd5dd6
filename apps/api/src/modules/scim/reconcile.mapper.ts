import type { AppAccount, AppGroup, ReconcileScimGroup, ReconcileScimUser } from '@gatehouse/contracts';
import { userMatchKeys, type ResolvedGroup, type ResolvedUser } from '@gatehouse/mapping';
import type { ScimGroup } from './entities/scim-group.entity.js';
import type { ScimUser } from './entities/scim-user.entity.js';

/** A provisioned user as the import view shows it. */
export const toReconcileUser = (u: ScimUser): ReconcileScimUser => ({
  id: u.id,
  userName: u.userName,
  displayName: typeof u.resource.displayName === 'string' ? u.resource.displayName : null,
  emails: [...(userMatchKeys(u.resource).emails ?? [])],
  active: u.active,
  downstreamId: u.downstreamId,
});

export const toReconcileGroup = (g: ScimGroup): ReconcileScimGroup => ({ id: g.id, displayName: g.displayName, downstreamId: g.downstreamId });

/** Only the fields response_fields read: a key the mapping leaves out stays absent. */
export const toAppAccount = (a: ResolvedUser): AppAccount => {
  const out: AppAccount = { id: a.id };
  if (a.userName !== undefined) out.userName = a.userName;
  if (a.email !== undefined) out.email = a.email;
  if (a.displayName !== undefined) out.displayName = a.displayName;
  if (a.active !== undefined) out.active = a.active;
  return out;
};

export const toAppGroup = (g: ResolvedGroup): AppGroup => {
  const out: AppGroup = { id: g.id };
  if (g.name !== undefined) out.name = g.name;
  if (g.displayName !== undefined) out.displayName = g.displayName;
  if (g.description !== undefined) out.description = g.description;
  if (g.slug !== undefined) out.slug = g.slug;
  if (g.member_count !== undefined) out.member_count = g.member_count;
  return out;
};
