import { Injectable } from '@nestjs/common';
import { MAX_PAGE_SIZE, listResponse, resourceTypes, schemas, serviceProviderConfig, type ListResponse } from '@gatehouse/scim';
import type { ScimRequestContext } from './scim-context.js';
import type { JsonObject } from './scim-resource.mapper.js';
import { ScimErrors } from './scim.errors.js';

/**
 * RFC 7644 §4 discovery documents for one connector's base URL. They say what this server
 * does: filters and PATCH yes; bulk, sort, ETag preconditions and password changes no.
 */
@Injectable()
export class ScimDiscoveryService {
  serviceProviderConfig(ctx: ScimRequestContext): JsonObject {
    return serviceProviderConfig({ baseUrl: ctx.baseUrl, maxResults: MAX_PAGE_SIZE });
  }

  resourceTypes(ctx: ScimRequestContext): ListResponse<JsonObject> {
    return listResponse(resourceTypes(ctx.baseUrl) as unknown as JsonObject[]);
  }

  resourceType(ctx: ScimRequestContext, name: string): JsonObject {
    const found = resourceTypes(ctx.baseUrl).find((t) => t.id.toLowerCase() === name.toLowerCase());
    if (!found) throw ScimErrors.resourceTypeNotFound(name);
    return found as unknown as JsonObject;
  }

  schemas(ctx: ScimRequestContext): ListResponse<JsonObject> {
    return listResponse(schemas(ctx.baseUrl) as unknown as JsonObject[]);
  }

  schema(ctx: ScimRequestContext, id: string): JsonObject {
    const found = schemas(ctx.baseUrl).find((s) => s.id.toLowerCase() === id.toLowerCase());
    if (!found) throw ScimErrors.schemaNotFound(id);
    return found as unknown as JsonObject;
  }
}
