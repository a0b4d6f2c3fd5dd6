import { UseFilters, UseGuards, UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth } from '../../common/http/auth-kind.js';
import { ScimProxyInterceptor } from './proxy/scim-proxy.interceptor.js';
import { ScimExceptionFilter } from './scim-exception.filter.js';
import { ScimResponseInterceptor } from './scim-response.interceptor.js';
import { ScimTokenGuard } from './scim-token.guard.js';

/**
 * What every controller under /scim/v2/{connectorId} declares: the connector's SCIM token
 * (discovery included, so an unauthenticated caller cannot tell which connectors exist),
 * SCIM-shaped errors and the application/scim+json media type. A scim_proxy connector's
 * requests are forwarded to the app there (ScimProxyInterceptor) instead of reaching the route.
 */
export const ScimController = () =>
  applyDecorators(
    ApiTags('scim'),
    ApiBearerAuth('scim-token'),
    Auth('scim-token'),
    UseGuards(ScimTokenGuard),
    UseFilters(ScimExceptionFilter),
    UseInterceptors(ScimResponseInterceptor, ScimProxyInterceptor),
  );
