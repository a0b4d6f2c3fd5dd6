import type { ListResponse, ProjectionOptions } from '@gatehouse/scim';
import type { ScimRequestContext } from './scim-context.js';
import type { ListQuery } from './scim-list-query.js';
import type { JsonObject } from './scim-resource.mapper.js';

// The typed inputs of the SCIM operations, and the two ports a connector type implements.
// Controllers pick the implementation by connector type (ScimProviders), so another kind of
// connector (a SCIM proxy, say) plugs in beside Custom HTTP without touching the routes.

/** POST: a resource body as the identity provider sent it. */
export type CreateInput = { body: unknown; projection: ProjectionOptions };
/** GET one. */
export type ReadInput = { id: string; projection: ProjectionOptions };
/** PUT (body is the whole new resource) or PATCH (body is a PatchOp). */
export type ChangeInput = { id: string; body: unknown; projection: ProjectionOptions };

export interface ScimUsersPort {
  create(ctx: ScimRequestContext, input: CreateInput): Promise<JsonObject>;
  get(ctx: ScimRequestContext, input: ReadInput): Promise<JsonObject>;
  list(ctx: ScimRequestContext, query: ListQuery): Promise<ListResponse<JsonObject>>;
  replace(ctx: ScimRequestContext, input: ChangeInput): Promise<JsonObject>;
  /** The user when the request asked for attributes, else null (answered 204 No Content). */
  patch(ctx: ScimRequestContext, input: ChangeInput): Promise<JsonObject | null>;
  remove(ctx: ScimRequestContext, id: string): Promise<void>;
}

export interface ScimGroupsPort {
  create(ctx: ScimRequestContext, input: CreateInput): Promise<JsonObject>;
  get(ctx: ScimRequestContext, input: ReadInput): Promise<JsonObject>;
  list(ctx: ScimRequestContext, query: ListQuery): Promise<ListResponse<JsonObject>>;
  replace(ctx: ScimRequestContext, input: ChangeInput): Promise<JsonObject>;
  /** The group when the request asked for attributes, else null (answered 204 No Content). */
  patch(ctx: ScimRequestContext, input: ChangeInput): Promise<JsonObject | null>;
  remove(ctx: ScimRequestContext, id: string): Promise<void>;
}
