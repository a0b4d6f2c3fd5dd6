import { All, Controller, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { ScimController } from '../scim-route.decorator.js';
import { ScimErrors } from '../scim.errors.js';

/**
 * Anything else under a connector's SCIM base URL (/Bulk, /.search, /Me, …): a SCIM 404 once
 * the token checks out, rather than the admin API's error shape. Registered after the others.
 */
@ApiExcludeController()
@ScimController()
@Controller('scim/v2/:connectorId')
export class ScimFallbackController {
  @All('*path')
  notFound(@Req() req: Request): never {
    throw ScimErrors.noEndpoint(req.method, req.path);
  }
}
