import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { applyPatchInSteps, checkTextLimits, evaluateFilter, listResponse, normalizeUserInput, paginate, type ListResponse } from '@gatehouse/scim';
import type { MappingContext } from '@gatehouse/mapping';
import type { EntityManager } from 'typeorm';
import { runInSlices } from '../../../common/run-in-slices.js';
import { CustomHttpDownstream } from '../custom-http-downstream.js';
import { ScimDownstreamLookup } from '../scim-downstream-lookup.js';
import type { ScimUser } from '../entities/scim-user.entity.js';
import type { ScimRequestContext } from '../scim-context.js';
import { patchAnswersWith, userLookup, type ListQuery } from '../scim-list-query.js';
import { importedUserResource, mergeResolvedUser, sameJson, storedAttributes, toUserResource, userForPatch, type ImportLookup, type JsonObject } from '../scim-resource.mapper.js';
import { ScimStore, isUniqueViolation } from '../scim-store.repository.js';
import { isActive, planUserChange } from '../scim-user-plan.js';
import { ScimErrors } from '../scim.errors.js';
import type { ChangeInput, CreateInput, ReadInput, ScimUsersPort } from '../scim.types.js';
import { conflictNote, filterNote, linkRefusedCreate } from './existing-accounts.js';
import { BUSY, PendingTurns, type Busy } from './pending-writes.js';
import { assertServing, project, projectList } from './serving.js';

type Computed = { next: JsonObject; patch: Record<string, unknown> | undefined };

/**
 * /Users of a Custom HTTP connector. The store is the identity provider's source of truth. Each
 * write is claim, call the app, finish (docs/scim.md): a short transaction records the write on
 * the user's row (a new row in the `create` state, or a pending mark on an existing one), the app
 * is called with no transaction or connection held, and a second short transaction applies the
 * answer. A write whose outcome in the app is unknown stays pending until a retry or the sweep
 * (ScimPendingSweep) settles it, so no account in the app is ever untracked.
 */
@Injectable()
export class ScimUsersUseCase implements ScimUsersPort {
  private readonly turns = new PendingTurns();

  constructor(
    private readonly store: ScimStore,
    private readonly downstream: CustomHttpDownstream,
    private readonly lookup: ScimDownstreamLookup,
  ) {}

  /**
   * create_user when enabled (its answer's id is kept as the downstream id), else kept in
   * Gatehouse only. The row claims the userName first (a taken one is refused before the app is
   * called). A retry of a create whose first attempt never got its answer links to the account
   * the app made (found with list_users / get_user), or is refused naming the pending user.
   */
  async create(ctx: ScimRequestContext, input: CreateInput): Promise<JsonObject> {
    assertServing(ctx.connector);
    const resource = normalizeUserInput(input.body) as JsonObject;
    const userName = resource.userName as string;
    if (!this.downstream.enabled(ctx.connector, 'create_user')) {
      const row = this.newRow(ctx, randomUUID(), resource, null, new Date());
      if (!(await this.store.claimUser(this.store.manager, row))) throw ScimErrors.userNameTaken(userName);
      return project(toUserResource(row, ctx.baseUrl), input.projection, 'User');
    }
    const key = `${ctx.scope.connectorId}:name:${userName.toLowerCase()}`;
    const created = await this.turns.run(key, () =>
      this.turns.untilFree(this.downstream.leaseMs(), `A user with userName ${JSON.stringify(userName)}`, () => this.createOnce(ctx, resource)),
    );
    return project(toUserResource(created, ctx.baseUrl), input.projection, 'User');
  }

  private async createOnce(ctx: ScimRequestContext, resource: JsonObject): Promise<ScimUser | Busy> {
    const userName = resource.userName as string;
    const lease = this.downstream.leaseMs();
    const row = { ...this.newRow(ctx, randomUUID(), resource, null, new Date()), pendingOp: 'create' as const };
    const em = this.store.manager;
    if (await this.store.claimUser(em, row, lease)) return this.pushCreate(ctx, row);
    const holder = await this.store.findUserByName(em, ctx.scope, userName);
    if (!holder) return BUSY; // deleted meanwhile: claim again
    if (holder.pendingOp !== 'create') throw ScimErrors.userNameTaken(userName);
    if (!(await this.store.takeOver(em, TABLE, ctx.scope, holder.id, lease))) return BUSY;
    return this.settlePendingCreate(ctx, holder);
  }

