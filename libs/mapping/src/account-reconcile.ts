// The "Import accounts" review: the app's accounts (one list_users / list_groups answer) set
// against what the identity provider provisioned through the connector. Pairing uses the one
// account-match rule (account-match.ts); a stored link (the downstream id) pairs first, so a
// provisioned account whose email changed in the app is still shown as the same person.
import { findMatchingGroup, findMatchingUser, groupMatches, userMatchReason, type UserMatchKeys, type UserMatchReason } from './account-match.js';
import type { ResolvedGroup, ResolvedUser } from './types.js';

/** A SCIM user or group as the review needs it: its stored link to the app, if any. */
export interface Linkable {
  downstreamId: string | null;
}

/**
 * Why a SCIM resource and an app account are shown as one: the match rule's reason, or
 * `downstreamId` when only the stored link pairs them (the rule would not).
 */
export type UserPairReason = UserMatchReason | 'downstreamId';
export type GroupPairReason = 'name' | 'downstreamId';

export interface Pair<S, A, R> {
  scim: S;
  account: A;
  reason: R;
  /** The SCIM resource's downstream id is this account's id: later SCIM changes go to it. */
  linked: boolean;
}

export interface Reconciliation<S, A, R> {
  matched: Array<Pair<S, A, R>>;
  onlyInApp: A[];
  onlyInIdp: S[];
}

type Rule<S, A, R> = {
  /** Why `account`, already linked to `scim`, also satisfies the rule (undefined: it does not). */
  reasonFor: (scim: S, account: A) => R | undefined;
  /** The account the rule pairs `scim` with among those still unpaired. */
  find: (scim: S, accounts: readonly A[]) => { account: A; reason: R } | undefined;
};

function reconcile<S extends Linkable, A extends { id: string }, R>(resources: readonly S[], listed: readonly A[], rule: Rule<S, A, R | 'downstreamId'>): Reconciliation<S, A, R | 'downstreamId'> {
  // An app that lists an id twice shows it once.
  const byId = new Map<string, A>();
  for (const a of listed) if (!byId.has(a.id)) byId.set(a.id, a);
  const accounts = [...byId.values()];
  const taken = new Set<string>();
  const pairs = new Map<S, Pair<S, A, R | 'downstreamId'>>();
  for (const scim of resources) {
    const account = scim.downstreamId === null ? undefined : byId.get(scim.downstreamId);
    if (!account || taken.has(account.id)) continue;
    taken.add(account.id);
    pairs.set(scim, { scim, account, reason: rule.reasonFor(scim, account) ?? 'downstreamId', linked: true });
  }
  for (const scim of resources) {
    if (pairs.has(scim)) continue;
    const found = rule.find(
      scim,
      accounts.filter((a) => !taken.has(a.id)),
    );
    if (!found) continue;
    taken.add(found.account.id);
    pairs.set(scim, { scim, account: found.account, reason: found.reason, linked: false });
  }
  return {
    matched: resources.flatMap((s) => (pairs.has(s) ? [pairs.get(s)!] : [])),
    onlyInApp: accounts.filter((a) => !taken.has(a.id)),
    onlyInIdp: resources.filter((s) => !pairs.has(s)),
  };
}

/** SCIM users against the app's users: pairs (linked or matchable), and who is on one side only. */
export function reconcileUsers<S extends Linkable, A extends ResolvedUser>(
  users: readonly S[],
  keysOf: (user: S) => UserMatchKeys,
  accounts: readonly A[],
): Reconciliation<S, A, UserPairReason> {
  return reconcile<S, A, UserMatchReason>(users, accounts, {
    reasonFor: (user, account) => userMatchReason(keysOf(user), account),
    find: (user, free) => {
      const keys = keysOf(user);
      const account = findMatchingUser(keys, free);
      return account ? { account, reason: userMatchReason(keys, account)! } : undefined;
    },
  });
}

/** SCIM groups against the app's groups, paired by stored link, then by name. */
export function reconcileGroups<S extends Linkable, A extends ResolvedGroup>(
  groups: readonly S[],
  nameOf: (group: S) => string,
  accounts: readonly A[],
): Reconciliation<S, A, GroupPairReason> {
  return reconcile<S, A, 'name'>(groups, accounts, {
    reasonFor: (group, account) => (groupMatches(nameOf(group), account) ? 'name' : undefined),
    find: (group, free) => {
      const account = findMatchingGroup(nameOf(group), free);
      return account ? { account, reason: 'name' } : undefined;
    },
  });
}
