import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Connector } from '../http-connector/entities/connector.entity.js';
import type { ScimScope } from './scim-store.repository.js';

/** What a valid SCIM token resolves to: the connector (of its company) the request is for. */
export type ScimRequestContext = {
  scope: ScimScope;
  connector: Connector;
  /** `{PUBLIC_URL}/scim/v2/{connectorId}`, for meta.location and discovery documents. */
  baseUrl: string;
};

export type ScimRequest = Request & { scim?: ScimRequestContext };

/** The connector ScimTokenGuard resolved for this request. */
export const CurrentScim = createParamDecorator((_: unknown, ctx: ExecutionContext): ScimRequestContext => {
  const req = ctx.switchToHttp().getRequest<ScimRequest>();
  // A route marked @Auth('scim-token') without the guard would otherwise run unauthenticated.
  if (!req.scim) throw new Error('CurrentScim used on a route without ScimTokenGuard');
  return req.scim;
});
