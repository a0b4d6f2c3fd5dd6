import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { applyPatchInSteps, checkTextLimits, evaluateFilter, listResponse, normalizeGroupInput, paginate, type ListResponse } from '@gatehouse/scim';
import type { MappingContext } from '@gatehouse/mapping';
import type { EntityManager } from 'typeorm';
import { runInSlices } from '../../../common/run-in-slices.js';
import { CustomHttpDownstream } from '../custom-http-downstream.js';
import { ScimDownstreamLookup } from '../scim-downstream-lookup.js';
import type { ScimGroup } from '../entities/scim-group.entity.js';
import type { ScimRequestContext } from '../scim-context.js';
import { groupLookup, patchAnswersWith, projectionDropsMembers, type ListQuery } from '../scim-list-query.js';
import { groupForPatch, importedGroupResource, sameJson, storedAttributes, toGroupResource, type JsonObject, type MemberView } from '../scim-resource.mapper.js';
import { ScimStore, isUniqueViolation, type ScimScope, type StoredMember } from '../scim-store.repository.js';
import { ScimErrors } from '../scim.errors.js';
import type { ChangeInput, CreateInput, ReadInput, ScimGroupsPort } from '../scim.types.js';
import { conflictNote, filterNote, linkRefusedCreate } from './existing-accounts.js';
import { BUSY, PendingTurns, type Busy } from './pending-writes.js';
import { assertServing, project, projectList } from './serving.js';

type Member = { userId: string; display: string | null };

const TABLE = 'scim_groups';
const NOT_PENDING = { pendingOp: null, pendingSince: null, pendingUntil: null, lastError: null } as const;

/**
 * /Groups of a Custom HTTP connector. Each write is claim, call the app, finish, with no
 * transaction or connection held while the app is called (docs/scim.md). Membership is pushed
 * as the group's complete list of downstream member ids (update_group_members), computed while
 * the group carries its pending mark, so concurrent membership changes never lose a member. A capability that is off keeps that part
 * in Gatehouse only: create_group (the group gets no downstream id, nothing is pushed for it),
 * update_group_members, update_group_name and delete_group.
 */
@Injectable()
export class ScimGroupsUseCase implements ScimGroupsPort {
  private readonly turns = new PendingTurns();

  constructor(
    private readonly store: ScimStore,
    private readonly downstream: CustomHttpDownstream,
    private readonly lookup: ScimDownstreamLookup,
  ) {}

  /**
   * create_group when enabled, then update_group_members with the members the app can hold. The
   * row claims the displayName first and is linked once create_group answered (claim, call,
   * finish, as for users); a retry of a create whose answer never arrived links to the group the
   * app made (list_groups / get_group) or is refused naming the pending group.
   */
  async create(ctx: ScimRequestContext, input: CreateInput): Promise<JsonObject> {
    assertServing(ctx.connector);
    const resource = normalizeGroupInput(input.body) as JsonObject;
    const displayName = resource.displayName as string;
    const group = this.newRow(ctx, resource);
    if (!this.downstream.enabled(ctx.connector, 'create_group')) {
      const stored = await this.unit(async (em) => {
        if (!(await this.store.claimGroup(em, group))) throw ScimErrors.groupNameTaken(displayName);
        const members = await this.members(em, ctx.scope, resource);
        await this.store.setMembers(em, group.id, [], members);
        return members;
      }, () => ScimErrors.groupNameTaken(displayName));
      return project(toGroupResource(group, stored, ctx.baseUrl), input.projection, 'Group');
    }
    const key = `${ctx.scope.connectorId}:name:${displayName.toLowerCase()}`;
    const row = await this.turns.run(key, () =>
      this.turns.untilFree(this.downstream.leaseMs(), `A group with displayName ${JSON.stringify(displayName)}`, () => this.createOnce(ctx, group)),
    );
    // Members are pushed once the group is linked; they are stored only when the app has them.
    const { members, users } = await this.unit(async (em) => {
      const requested = membersOf(resource);
      const known = await this.knownUsers(em, ctx.scope, requested.map((m) => m.userId));
      return { members: requested.filter((m) => known.has(m.userId)), users: known };
    });
    const ids = downstreamIds(members, users);
    if (row.downstreamId !== null && ids.length > 0 && this.downstream.enabled(ctx.connector, 'update_group_members')) {
      await this.downstream.call(ctx.connector, 'update_group_members', { group_id: row.downstreamId, group_name: displayName, member_ids: ids }, { subject: { scimGroupId: row.id } });
    }
    if (members.length > 0) await this.unit((em) => this.store.setMembers(em, row.id, [], members));
    return project(toGroupResource(row, members, ctx.baseUrl), input.projection, 'Group');
  }