  /** create_user for a claimed row, then its link (or, when the app refused, the claim dropped). */
  private async pushCreate(ctx: ScimRequestContext, row: ScimUser): Promise<ScimUser> {
    const em = this.store.manager;
    const sent = await this.downstream.attempt(ctx.connector, 'create_user', { scim_user: { ...row.resource, id: row.id } });
    if (!sent.ok) {
      if (sent.status === 409) {
        // The app has the account already: link to it, or tell the identity provider so (409 uniqueness).
        const find = this.lookup.canLookUp(ctx.connector, 'user')
          ? () => this.lookup.user(ctx.connector, row.resource, { id: row.id, note: conflictNote('user', row.userName) })
          : undefined;
        return settled(row, await linkRefusedCreate(this.store, TABLE, ctx.scope, 'user', row.id, sent.answer ?? 'HTTP 409', find));
      }
      if (sent.effect === 'none') await this.store.dropCreate(em, TABLE, ctx.scope, row.id);
      else await this.store.leavePending(em, TABLE, ctx.scope, row.id, sent.detail);
      throw sent.error;
    }
    await this.store.settleCreate(em, TABLE, ctx.scope, row.id, sent.result.id);
    return settled(row, sent.result.id);
  }

  /** A create of this userName whose outcome is unknown: link to the app's account, create it, or refuse. */
  private async settlePendingCreate(ctx: ScimRequestContext, row: ScimUser): Promise<ScimUser> {
    const em = this.store.manager;
    const found = await this.lookup.user(ctx.connector, row.resource, { id: row.id });
    switch (found.kind) {
      case 'found':
        await this.store.settleCreate(em, TABLE, ctx.scope, row.id, found.downstreamId);
        return settled(row, found.downstreamId);
      case 'absent':
        return this.pushCreate(ctx, row);
      case 'unknown':
        await this.store.leavePending(em, TABLE, ctx.scope, row.id, found.reason);
        throw ScimErrors.createPending('user', 'userName', row.userName, row.id, row.pendingSince ?? row.createdAt, found.reason);
      default: {
        const unreachable: never = found;
        return unreachable;
      }
    }
  }

  /** From the store, with what get_user reads laid over it when that capability is on. */
  async get(ctx: ScimRequestContext, input: ReadInput): Promise<JsonObject> {
    assertServing(ctx.connector);
    const row = await this.store.findUser(this.store.manager, ctx.scope, input.id);
    if (!row) throw ScimErrors.userNotFound(input.id);
    let resource = toUserResource(row, ctx.baseUrl);
    if (row.downstreamId !== null && this.downstream.enabled(ctx.connector, 'get_user')) {
      const resolved = await this.downstream.call(ctx.connector, 'get_user', { scim_user: userForPatch(row), integration_user_id: row.downstreamId });
      resource = mergeResolvedUser(resource, resolved);
    }
    return project(resource, input.projection, 'User');
  }

  /**
   * From the store: it holds every user this identity provider provisioned, pages in a stable
   * order, and answers lookups (Entra's Test Connection, the lookup before each create) without a
   * downstream round trip. Simple equality filters select rows by index first. A lookup by
   * userName or email that the store has no user for is asked of the app when it can be
   * (importFromApp), so an account the app already has is matched instead of created twice.
   */
  async list(ctx: ScimRequestContext, query: ListQuery): Promise<ListResponse<JsonObject>> {
    assertServing(ctx.connector);
    const { filter, pagination, projection } = query;
    if (!filter) {
      const page = await this.store.pageUsers(this.store.manager, ctx.scope, pagination.startIndex - 1, pagination.count);
      const resources = page.rows.map((row) => project(toUserResource(row, ctx.baseUrl), projection, 'User'));
      return listResponse(resources, { startIndex: pagination.startIndex, totalResults: page.total });
    }
    const lookup = userLookup(filter);
    let rows = await this.store.findUsers(this.store.manager, ctx.scope, lookup);
    if (rows.length === 0 && (lookup?.by === 'userName' || lookup?.by === 'email')) {
      const imported = await this.importFromApp(ctx, { by: lookup.by, value: lookup.value });
      // Null when another request imported or created it meanwhile: the store now answers.
      rows = imported ? [imported] : await this.store.findUsers(this.store.manager, ctx.scope, lookup);
    }
    const matched = rows.map((row) => toUserResource(row, ctx.baseUrl)).filter((r) => evaluateFilter(filter, r, { resourceType: 'User' }));
    return projectList(paginate(matched, pagination), projection, 'User');
  }

