import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTH_KIND, type AuthKind, type AuthedRequest } from '../../common/http/auth-kind.js';
import { readCookie } from '../../common/http/cookies.js';
import { AuthService } from './auth.service.js';

export const SESSION_COOKIE = 'gh_session';
export const CSRF_COOKIE = 'gh_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard: every route needs an admin session unless it declares another way in
 * (`@Public()`, `@Auth('api-key')`, `@Auth('scim-token')`), which its own guard then enforces.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const kind = this.reflector.getAllAndOverride<AuthKind | undefined>(AUTH_KIND, [context.getHandler(), context.getClass()]) ?? 'session';
    if (kind !== 'session') return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const csrf = req.headers['x-csrf-token'];
    req.auth = await this.auth.authenticate(readCookie(req, SESSION_COOKIE), typeof csrf === 'string' ? csrf : undefined, !SAFE_METHODS.has(req.method));
    return true;
  }
}
