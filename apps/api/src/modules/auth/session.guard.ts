import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTH_KIND, type AuthKind, type AuthedRequest } from '../../common/http/auth-kind.js';
import { readCookie } from '../../common/http/cookies.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { authCookies } from './auth-cookies.js';
import { AuthService } from './auth.service.js';

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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const kind = this.reflector.getAllAndOverride<AuthKind | undefined>(AUTH_KIND, [context.getHandler(), context.getClass()]) ?? 'session';
    if (kind !== 'session') return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const csrf = req.headers['x-csrf-token'];
    req.auth = await this.auth.authenticate(readCookie(req, authCookies(this.config).session), typeof csrf === 'string' ? csrf : undefined, !SAFE_METHODS.has(req.method));
    return true;
  }
}
