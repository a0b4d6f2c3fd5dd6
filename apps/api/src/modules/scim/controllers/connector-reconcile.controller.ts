import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { reconcileLinkRequestSchema, type ReconcileLinkRequest, type ReconcileLinkResponse, type ReconcileResponse } from '@gatehouse/contracts';
import { z } from 'zod';
import type { SessionContext } from '../../../common/http/auth-kind.js';
import { CurrentSession } from '../../../common/http/current-session.js';
import { ZodPipe } from '../../../common/http/zod-body.pipe.js';
import { ReconcileAccounts } from '../use-cases/reconcile-accounts.use-case.js';

@ApiTags('connectors')
@Controller('api/connectors/:id/reconcile')
export class ConnectorReconcileController {
  constructor(private readonly reconcile: ReconcileAccounts) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: "Import accounts: the app's users and groups (list_users / list_groups, one answer each) matched to what the IdP provisioned" })
  review(@CurrentSession() s: SessionContext, @Param('id') id: string): Promise<ReconcileResponse> {
    return this.reconcile.review(s.companyId, id);
  }

  @Post('link')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link a provisioned user or group to an account the app lists: later SCIM changes go to that account' })
  @ApiBody({ schema: z.toJSONSchema(reconcileLinkRequestSchema, { io: 'input' }) as object })
  link(@CurrentSession() s: SessionContext, @Param('id') id: string, @Body(new ZodPipe(reconcileLinkRequestSchema)) body: ReconcileLinkRequest): Promise<ReconcileLinkResponse> {
    return this.reconcile.link(s.companyId, id, body);
  }
}
