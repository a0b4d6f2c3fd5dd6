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
@Controller('scim/v2/:connectorId/Users')
export class ScimUsersController {
  constructor(private readonly providers: ScimProviders) {}

  @Post()
  @ApiOperation({ summary: 'Provision a user (409 uniqueness for a taken userName)' })
  async create(@CurrentScim() ctx: ScimRequestContext, @Body() body: unknown, @Query() query: Query, @Res({ passthrough: true }) res: Response): Promise<JsonObject> {
    const user = await this.providers.users(ctx.connector).create(ctx, { body, projection: readProjection(query) });
    res.setHeader('Location', `${ctx.baseUrl}/Users/${String(user.id)}`);
    return user;
  }

  @Get()
  @ApiOperation({ summary: 'Users, with filter, startIndex/count and attributes/excludedAttributes' })
  list(@CurrentScim() ctx: ScimRequestContext, @Query() query: Query): Promise<ListResponse<JsonObject>> {
    return this.providers.users(ctx.connector).list(ctx, readListQuery(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  get(@CurrentScim() ctx: ScimRequestContext, @Param('id') id: string, @Query() query: Query): Promise<JsonObject> {
    return this.providers.users(ctx.connector).get(ctx, { id, projection: readProjection(query) });
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a user' })
  replace(@CurrentScim() ctx: ScimRequestContext, @Param('id') id: string, @Body() body: unknown, @Query() query: Query): Promise<JsonObject> {
    return this.providers.users(ctx.connector).replace(ctx, { id, body, projection: readProjection(query) });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a user with a PatchOp; 200 with the user, or 204 under the entra IdP profile unless attributes/excludedAttributes are given' })
  async patch(
    @CurrentScim() ctx: ScimRequestContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Query,
    @Res({ passthrough: true }) res: Response,
  ): Promise<JsonObject | undefined> {
    const user = await this.providers.users(ctx.connector).patch(ctx, { id, body, projection: readProjection(query) });
    if (user === null) {
      res.status(204);
      return undefined;
    }
    return user;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deprovision a user' })
  remove(@CurrentScim() ctx: ScimRequestContext, @Param('id') id: string): Promise<void> {
    return this.providers.users(ctx.connector).remove(ctx, id);
  }
}