  private async createOnce(ctx: ScimRequestContext, group: ScimGroup): Promise<ScimGroup | Busy> {
    const em = this.store.manager;
    const lease = this.downstream.leaseMs();
    if (await this.store.claimGroup(em, group, lease)) return this.pushCreate(ctx, { ...group, pendingOp: 'create' });
    const holder = await this.store.findGroupByName(em, ctx.scope, group.displayName);
    if (!holder) return BUSY; // deleted meanwhile: claim again
    if (holder.pendingOp !== 'create') throw ScimErrors.groupNameTaken(group.displayName);
    if (!(await this.store.takeOver(em, TABLE, ctx.scope, holder.id, lease))) return BUSY;
    const found = await this.lookup.group(ctx.connector, holder.displayName, { id: holder.id });
    switch (found.kind) {
      case 'found':
        await this.store.settleCreate(em, TABLE, ctx.scope, holder.id, found.downstreamId);
        return { ...holder, downstreamId: found.downstreamId, ...NOT_PENDING };
      case 'absent':
        return this.pushCreate(ctx, holder);
      case 'unknown':
        await this.store.leavePending(em, TABLE, ctx.scope, holder.id, found.reason);
        throw ScimErrors.createPending('group', 'displayName', holder.displayName, holder.id, holder.pendingSince ?? holder.createdAt, found.reason);
      default: {
        const unreachable: never = found;
        return unreachable;
      }
    }
  }

  /** create_group for a claimed row, then its link (or, when the app refused, the claim dropped). */
  private async pushCreate(ctx: ScimRequestContext, row: ScimGroup): Promise<ScimGroup> {
    const em = this.store.manager;
    const sent = await this.downstream.attempt(ctx.connector, 'create_group', { group_name: row.displayName, group_description: '' }, { subject: { scimGroupId: row.id } });
    if (!sent.ok) {
      if (sent.status === 409) {
        // The app has the group already: link to it, or tell the identity provider so (409 uniqueness).
        const find = this.lookup.canLookUp(ctx.connector, 'group')
          ? () => this.lookup.group(ctx.connector, row.displayName, { id: row.id, note: conflictNote('group', row.displayName) })
          : undefined;
        const downstreamId = await linkRefusedCreate(this.store, TABLE, ctx.scope, 'group', row.id, sent.answer ?? 'HTTP 409', find);
        return { ...row, downstreamId, ...NOT_PENDING };
      }
      if (sent.effect === 'none') await this.store.dropCreate(em, TABLE, ctx.scope, row.id);
      else await this.store.leavePending(em, TABLE, ctx.scope, row.id, sent.detail);
      throw sent.error;
    }
    await this.store.settleCreate(em, TABLE, ctx.scope, row.id, sent.result.id);
    return { ...row, downstreamId: sent.result.id, ...NOT_PENDING };
  }

  async get(ctx: ScimRequestContext, input: ReadInput): Promise<JsonObject> {
    assertServing(ctx.connector);
    const em = this.store.manager;
    const row = await this.store.findGroup(em, ctx.scope, input.id);
    if (!row) throw ScimErrors.groupNotFound(input.id);
    const members = projectionDropsMembers(input.projection) ? [] : await this.store.membersOf(em, ctx.scope, [row.id]);
    return project(toGroupResource(row, members, ctx.baseUrl), input.projection, 'Group');
  }

