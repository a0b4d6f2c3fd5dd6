import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { ScimRequest } from './scim-context.js';
import { bearerToken } from './scim-token-format.js';
import { ScimTokenService } from './scim-token.service.js';

/**
 * Guard for the SCIM routes (`@Auth('scim-token')` tells the global session guard to stand
 * aside): the bearer token must be the one issued for the connector in the URL.
 */
@Injectable()
export class ScimTokenGuard implements CanActivate {
  constructor(private readonly tokens: ScimTokenService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<ScimRequest>();
    const connectorId = typeof req.params?.connectorId === 'string' ? req.params.connectorId : '';
    req.scim = await this.tokens.authenticate(bearerToken(req.headers.authorization), connectorId);
    return true;
  }
}
