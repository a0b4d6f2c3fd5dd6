// Which account in the downstream app is the same person (or group) as a SCIM resource. One rule
// for every place that asks: the IdP's filter lookups, a create the app refused as a duplicate,
// the retry of a create whose answer was lost, and the "Import accounts" review.
import type { ResolvedGroup, ResolvedUser } from './types.js';

/** What a SCIM user offers to be matched on. */
export interface UserMatchKeys {
  userName?: string;
  emails?: readonly string[];
}

/** How an app account matched a SCIM user, strongest first. */
export type UserMatchReason = 'userName' | 'email';

const fold = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim().toLowerCase();
  return trimmed ? trimmed : undefined;
};

/** The keys of a SCIM user resource: its userName and every email value. */
export function userMatchKeys(resource: Record<string, unknown>): UserMatchKeys {
  const emails = Array.isArray(resource.emails)
    ? (resource.emails as Array<{ value?: unknown }>).flatMap((e) => (typeof e?.value === 'string' ? [e.value] : []))
    : [];
  return { userName: typeof resource.userName === 'string' ? resource.userName : undefined, emails };
}

/**
 * Why `account` is the user with `keys`, or undefined. Case-insensitive: the app's userName
 * equals the SCIM userName, or the app's email (or, when the app's userName is an address, its
 * userName) equals the SCIM userName or one of the SCIM emails. IdPs commonly use the email as
 * userName, so both sides are compared across.
 */
export function userMatchReason(keys: UserMatchKeys, account: ResolvedUser): UserMatchReason | undefined {
  const userName = fold(keys.userName);
  const appUserName = fold(account.userName);
  if (userName !== undefined && appUserName === userName) return 'userName';
  const addresses = new Set([userName, ...(keys.emails ?? []).map(fold)].filter((v): v is string => v !== undefined));
  const appEmail = fold(account.email);
  if (appEmail !== undefined && addresses.has(appEmail)) return 'email';
  if (appUserName !== undefined && appUserName.includes('@') && addresses.has(appUserName)) return 'email';
  return undefined;
}

/** The first account matched by userName, else the first matched by email. */
export function findMatchingUser<A extends ResolvedUser>(keys: UserMatchKeys, accounts: readonly A[]): A | undefined {
  let byEmail: A | undefined;
  for (const account of accounts) {
    const reason = userMatchReason(keys, account);
    if (reason === 'userName') return account;
    if (reason === 'email' && byEmail === undefined) byEmail = account;
  }
  return byEmail;
}

/** Whether an app group is the SCIM group named `displayName` (its name or display name, case-insensitively). */
export function groupMatches(displayName: string, group: ResolvedGroup): boolean {
  const wanted = fold(displayName);
  return wanted !== undefined && (fold(group.name) === wanted || fold(group.displayName) === wanted);
}

export function findMatchingGroup<G extends ResolvedGroup>(displayName: string, groups: readonly G[]): G | undefined {
  return groups.find((g) => groupMatches(displayName, g));
}
