import type { Capabilities } from '@gatehouse/mapping';

/**
 * What a change to a provisioned user means for the downstream app. Pure, so the rules are
 * unit-tested and the use case only carries the plan out:
 * - a user without a downstream id exists only in Gatehouse: changes stay in the store, except
 *   a reactivation after a "deactivation as delete", which creates the user downstream again;
 * - a deactivation (active true→false) is a downstream delete when the connector treats
 *   deactivation as delete and delete_user is on;
 * - any other change of a linked user is update_user, and answers 501 when it is off, so the
 *   identity provider never believes a deactivation reached the app when it did not.
 */
export type UserChangePlan =
  | { kind: 'none' }
  | { kind: 'store' }
  | { kind: 'update' }
  | { kind: 'delete' }
  | { kind: 'create' }
  | { kind: 'unsupported'; capability: 'update_user' };

export type UserChangeFacts = {
  linked: boolean;
  changed: boolean;
  wasActive: boolean;
  isActive: boolean;
  capabilities: Capabilities;
  deactivationAsDelete: boolean;
};

export function planUserChange(f: UserChangeFacts): UserChangePlan {
  if (!f.changed) return { kind: 'none' };
  const on = (key: keyof Capabilities) => f.capabilities[key] === true;
  if (!f.linked) {
    const reactivated = !f.wasActive && f.isActive;
    return reactivated && f.deactivationAsDelete && on('create_user') ? { kind: 'create' } : { kind: 'store' };
  }
  if (f.wasActive && !f.isActive && f.deactivationAsDelete && on('delete_user')) return { kind: 'delete' };
  return on('update_user') ? { kind: 'update' } : { kind: 'unsupported', capability: 'update_user' };
}

/** SCIM treats a user without an explicit `active: false` as active. */
export const isActive = (resource: Record<string, unknown>): boolean => resource.active !== false;
