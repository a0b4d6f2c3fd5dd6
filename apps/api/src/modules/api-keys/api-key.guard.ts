import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { ApiKeyContext } from './api-key-context.js';
import { ApiKeyErrors } from './api-keys.errors.js';
import { API_KEY_STRATEGY } from './api-key.strategy.js';

/**
 * Guard for routes a company's integrations call with an API key. Use it together with
 * `@Auth('api-key')` (which tells the global session guard to stand aside); the resolved key is
 * on `req.apiKey` and `@CurrentApiKey()`.
 */
@Injectable()
export class ApiKeyGuard extends AuthGuard(API_KEY_STRATEGY) {
  override getAuthenticateOptions(_context: ExecutionContext) {
    return { session: false, property: 'apiKey' };
  }

  // Errors thrown by the strategy already say what is wrong; passport only "fails" without one
  // when the header is absent or empty.
  override handleRequest<TUser = ApiKeyContext>(err: unknown, user: TUser | false | null): TUser {
    if (err) throw err;
    if (!user) throw ApiKeyErrors.missing();
    return user;
  }
}
