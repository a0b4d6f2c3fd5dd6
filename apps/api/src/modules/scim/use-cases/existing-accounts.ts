import type { Lookup } from '../scim-downstream-lookup.js';
import type { PendingTable, ScimScope, ScimStore } from '../scim-store.repository.js';
import { ScimErrors } from '../scim.errors.js';

// Accounts the app holds before the identity provider provisions them (made by hand, by another
// tool, or before Gatehouse): what a create the app refused with 409 becomes, and how an identity
// provider's lookup imports them. One rule for users and groups.

type Kind = 'user' | 'group';

const LIST: Record<Kind, string> = { user: 'list_users', group: 'list_groups' };
const GET: Record<Kind, string> = { user: 'get_user', group: 'get_group' };

/** The call-log note of the lookup made after the app answered a create with 409. */
export const conflictNote = (kind: Kind, name: string): string =>
  `create_${kind} answered HTTP 409 (the application already has this ${kind}): looking it up to link ${kind} ${JSON.stringify(name)} to it instead of creating a second one`;

/** The call-log note of the lookup made for an identity provider's filter the store cannot answer. */
export const filterNote = (kind: Kind, attribute: string, value: string): string =>
  `The identity provider looked up ${kind === 'user' ? 'a user' : 'a group'} by ${attribute} ${JSON.stringify(value)}, which Gatehouse has not provisioned: ` +
  `asking the application whether it already has the ${kind}, to import it linked to the application's id`;

/**
 * After the app refused create_user / create_group with 409: links the claimed row to the
 * account `find` locates (unless another row is linked to it already) and returns its id, or
 * drops the claim and throws SCIM 409 uniqueness with the app's answer and what would let
 * Gatehouse link it. `find` is undefined when the connector cannot look accounts up.
 */
export async function linkRefusedCreate(
  store: ScimStore,
  table: PendingTable,
  scope: ScimScope,
  kind: Kind,
  id: string,
  answer: string,
  find: (() => Promise<Lookup<{ id: string }>>) | undefined,
): Promise<string> {
  const found = find ? await find() : undefined;
  let why: string;
  if (found?.kind === 'found') {
    const other = await store.transaction(async (em) => {
      await store.lockLinks(em, scope);
      const taken = await store.linkedElsewhere(em, table, scope, found.downstreamId, id);
      if (!taken) await store.settleCreate(em, table, scope, id, found.downstreamId);
      return taken;
    });
    if (!other) return found.downstreamId;
    why =
      `Its ${kind} in the application (id ${JSON.stringify(found.downstreamId)}) is already linked to Gatehouse ${kind} ${JSON.stringify(other.name)} (${other.id}). ` +
      `An administrator can review the links under Import accounts on the connector.`;
  } else if (found?.kind === 'absent') {
    why =
      `Gatehouse looked it up with ${LIST[kind]} or ${GET[kind]} and found no matching ${kind}, so it cannot link to it: ` +
      `check that the mapping returns it (filter and page size in query_params), or remove the ${kind} from the application and retry.`;
  } else if (found?.kind === 'unknown') {
    why = `Gatehouse could not look it up to link to it (${found.reason}); a retry looks again.`;
  } else {
    why =
      `Enable ${LIST[kind]} (or a ${GET[kind]} that finds ${kind}s by name) on this connector so Gatehouse links the existing ${kind} instead, ` +
      `or remove the ${kind} from the application and retry.`;
  }
  await store.dropCreate(store.manager, table, scope, id);
  throw ScimErrors.appHasAccount(kind, answer, why);
}
