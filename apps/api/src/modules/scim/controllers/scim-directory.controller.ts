import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { listScimResourcesQuerySchema, type ListScimResourcesQuery, type ScimGroupListResponse, type ScimUserListResponse } from '@gatehouse/contracts';
import type { SessionContext } from '../../../common/http/auth-kind.js';
import { CurrentSession } from '../../../common/http/current-session.js';
import { ZodPipe } from '../../../common/http/zod-body.pipe.js';
import { ScimDirectory } from '../scim-directory.service.js';

@ApiTags('connectors')
@Controller('api/connectors/:id')
export class ScimDirectoryController {
  constructor(private readonly directory: ScimDirectory) {}

  @Get('scim-users')
  @ApiOperation({ summary: 'Users the identity provider provisioned through the connector, with their downstream ids; newest first, q searches' })
  users(
    @CurrentSession() s: SessionContext,
    @Param('id') id: string,
    @Query(new ZodPipe(listScimResourcesQuerySchema, 'Query')) query: ListScimResourcesQuery,
  ): Promise<ScimUserListResponse> {
    return this.directory.listUsers(s.companyId, id, query);
  }

  @Get('scim-groups')
  @ApiOperation({ summary: 'Groups the identity provider provisioned through the connector, with downstream ids and member counts' })
  groups(
    @CurrentSession() s: SessionContext,
    @Param('id') id: string,
    @Query(new ZodPipe(listScimResourcesQuerySchema, 'Query')) query: ListScimResourcesQuery,
  ): Promise<ScimGroupListResponse> {
    return this.directory.listGroups(s.companyId, id, query);
  }
}
