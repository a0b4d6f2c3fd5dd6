import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { ListResponse } from '@gatehouse/scim';
import { CurrentScim, type ScimRequestContext } from '../scim-context.js';
import { ScimDiscoveryService } from '../scim-discovery.service.js';
import type { JsonObject } from '../scim-resource.mapper.js';
import { ScimController } from '../scim-route.decorator.js';

// Paths are matched case-insensitively (Express's default), so /serviceproviderconfig works too.
@ScimController()
@Controller('scim/v2/:connectorId')
export class ScimDiscoveryController {
  constructor(private readonly discovery: ScimDiscoveryService) {}

  @Get('ServiceProviderConfig')
  @ApiOperation({ summary: 'SCIM features this server supports (RFC 7644 §4)' })
  serviceProviderConfig(@CurrentScim() ctx: ScimRequestContext): JsonObject {
    return this.discovery.serviceProviderConfig(ctx);
  }

  @Get('ResourceTypes')
  @ApiOperation({ summary: 'The User and Group resource types' })
  resourceTypes(@CurrentScim() ctx: ScimRequestContext): ListResponse<JsonObject> {
    return this.discovery.resourceTypes(ctx);
  }

  @Get('ResourceTypes/:name')
  @ApiOperation({ summary: 'One resource type' })
  resourceType(@CurrentScim() ctx: ScimRequestContext, @Param('name') name: string): JsonObject {
    return this.discovery.resourceType(ctx, name);
  }

  @Get('Schemas')
  @ApiOperation({ summary: 'User, EnterpriseUser and Group schemas' })
  schemas(@CurrentScim() ctx: ScimRequestContext): ListResponse<JsonObject> {
    return this.discovery.schemas(ctx);
  }

  @Get('Schemas/:id')
  @ApiOperation({ summary: 'One schema, by URN' })
  schema(@CurrentScim() ctx: ScimRequestContext, @Param('id') id: string): JsonObject {
    return this.discovery.schema(ctx, id);
  }
}
