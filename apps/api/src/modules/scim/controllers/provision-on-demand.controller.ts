import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { provisionUserRequestSchema, type ProvisionUserRequest, type ProvisionUserResponse } from '@gatehouse/contracts';
import { z } from 'zod';
import type { SessionContext } from '../../../common/http/auth-kind.js';
import { CurrentSession } from '../../../common/http/current-session.js';
import { ZodPipe } from '../../../common/http/zod-body.pipe.js';
import { ProvisionOnDemandUseCase } from '../use-cases/provision-on-demand.use-case.js';

@ApiTags('connectors')
@Controller('api/connectors/:id')
export class ProvisionOnDemandController {
  constructor(private readonly onDemand: ProvisionOnDemandUseCase) {}

  @Post('provision-user')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create or update one SCIM user as the identity provider would, through the real provisioning path; returns the SCIM answer and every call made' })
  @ApiBody({ schema: z.toJSONSchema(provisionUserRequestSchema, { io: 'input' }) as object })
  provisionUser(@CurrentSession() s: SessionContext, @Param('id') id: string, @Body(new ZodPipe(provisionUserRequestSchema)) body: ProvisionUserRequest): Promise<ProvisionUserResponse> {
    return this.onDemand.provisionUser(s.companyId, id, body);
  }
}
