import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { applyPatchInSteps, evaluateFilter, listResponse, normalizeGroupInput, paginate, type ListResponse } from '@gatehouse/scim';
import type { EntityManager } from 'typeorm';
import { runInSlices } from '../../../common/run-in-slices.js';
import { CustomHttpDownstream } from '../custom-http-downstream.js';
import type { ScimGroup } from '../entities/scim-group.entity.js';
import type { ScimRequestContext } from '../scim-context.js';
import { asksForAttributes, groupLookup, projectionDropsMembers, type ListQuery } from '../scim-list-query.js';
import { groupForPatch, sameJson, storedAttributes, toGroupResource, type JsonObject, type MemberView } from '../scim-resource.mapper.js';
import { ScimStore, isUniqueViolation, type ScimScope, type StoredMember } from '../scim-store.repository.js';
import { ScimErrors } from '../scim.errors.js';
import type { ChangeInput, CreateInput, ReadInput, ScimGroupsPort } from '../scim.types.js';
import { assertServing, project, projectList } from './serving.js';

type Member = { userId: string; display: string | null };

/**
 * /Groups of a Custom HTTP connector. Membership is pushed as the group's complete list of
 * downstream member ids (update_group_members), computed while the group row is locked, so
 * concurrent membership changes never lose a member. A capability that is off keeps that part
 * in Gatehouse only: create_group (the group gets no downstream id, nothing is pushed for it),
 * update_group_members, update_group_name and delete_group.
 */
@Injectable()
export class ScimGroupsUseCase implements ScimGroupsPort {
  constructor(
    private readonly store: ScimStore,
    private readonly downstream: CustomHttpDownstream,
  ) {}

  async create(ctx: ScimRequestContext, input: CreateInput): Promise<JsonObject> {
    assertServing(ctx.connector);
    const resource = normalizeGroupInput(input.body) as JsonObject;
    const displayName = resource.displayName as string;
    const id = randomUUID();
    const { row, stored } = await this.unit(async (em) => {
      const now = new Date();
      const attributes = storedAttributes(resource, ['members']);
      const group: ScimGroup = {
        id,
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
      };
      // The row claims the displayName first (a taken one is refused before the app is called).
      if (!(await this.store.claimGroup(em, group))) throw ScimErrors.groupNameTaken(displayName);
      const requested = membersOf(resource);
      const users = await this.knownUsers(em, ctx.scope, requested.map((m) => m.userId));
      const members = requested.filter((m) => users.has(m.userId));
      await this.store.setMembers(em, id, [], members);
      if (!this.downstream.enabled(ctx.connector, 'create_group')) return { row: group, stored: members };
      const downstreamId = (await this.downstream.call(ctx.connector, 'create_group', { group_name: displayName, group_description: '' })).id;
      await this.store.linkGroup(em, ctx.scope, id, downstreamId);
      const ids = downstreamIds(members, users);
      if (downstreamId !== null && ids.length > 0 && this.downstream.enabled(ctx.connector, 'update_group_members')) {
        await this.downstream.call(ctx.connector, 'update_group_members', { group_id: downstreamId, group_name: displayName, member_ids: ids });
      }
      return { row: { ...group, downstreamId }, stored: members };
    }, () => ScimErrors.groupNameTaken(displayName));
    return project(toGroupResource(row, stored, ctx.baseUrl), input.projection, 'Group');
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
    const rows = await this.store.findGroups(em, ctx.scope, groupLookup(filter));
    const resources = await withMembers(rows, true);
    const matched = resources.filter((r) => evaluateFilter(filter, r, { resourceType: 'Group' }));
    return projectList(paginate(matched, pagination), projection, 'Group');
  }

  async replace(ctx: ScimRequestContext, input: ChangeInput): Promise<JsonObject> {
    assertServing(ctx.connector);
    const resource = normalizeGroupInput(input.body) as JsonObject;
    const { row, members } = await this.change(ctx, input.id, () => resource);
    return project(toGroupResource(row, members, ctx.baseUrl), input.projection, 'Group');
  }

  /**
   * Answered 204 No Content (what Entra ID expects; Okta accepts it) unless the request names
   * attributes or excludedAttributes, which asks for the group in a 200.
   */
  async patch(ctx: ScimRequestContext, input: ChangeInput): Promise<JsonObject | null> {
    assertServing(ctx.connector);
    const { row, members } = await this.change(ctx, input.id, async (current) => (await runInSlices(applyPatchInSteps(current, input.body, { resourceType: 'Group' }))).resource);
    if (!asksForAttributes(input.projection)) return null;
    return project(toGroupResource(row, members, ctx.baseUrl), input.projection, 'Group');
  }

  async remove(ctx: ScimRequestContext, id: string): Promise<void> {
    assertServing(ctx.connector);
    await this.unit(async (em) => {
      const row = await this.store.findGroup(em, ctx.scope, id, true);
      if (!row) throw ScimErrors.groupNotFound(id);
      if (row.downstreamId !== null && this.downstream.enabled(ctx.connector, 'delete_group')) {
        await this.downstream.call(ctx.connector, 'delete_group', { group_id: row.downstreamId, group_name: row.displayName });
      }
      await this.store.deleteGroup(em, ctx.scope, row.id);
    });
  }

  /**
   * Read-modify-write of one group under its row lock (SELECT … FOR UPDATE): the rename and
   * the complete downstream member list are sent while no other change of this group can run.
   */
  private async change(ctx: ScimRequestContext, id: string, compute: (current: JsonObject) => JsonObject | Promise<JsonObject>): Promise<{ row: ScimGroup; members: MemberView[] }> {
    let wanted = '';
    return this.unit(async (em) => {
      const current = await this.store.findGroup(em, ctx.scope, id, true);
      if (!current) throw ScimErrors.groupNotFound(id);
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

      if (current.downstreamId !== null) {
        if (renamed && this.downstream.enabled(ctx.connector, 'update_group_name')) {
          await this.downstream.call(ctx.connector, 'update_group_name', { group_id: current.downstreamId, group_name: displayName });
        }
        const before = downstreamIds(stored, users);
        const after = downstreamIds(members, users);
        if (!sameSet(before, after) && this.downstream.enabled(ctx.connector, 'update_group_members')) {
          await this.downstream.call(ctx.connector, 'update_group_members', { group_id: current.downstreamId, group_name: displayName, member_ids: after });
        }
      }

      // Membership is a set: the same members listed in another order change nothing.
      const membersChanged = !sameMembers(stored, members);
      if (!membersChanged && sameJson(storedAttributes(current.resource, ['members']), attributes)) {
        return { row: current, members: stored };
      }
      const updated: ScimGroup = {
        ...current,
        displayName,
        displayNameLower: displayName.toLowerCase(),
        externalId: typeof attributes.externalId === 'string' ? attributes.externalId : null,
        resource: attributes,
        updatedAt: new Date(),
        version: current.version + 1,
      };
      await this.store.updateGroup(em, updated);
      if (membersChanged) await this.store.setMembers(em, current.id, stored, members);
      return { row: updated, members };
    }, () => ScimErrors.groupNameTaken(wanted));
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

  private async unit<T>(work: (em: EntityManager) => Promise<T>, conflict?: () => Error): Promise<T> {
    try {
      return await this.downstream.holdingCalls(() => this.store.transaction(work));
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
