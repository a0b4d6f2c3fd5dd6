import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { applyPatchInSteps, evaluateFilter, listResponse, normalizeUserInput, paginate, type ListResponse } from '@gatehouse/scim';
import type { EntityManager } from 'typeorm';
import { runInSlices } from '../../../common/run-in-slices.js';
import { CustomHttpDownstream } from '../custom-http-downstream.js';
import type { ScimUser } from '../entities/scim-user.entity.js';
import type { ScimRequestContext } from '../scim-context.js';
import { asksForAttributes, userLookup, type ListQuery } from '../scim-list-query.js';
import { mergeResolvedUser, sameJson, storedAttributes, toUserResource, userForPatch, type JsonObject } from '../scim-resource.mapper.js';
import { ScimStore, isUniqueViolation } from '../scim-store.repository.js';
import { isActive, planUserChange } from '../scim-user-plan.js';
import { ScimErrors } from '../scim.errors.js';
import type { ChangeInput, CreateInput, ReadInput, ScimUsersPort } from '../scim.types.js';
import { assertServing, project, projectList } from './serving.js';

type Computed = { next: JsonObject; patch: Record<string, unknown> | undefined };

/**
 * /Users of a Custom HTTP connector. The store is the identity provider's source of truth; each
 * write calls the downstream app first and changes the store only when that call succeeded, in
 * one transaction holding the user's row (or, for a create, the userName) locked.
 */
@Injectable()
export class ScimUsersUseCase implements ScimUsersPort {
  constructor(
    private readonly store: ScimStore,
    private readonly downstream: CustomHttpDownstream,
  ) {}

