import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthedRequest, SessionContext } from './auth-kind.js';

/** The admin session the global guard resolved for this request. */
export const CurrentSession = createParamDecorator((_: unknown, ctx: ExecutionContext): SessionContext => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.auth) throw new Error('CurrentSession used on a route without a session guard');
  return req.auth;
});