  /** From the store, like /Users; members are loaded only when the answer (or the filter) needs them. */
  async list(ctx: ScimRequestContext, query: ListQuery): Promise<ListResponse<JsonObject>> {
    assertServing(ctx.connector);
    const em = this.store.manager;
    const { filter, pagination, projection } = query;
    const withMembers = async (rows: ScimGroup[], needed: boolean) => {
      const members = needed ? await this.store.membersOf(em, ctx.scope, rows.map((r) => r.id)) : [];
      const byGroup = new Map<string, StoredMember[]>();
      for (const m of members) {
        const list = byGroup.get(m.groupId);
        if (list) list.push(m);
        else byGroup.set(m.groupId, [m]);
      }
      return rows.map((row) => toGroupResource(row, byGroup.get(row.id) ?? [], ctx.baseUrl));
    };
    if (!filter) {
      const page = await this.store.pageGroups(em, ctx.scope, pagination.startIndex - 1, pagination.count);
      const resources = await withMembers(page.rows, !projectionDropsMembers(projection));
      return listResponse(
        resources.map((r) => project(r, projection, 'Group')),
        { startIndex: pagination.startIndex, totalResults: page.total },
      );
    }
    const lookup = groupLookup(filter);
    let rows = await this.store.findGroups(em, ctx.scope, lookup);
    if (rows.length === 0 && lookup?.by === 'displayName') {
      const imported = await this.importFromApp(ctx, lookup.value);
      // Null when another request imported or created it meanwhile: the store now answers.
      rows = imported ? [imported] : await this.store.findGroups(em, ctx.scope, lookup);
    }
    const resources = await withMembers(rows, true);
    const matched = resources.filter((r) => evaluateFilter(filter, r, { resourceType: 'Group' }));
    return projectList(paginate(matched, pagination), projection, 'Group');
  }

  /**
   * A lookup by displayName the store has no group for, asked of the app (list_groups, else a
   * get_group that finds groups by name): a group the app has is imported, linked to the app's
   * id and with no members, so the identity provider updates it instead of creating a second one.
   */
  private async importFromApp(ctx: ScimRequestContext, displayName: string): Promise<ScimGroup | null> {
    if (!this.lookup.canLookUp(ctx.connector, 'group')) return null;
    // A create of this name still pending settles it itself (its retry or the sweep looks the app up).
    if (await this.store.findGroupByName(this.store.manager, ctx.scope, displayName)) return null;
    const found = await this.lookup.group(ctx.connector, displayName, { note: filterNote('group', 'displayName', displayName) });
    if (found.kind !== 'found') return null;
    const row = { ...this.newRow(ctx, importedGroupResource(displayName)), downstreamId: found.downstreamId };
    return this.unit(async (em) => {
      await this.store.lockLinks(em, ctx.scope);
      if (await this.store.linkedElsewhere(em, TABLE, ctx.scope, found.downstreamId, row.id)) return null;
      return (await this.store.claimGroup(em, row)) ? row : null;
    });
  }

  async replace(ctx: ScimRequestContext, input: ChangeInput): Promise<JsonObject> {
    assertServing(ctx.connector);
    const resource = normalizeGroupInput(input.body) as JsonObject;
    const { row, members } = await this.change(ctx, input.id, () => resource);
    return project(toGroupResource(row, members, ctx.baseUrl), input.projection, 'Group');
  }

  /**
   * Answered 200 with the group, or 204 No Content under the `entra` IdP profile (what Entra ID
   * expects) unless the request names attributes or excludedAttributes, which asks for the group.
   */
  async patch(ctx: ScimRequestContext, input: ChangeInput): Promise<JsonObject | null> {
    assertServing(ctx.connector);
    const { row, members } = await this.change(ctx, input.id, async (current) =>
      checkTextLimits((await runInSlices(applyPatchInSteps(current, input.body, { resourceType: 'Group' }))).resource),
    );
    if (!patchAnswersWith(ctx.connector.idpProfile, input.projection)) return null;
    return project(toGroupResource(row, members, ctx.baseUrl), input.projection, 'Group');
  }

  /**
   * delete_group when enabled. A group still pending creation (never shown to the identity
   * provider) can be deleted by its id once no request works on it, which drops the claim.
   */
  async remove(ctx: ScimRequestContext, id: string): Promise<void> {
    assertServing(ctx.connector);
    await this.turns.run(`${ctx.scope.connectorId}:id:${id}`, () => this.turns.untilFree(this.downstream.leaseMs(), `Group ${JSON.stringify(id)}`, () => this.removeOnce(ctx, id)));
  }

  private async removeOnce(ctx: ScimRequestContext, id: string): Promise<void | Busy> {
    const claim = await this.unit(async (em): Promise<ScimGroup | null | Busy> => {
      const row = await this.store.findGroup(em, ctx.scope, id, true);
      if (!row) {
        const pending = await this.store.findAnyGroup(em, ctx.scope, id);
        if (pending?.pendingOp !== 'create') throw ScimErrors.groupNotFound(id);
        if (!(await this.store.takeOver(em, TABLE, ctx.scope, id, 0))) return BUSY;
        await this.store.dropCreate(em, TABLE, ctx.scope, id);
        return null;
      }
      if (!(await this.store.markPending(em, TABLE, ctx.scope, id, 'delete', this.downstream.leaseMs()))) return BUSY;
      if (row.downstreamId !== null && this.downstream.enabled(ctx.connector, 'delete_group')) return row;
      await this.store.deleteGroup(em, ctx.scope, row.id);
      return null;
    });
    if (claim === BUSY) return BUSY;
    if (claim === null) return;
    await this.callOrRelease(ctx, claim.id, 'delete_group', { group_id: claim.downstreamId ?? '', group_name: claim.displayName });
    await this.store.deleteGroup(this.store.manager, ctx.scope, claim.id);
  }

