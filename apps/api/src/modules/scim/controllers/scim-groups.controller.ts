import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { ListResponse } from '@gatehouse/scim';
import type { Response } from 'express';
import { CurrentScim, type ScimRequestContext } from '../scim-context.js';
import { readListQuery, readProjection } from '../scim-list-query.js';
import { ScimProviders } from '../scim-providers.js';
import type { JsonObject } from '../scim-resource.mapper.js';
import { ScimController } from '../scim-route.decorator.js';

type Query = Record<string, unknown>;

@ScimController()
@Controller('scim/v2/:connectorId/Groups')
export class ScimGroupsController {
  constructor(private readonly providers: ScimProviders) {}

  @Post()
  @ApiOperation({ summary: 'Provision a group, with its members if given' })
  async create(@CurrentScim() ctx: ScimRequestContext, @Body() body: unknown, @Query() query: Query, @Res({ passthrough: true }) res: Response): Promise<JsonObject> {
    const group = await this.providers.groups(ctx.connector).create(ctx, { body, projection: readProjection(query) });
    res.setHeader('Location', `${ctx.baseUrl}/Groups/${String(group.id)}`);
    return group;
  }

  @Get()
  @ApiOperation({ summary: 'Groups, with filter, paging and excludedAttributes=members' })
  list(@CurrentScim() ctx: ScimRequestContext, @Query() query: Query): Promise<ListResponse<JsonObject>> {
    return this.providers.groups(ctx.connector).list(ctx, readListQuery(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One group' })
  get(@CurrentScim() ctx: ScimRequestContext, @Param('id') id: string, @Query() query: Query): Promise<JsonObject> {
    return this.providers.groups(ctx.connector).get(ctx, { id, projection: readProjection(query) });
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a group (name and complete member list)' })
  replace(@CurrentScim() ctx: ScimRequestContext, @Param('id') id: string, @Body() body: unknown, @Query() query: Query): Promise<JsonObject> {
    return this.providers.groups(ctx.connector).replace(ctx, { id, body, projection: readProjection(query) });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a group with a PatchOp; 200 with the group, or 204 under the entra IdP profile unless attributes/excludedAttributes are given' })
  async patch(
    @CurrentScim() ctx: ScimRequestContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Query,
    @Res({ passthrough: true }) res: Response,
  ): Promise<JsonObject | undefined> {
    const group = await this.providers.groups(ctx.connector).patch(ctx, { id, body, projection: readProjection(query) });
    if (group === null) {
      res.status(204);
      return undefined;
    }
    return group;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deprovision a group' })
  remove(@CurrentScim() ctx: ScimRequestContext, @Param('id') id: string): Promise<void> {
    return this.providers.groups(ctx.connector).remove(ctx, id);
  }
}
