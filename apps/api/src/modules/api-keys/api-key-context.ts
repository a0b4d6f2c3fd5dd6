import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** What a valid API key resolves to. Ingest and other key-authenticated routes scope every query by `companyId`. */
export type ApiKeyContext = {
  keyId: string;
  keyName: string;
  companyId: string;
  expiresAt: Date;
};

export type ApiKeyRequest = Request & { apiKey?: ApiKeyContext };

/** The key `ApiKeyGuard` resolved for this request. */
export const CurrentApiKey = createParamDecorator((_: unknown, ctx: ExecutionContext): ApiKeyContext => {
  const req = ctx.switchToHttp().getRequest<ApiKeyRequest>();
  // A route marked @Auth('api-key') without the guard would otherwise run unauthenticated.
  if (!req.apiKey) throw new Error('CurrentApiKey used on a route without ApiKeyGuard');
  return req.apiKey;
});