  private change(ctx: ScimRequestContext, id: string, compute: (current: JsonObject) => JsonObject | Promise<JsonObject>): Promise<{ row: ScimGroup; members: MemberView[] }> {
    return this.turns.run(`${ctx.scope.connectorId}:id:${id}`, () =>
      this.turns.untilFree(this.downstream.leaseMs(2), `Group ${JSON.stringify(id)}`, () => this.changeOnce(ctx, id, compute)),
    );
  }

  /**
   * Claim: the group's row gets a pending mark (and a new displayName is claimed) in one short
   * transaction, which computes the rename and the complete downstream member list; while the
   * mark is on, no other change of this group runs, so concurrent membership changes never lose
   * a member. Call: update_group_name, update_group_members. Finish: the new state is stored and
   * the mark removed; a failed call releases the mark and restores the confirmed displayName.
   */
  private async changeOnce(
    ctx: ScimRequestContext,
    id: string,
    compute: (current: JsonObject) => JsonObject | Promise<JsonObject>,
  ): Promise<{ row: ScimGroup; members: MemberView[] } | Busy> {
    let wanted = '';
    type Claim = { row: ScimGroup; members: MemberView[]; stored: StoredMember[]; calls: Array<() => Promise<unknown>> };
    const claim = await this.unit(async (em): Promise<Claim | Busy> => {
      const current = await this.store.findGroup(em, ctx.scope, id, true);
      if (!current) throw ScimErrors.groupNotFound(id);
      if (!(await this.store.markPending(em, TABLE, ctx.scope, current.id, 'change', this.downstream.leaseMs(2)))) return BUSY;
      const stored = await this.store.membersOf(em, ctx.scope, [current.id]);
      const next: JsonObject = { ...(await compute(groupForPatch(current, stored))), id: current.id };
      const displayName = next.displayName as string;
      wanted = displayName;
      const attributes = storedAttributes(next, ['members']);

      const renamed = displayName !== current.displayName;
      // A new displayName is claimed before the app hears of the rename.
      if (displayName.toLowerCase() !== current.displayNameLower && !(await this.store.claimGroupName(em, ctx.scope, current.id, displayName))) {
        throw ScimErrors.groupNameTaken(displayName);
      }
      const requested = membersOf(next);
      const known = new Set(stored.map((m) => m.userId));
      const added = await this.knownUsers(em, ctx.scope, requested.map((m) => m.userId).filter((u) => !known.has(u)));
      const users = new Map<string, string | null>([...stored.map((m): [string, string | null] => [m.userId, m.downstreamId]), ...added]);
      const members = requested.filter((m) => users.has(m.userId));

      const calls: Claim['calls'] = [];
      const downstreamId = current.downstreamId;
      if (downstreamId !== null) {
        if (renamed && this.downstream.enabled(ctx.connector, 'update_group_name')) {
          calls.push(() => this.callOrRelease(ctx, current.id, 'update_group_name', { group_id: downstreamId, group_name: displayName }));
        }
        const before = downstreamIds(stored, users);
        const after = downstreamIds(members, users);
        if (!sameSet(before, after) && this.downstream.enabled(ctx.connector, 'update_group_members')) {
          calls.push(() => this.callOrRelease(ctx, current.id, 'update_group_members', { group_id: downstreamId, group_name: displayName, member_ids: after }));
        }
      }

      // Membership is a set: the same members listed in another order change nothing.
      const membersChanged = !sameMembers(stored, members);
      if (!membersChanged && sameJson(storedAttributes(current.resource, ['members']), attributes)) {
        await this.store.releasePending(em, TABLE, ctx.scope, current.id, null);
        return { row: current, members: stored, stored, calls: [] };
      }
      const updated: ScimGroup = {
        ...current,
        displayName,
        displayNameLower: displayName.toLowerCase(),
        externalId: typeof attributes.externalId === 'string' ? attributes.externalId : null,
        resource: attributes,
        updatedAt: new Date(),
        version: current.version + 1,
        ...NOT_PENDING,
      };
      if (calls.length === 0) await this.finish(em, updated, stored, members, membersChanged);
      return { row: updated, members, stored, calls: calls.length === 0 ? [] : [...calls, () => this.unit((tx) => this.finish(tx, updated, stored, members, membersChanged))] };
    }, () => ScimErrors.groupNameTaken(wanted));
    if (claim === BUSY) return BUSY;
    for (const call of claim.calls) await call();
    return { row: claim.row, members: claim.members };
  }

