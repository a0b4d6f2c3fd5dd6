// Wording of the "Import accounts" review: how a pair was made, and what an app account or a
// provisioned user is called in a table and on its Link button.
import type { AppAccount, AppGroup, MatchedGroup, MatchedUser } from '@gatehouse/contracts';

const REASONS: Record<MatchedUser['reason'] | MatchedGroup['reason'], string> = {
  userName: 'userName',
  email: 'Email',
  name: 'Name',
  downstreamId: 'Link only',
};

/** "Matched by" column: the account-match rule's reason, or "Link only" when only the stored link pairs them. */
export const pairReasonLabel = (reason: MatchedUser['reason'] | MatchedGroup['reason']): string => REASONS[reason];

/** How an app user is named: its login, else its email, else its name, else its id. */
export const accountLabel = (a: AppAccount): string => a.userName || a.email || a.displayName || a.id;

export const appGroupLabel = (g: AppGroup): string => g.displayName || g.name || g.id;

/** The accessible name of a pair's Link button: who is linked to which account. */
export function linkButtonLabel(scimName: string, accountId: string): string {
  return `Link ${scimName} to app account ${accountId}`;
}

/** What a provisioned resource's current link is, for the "Only in the IdP" table and for relinks. */
export function linkState(downstreamId: string | null): string {
  return downstreamId === null ? 'Gatehouse only (not linked)' : `Linked to ${downstreamId}, which the app's list does not hold`;
}