  /**
   * An identity provider's lookup the store has no user for, asked of the app: list_users (by
   * userName or email), else a get_user that finds users by userName. An account the app has is
   * imported as a user linked to the app's id, so the identity provider updates it instead of
   * creating a second one. Nothing is imported when the app cannot be asked, has no such
   * account, fails to answer (the call log shows why), or the account is linked to another user.
   */
  private async importFromApp(ctx: ScimRequestContext, wanted: ImportLookup): Promise<ScimUser | null> {
    const connector = ctx.connector;
    const askable = wanted.by === 'userName' ? this.lookup.canLookUp(connector, 'user') : this.downstream.enabled(connector, 'list_users');
    if (!askable) return null;
    // A create of this userName still pending settles it itself (its retry or the sweep looks the app up).
    if (wanted.by === 'userName' && (await this.store.findUserByName(this.store.manager, ctx.scope, wanted.value))) return null;
    // A userName that is an address (as IdPs usually send) also fills {scim_user_email}, for lists filtered by email.
    const address = wanted.by === 'email' || wanted.value.includes('@') ? { emails: [{ value: wanted.value, primary: true }] } : {};
    const probe = wanted.by === 'userName' ? { userName: wanted.value, ...address } : address;
    const found = await this.lookup.user(connector, probe, { note: filterNote('user', wanted.by === 'userName' ? 'userName' : 'emails', wanted.value) });
    if (found.kind !== 'found') return null;
    const row = this.newRow(ctx, randomUUID(), importedUserResource(found.account, wanted), found.downstreamId, new Date());
    return this.store.transaction(async (em) => {
      await this.store.lockLinks(em, ctx.scope);
      if (await this.store.linkedElsewhere(em, TABLE, ctx.scope, found.downstreamId, row.id)) return null;
      // A create of this userName that won the race keeps it; the identity provider's next lookup finds it.
      return (await this.store.claimUser(em, row)) ? row : null;
    });
  }

  async replace(ctx: ScimRequestContext, input: ChangeInput): Promise<JsonObject> {
    assertServing(ctx.connector);
    const resource = normalizeUserInput(input.body) as JsonObject;
    return this.change(ctx, input, () => ({ next: resource, patch: undefined }));
  }

  /**
   * Answered 200 with the user, or 204 No Content under the `entra` IdP profile (what Entra ID
   * and Microsoft's reference collection expect) unless the request names attributes or
   * excludedAttributes, which asks for the user (RFC 7644 §3.5.2).
   */
  async patch(ctx: ScimRequestContext, input: ChangeInput): Promise<JsonObject | null> {
    assertServing(ctx.connector);
    const user = await this.change(ctx, input, async (row) => ({
      next: checkTextLimits((await runInSlices(applyPatchInSteps(userForPatch(row), input.body, { resourceType: 'User' }))).resource),
      patch: input.body as Record<string, unknown>,
    }));
    return patchAnswersWith(ctx.connector.idpProfile, input.projection) ? user : null;
  }

  /**
   * delete_user when enabled. Without it, a user that is linked downstream and still active
   * cannot be deleted (501: the app would keep an active account); a deactivated one is
   * forgotten here and stays deactivated in the app. A user still pending creation (never
   * shown to the identity provider) can be deleted by its id once no request works on it: that
   * drops the claim, for when the administrator made sure the app has no such account.
   */
  async remove(ctx: ScimRequestContext, id: string): Promise<void> {
    assertServing(ctx.connector);
    await this.turns.run(`${ctx.scope.connectorId}:id:${id}`, () => this.turns.untilFree(this.downstream.leaseMs(), `User ${JSON.stringify(id)}`, () => this.removeOnce(ctx, id)));
  }