  /** Stores a group's new state and membership, which also removes its pending mark. */
  private async finish(em: EntityManager, updated: ScimGroup, stored: StoredMember[], members: Member[], membersChanged: boolean): Promise<void> {
    await this.store.updateGroup(em, updated);
    if (membersChanged) await this.store.setMembers(em, updated.id, stored, members);
  }

  /** One app call of a change or delete; when it fails the row's mark is released (keeping the reason if the outcome is unknown). */
  private async callOrRelease(ctx: ScimRequestContext, id: string, operation: 'update_group_name' | 'update_group_members' | 'delete_group', context: MappingContext): Promise<void> {
    const sent = await this.downstream.attempt(ctx.connector, operation, context, { subject: { scimGroupId: id } });
    if (sent.ok) return;
    await this.store.releasePending(this.store.manager, TABLE, ctx.scope, id, sent.effect === 'unknown' ? sent.detail : null);
    throw sent.error;
  }

  /** The requested members of a group resource that are users of this connector. */
  private async members(em: EntityManager, scope: ScimScope, resource: JsonObject): Promise<Member[]> {
    const requested = membersOf(resource);
    const users = await this.knownUsers(em, scope, requested.map((m) => m.userId));
    return requested.filter((m) => users.has(m.userId));
  }

  private newRow(ctx: ScimRequestContext, resource: JsonObject): ScimGroup {
    const now = new Date();
    const displayName = resource.displayName as string;
    const attributes = storedAttributes(resource, ['members']);
    return {
      id: randomUUID(),
      companyId: ctx.scope.companyId,
      connectorId: ctx.scope.connectorId,
      displayName,
      displayNameLower: displayName.toLowerCase(),
      externalId: typeof attributes.externalId === 'string' ? attributes.externalId : null,
      resource: attributes,
      downstreamId: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
      ...NOT_PENDING,
    };
  }

  /**
   * The downstream ids of those of the given ids that are users of this connector. Other member
   * values (a user deleted meanwhile, another connector's user, a nested group) are left out of
   * the group: nothing downstream could represent them, and refusing the whole request would make
   * the identity provider retry it forever.
   */
  private async knownUsers(em: EntityManager, scope: ScimScope, ids: string[]): Promise<Map<string, string | null>> {
    return this.store.userLinks(em, scope, ids);
  }

  /** One short transaction; a unique violation of a name claim is a 409 through `conflict`. */
  private async unit<T>(work: (em: EntityManager) => Promise<T>, conflict?: () => Error): Promise<T> {
    try {
      return await this.store.transaction(work);
    } catch (err) {
      if (conflict && isUniqueViolation(err)) throw conflict();
      throw err;
    }
  }
}

/** Members of a canonical group resource, de-duplicated by user id. */
function membersOf(resource: JsonObject): Member[] {
  const list = Array.isArray(resource.members) ? resource.members : [];
  const out = new Map<string, Member>();
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const { value, display } = item as { value?: unknown; display?: unknown };
    if (typeof value !== 'string' || value === '') continue;
    if (!out.has(value)) out.set(value, { userId: value, display: typeof display === 'string' ? display : null });
  }
  return [...out.values()];
}

/** The same users with the same labels, in any order (one pass, no sorting: groups can be large). */
function sameMembers(a: Array<Member | StoredMember>, b: Array<Member | StoredMember>): boolean {
  if (a.length !== b.length) return false;
  const labels = new Map(a.map((m) => [m.userId, m.display]));
  return labels.size === b.length && b.every((m) => labels.has(m.userId) && labels.get(m.userId) === m.display);
}

/** The downstream ids of those members that have one, in member order. */
function downstreamIds(members: Array<Member | StoredMember>, users: Map<string, string | null>): string[] {
  return members.map((m) => users.get(m.userId) ?? null).filter((id): id is string => id !== null);
}

function sameSet(a: string[], b: string[]): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}