  /** create_user when enabled (its answer's id is kept as the downstream id), else kept in Gatehouse only. */
  async create(ctx: ScimRequestContext, input: CreateInput): Promise<JsonObject> {
    assertServing(ctx.connector);
    const resource = normalizeUserInput(input.body) as JsonObject;
    const userName = resource.userName as string;
    const id = randomUUID();
    const row = await this.unit(async (em) => {
      // The row claims the userName first (a taken one is refused before the app is called); it
      // is linked to the app's id once create_user answered, and rolled back if it failed.
      const user = this.newRow(ctx, id, resource, null, new Date());
      if (!(await this.store.claimUser(em, user))) throw ScimErrors.userNameTaken(userName);
      if (!this.downstream.enabled(ctx.connector, 'create_user')) return user;
      const downstreamId = (await this.downstream.call(ctx.connector, 'create_user', { scim_user: { ...resource, id } })).id;
      await this.store.linkUser(em, ctx.scope, id, downstreamId);
      return { ...user, downstreamId };
    }, () => ScimErrors.userNameTaken(userName));
    return project(toUserResource(row, ctx.baseUrl), input.projection, 'User');
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
   * Always from the store: it holds every user this identity provider provisioned, pages in a
   * stable order, and answers lookups (Entra's Test Connection, the lookup before each create)
   * without a downstream round trip. Simple equality filters select rows by index first.
   */
  async list(ctx: ScimRequestContext, query: ListQuery): Promise<ListResponse<JsonObject>> {
    assertServing(ctx.connector);
    const { filter, pagination, projection } = query;
    if (!filter) {
      const page = await this.store.pageUsers(this.store.manager, ctx.scope, pagination.startIndex - 1, pagination.count);
      const resources = page.rows.map((row) => project(toUserResource(row, ctx.baseUrl), projection, 'User'));
      return listResponse(resources, { startIndex: pagination.startIndex, totalResults: page.total });
    }
    const rows = await this.store.findUsers(this.store.manager, ctx.scope, userLookup(filter));
    const matched = rows.map((row) => toUserResource(row, ctx.baseUrl)).filter((r) => evaluateFilter(filter, r, { resourceType: 'User' }));
    return projectList(paginate(matched, pagination), projection, 'User');
  }

  async replace(ctx: ScimRequestContext, input: ChangeInput): Promise<JsonObject> {
    assertServing(ctx.connector);
    const resource = normalizeUserInput(input.body) as JsonObject;
    return this.change(ctx, input, () => ({ next: resource, patch: undefined }));
  }

  /**
   * Answered 204 No Content, like a group PATCH (Entra ID and Microsoft's reference collection
   * expect it; Okta accepts it), unless the request names attributes or excludedAttributes,
   * which asks for the user in a 200 (RFC 7644 §3.5.2).
   */
  async patch(ctx: ScimRequestContext, input: ChangeInput): Promise<JsonObject | null> {
    assertServing(ctx.connector);
    const user = await this.change(ctx, input, async (row) => ({
      next: (await runInSlices(applyPatchInSteps(userForPatch(row), input.body, { resourceType: 'User' }))).resource,
      patch: input.body as Record<string, unknown>,
    }));
    return asksForAttributes(input.projection) ? user : null;
  }

  /**
   * delete_user when enabled. Without it, a user that is linked downstream and still active
   * cannot be deleted (501: the app would keep an active account); a deactivated one is
   * forgotten here and stays deactivated in the app.
   */
  async remove(ctx: ScimRequestContext, id: string): Promise<void> {
    assertServing(ctx.connector);
    await this.unit(async (em) => {
      const row = await this.store.findUser(em, ctx.scope, id, true);
      if (!row) throw ScimErrors.userNotFound(id);
      if (row.downstreamId !== null) {
        if (this.downstream.enabled(ctx.connector, 'delete_user')) {
          await this.downstream.call(ctx.connector, 'delete_user', { scim_user: userForPatch(row), integration_user_id: row.downstreamId });
        } else if (row.active) {
          throw ScimErrors.userStillActive();
        }
      }
      await this.store.deleteUser(em, ctx.scope, row.id);
    });
  }

  private async change(
    ctx: ScimRequestContext,
    input: ChangeInput,
    compute: (row: ScimUser) => Computed | Promise<Computed>,
  ): Promise<JsonObject> {
    let wanted = '';
    const row = await this.unit(async (em) => {
      const current = await this.store.findUser(em, ctx.scope, input.id, true);
      if (!current) throw ScimErrors.userNotFound(input.id);
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
      let downstreamId = current.downstreamId;
      switch (plan.kind) {
        case 'none':
          return current;
        case 'store':
          break;
        case 'unsupported':
          throw ScimErrors.notSupported(plan.capability);
        case 'update':
          await this.downstream.call(ctx.connector, 'update_user', { scim_user: scimUser, scim_patch: patch ?? {}, integration_user_id: downstreamId ?? '' });
          break;
        case 'delete':
          await this.downstream.call(ctx.connector, 'delete_user', { scim_user: scimUser, integration_user_id: downstreamId ?? '' });
          downstreamId = null;
          break;
        case 'create':
          downstreamId = (await this.downstream.call(ctx.connector, 'create_user', { scim_user: scimUser })).id;
          break;
        default: {
          const unreachable: never = plan;
          return unreachable;
        }
      }
      const updated: ScimUser = {
        ...current,
        userName,
        userNameLower: nameLower,
        externalId: typeof next.externalId === 'string' ? next.externalId : null,
        active: isActive(next),
        resource: next,
        downstreamId,
        updatedAt: new Date(),
        version: current.version + 1,
      };
      await this.store.updateUser(em, updated);
      return updated;
    }, () => ScimErrors.userNameTaken(wanted));
    return project(toUserResource(row, ctx.baseUrl), input.projection, 'User');
  }

  /**
   * One transaction whose downstream calls are logged after it ends. Names are claimed through
   * the unique index before any app call (claimUser, claimUserName); a unique violation that
   * still reaches here (a final write racing a claim) is a 409 as well.
   */
  private async unit<T>(work: (em: EntityManager) => Promise<T>, conflict?: () => Error): Promise<T> {
    try {
      return await this.downstream.holdingCalls(() => this.store.transaction(work));
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
    };
  }
}