  private async removeOnce(ctx: ScimRequestContext, id: string): Promise<void | Busy> {
    const claim = await this.unit(async (em): Promise<ScimUser | null | Busy> => {
      const row = await this.store.findUser(em, ctx.scope, id, true);
      if (!row) {
        const pending = await this.store.findAnyUser(em, ctx.scope, id);
        if (pending?.pendingOp !== 'create') throw ScimErrors.userNotFound(id);
        if (!(await this.store.takeOver(em, TABLE, ctx.scope, id, 0))) return BUSY;
        await this.store.dropCreate(em, TABLE, ctx.scope, id);
        return null;
      }
      if (!(await this.store.markPending(em, TABLE, ctx.scope, id, 'delete', this.downstream.leaseMs()))) return BUSY;
      if (row.downstreamId !== null) {
        if (this.downstream.enabled(ctx.connector, 'delete_user')) return row;
        if (row.active) throw ScimErrors.userStillActive();
      }
      await this.store.deleteUser(em, ctx.scope, row.id);
      return null;
    });
    if (claim === BUSY || claim === null) return claim === BUSY ? BUSY : undefined;
    await this.callOrRelease(ctx, claim.id, 'delete_user', { scim_user: userForPatch(claim), integration_user_id: claim.downstreamId ?? '' });
    await this.store.deleteUser(this.store.manager, ctx.scope, claim.id);
  }

  private change(
    ctx: ScimRequestContext,
    input: ChangeInput,
    compute: (row: ScimUser) => Computed | Promise<Computed>,
  ): Promise<JsonObject> {
    return this.turns.run(`${ctx.scope.connectorId}:id:${input.id}`, () =>
      this.turns.untilFree(this.downstream.leaseMs(), `User ${JSON.stringify(input.id)}`, () => this.changeOnce(ctx, input, compute)),
    );
  }

  /**
   * Claim: the user's row gets a pending mark (and a new userName is claimed) in one short
   * transaction, where changes that need no app call are also applied. Call: update_user,
   * delete_user or create_user as planned. Finish: the row gets the new state and loses the mark;
   * a failed call releases the mark and restores the userName the app last confirmed.
   */
  private async changeOnce(
    ctx: ScimRequestContext,
    input: ChangeInput,
    compute: (row: ScimUser) => Computed | Promise<Computed>,
  ): Promise<JsonObject | Busy> {
    let wanted = '';
    const claim = await this.unit(async (em): Promise<{ row: ScimUser; call?: () => Promise<string | null> } | Busy> => {
      const current = await this.store.findUser(em, ctx.scope, input.id, true);
      if (!current) throw ScimErrors.userNotFound(input.id);
      if (!(await this.store.markPending(em, TABLE, ctx.scope, current.id, 'change', this.downstream.leaseMs()))) return BUSY;
      const { next: computed, patch } = await compute(current);
      const next = storedAttributes(computed);
      const userName = next.userName as string;
      const nameLower = userName.toLowerCase();
      wanted = userName;
      // A new userName is claimed before the app hears of the change.
      if (nameLower !== current.userNameLower && !(await this.store.claimUserName(em, ctx.scope, current.id, userName))) throw ScimErrors.userNameTaken(userName);
      const plan = planUserChange({
        linked: current.downstreamId !== null,
        changed: !sameJson(storedAttributes(current.resource), next),
        wasActive: current.active,
        isActive: isActive(next),
        capabilities: ctx.connector.capabilities,
        deactivationAsDelete: ctx.connector.deactivationAsDelete,
      });
      const scimUser = { ...next, id: current.id };
      const downstreamId = current.downstreamId;
      const updated: ScimUser = {
        ...current,
        userName,
        userNameLower: nameLower,
        externalId: typeof next.externalId === 'string' ? next.externalId : null,
        active: isActive(next),
        resource: next,
        updatedAt: new Date(),
        version: current.version + 1,
        ...NOT_PENDING,
      };
      switch (plan.kind) {
        case 'none':
          await this.store.releasePending(em, TABLE, ctx.scope, current.id, null);
          return { row: current };
        case 'store':
          await this.store.updateUser(em, updated);
          return { row: updated };
        case 'unsupported':
          throw ScimErrors.notSupported(plan.capability);
        case 'update':
          return {
            row: updated,
            call: async () => {
              await this.callOrRelease(ctx, current.id, 'update_user', { scim_user: scimUser, scim_patch: patch ?? {}, integration_user_id: downstreamId ?? '' });
              return downstreamId;
            },
          };
        case 'delete':
          return {
            row: updated,
            call: async () => {
              await this.callOrRelease(ctx, current.id, 'delete_user', { scim_user: scimUser, integration_user_id: downstreamId ?? '' });
              return null;
            },
          };
        case 'create':
          return { row: updated, call: () => this.reactivate(ctx, current, scimUser) };
        default: {
          const unreachable: never = plan;
          return unreachable;
        }
      }
    }, () => ScimErrors.userNameTaken(wanted));
    if (claim === BUSY) return BUSY;
    let row = claim.row;
    if (claim.call) {
      row = { ...row, downstreamId: await claim.call() };
      await this.store.updateUser(this.store.manager, row);
    }
    return project(toUserResource(row, ctx.baseUrl), input.projection, 'User');
  }

  /**
   * A reactivation when deactivation deletes in the app: create_user again. When an earlier
   * attempt's outcome is unknown (its answer never arrived, or its process died: the row kept the
   * reason, or an expired mark was taken over), the app may already hold the new account, so it
   * is looked up first and linked if found; when the app cannot be asked, the request is refused
   * rather than risk a second account.
   */
  private async reactivate(ctx: ScimRequestContext, before: ScimUser, scimUser: JsonObject): Promise<string> {
    if (before.lastError !== null || before.pendingOp !== null) {
      const found = await this.lookup.user(ctx.connector, scimUser, { id: before.id });
      if (found.kind === 'found') return found.downstreamId;
      if (found.kind === 'unknown') {
        const reason = `an earlier reactivation may have reached the application but its answer never arrived, and ${found.reason}`;
        await this.store.releasePending(this.store.manager, TABLE, ctx.scope, before.id, reason);
        throw ScimErrors.reactivationPending(before.userName, before.id, found.reason);
      }
    }
    return (await this.callOrRelease(ctx, before.id, 'create_user', { scim_user: scimUser })).id;
  }

  /** One app call of a change or delete; when it fails the row's mark is released (keeping the reason if the outcome is unknown). */
  private async callOrRelease<O extends 'update_user' | 'delete_user' | 'create_user'>(ctx: ScimRequestContext, id: string, operation: O, context: MappingContext) {
    const sent = await this.downstream.attempt(ctx.connector, operation, context);
    if (sent.ok) return sent.result;
    await this.store.releasePending(this.store.manager, TABLE, ctx.scope, id, sent.effect === 'unknown' ? sent.detail : null);
    throw sent.error;
  }

  /**
   * One short transaction. Names are claimed through the unique index (claimUser,
   * claimUserName); a unique violation that still reaches here (a final write racing a claim)
   * is a 409 as well.
   */
  private async unit<T>(work: (em: EntityManager) => Promise<T>, conflict?: () => Error): Promise<T> {
    try {
      return await this.store.transaction(work);
    } catch (err) {
      if (conflict && isUniqueViolation(err)) throw conflict();
      throw err;
    }
  }

  private newRow(ctx: ScimRequestContext, id: string, resource: JsonObject, downstreamId: string | null, now: Date): ScimUser {
    const attributes = storedAttributes(resource);
    return {
      id,
      companyId: ctx.scope.companyId,
      connectorId: ctx.scope.connectorId,
      userName: attributes.userName as string,
      userNameLower: (attributes.userName as string).toLowerCase(),
      externalId: typeof attributes.externalId === 'string' ? attributes.externalId : null,
      active: isActive(attributes),
      resource: attributes,
      downstreamId,
      createdAt: now,
      updatedAt: now,
      version: 1,
      ...NOT_PENDING,
    };
  }
}

const TABLE = 'scim_users';
const NOT_PENDING = { pendingOp: null, pendingSince: null, pendingUntil: null, lastError: null } as const;

/** The row of a create the app confirmed, as the store now holds it. */
const settled = (row: ScimUser, downstreamId: string | null): ScimUser => ({ ...row, downstreamId, ...NOT_PENDING });
