import { Controller, Get, Header, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ScimTokenIssuedResponse, ScimTokenStatusResponse } from '@gatehouse/contracts';
import type { SessionContext } from '../../../common/http/auth-kind.js';
import { CurrentSession } from '../../../common/http/current-session.js';
import { ScimTokenService } from '../scim-token.service.js';

@ApiTags('connectors')
@Controller('api/connectors/:id/scim-token')
export class ScimTokenController {
  constructor(private readonly tokens: ScimTokenService) {}

  @Post()
  // The answer carries the plaintext token: no cache may keep it.
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: "Issue (or rotate) the connector's SCIM token for the identity provider; shown in this answer only" })
  issue(@CurrentSession() s: SessionContext, @Param('id') id: string): Promise<ScimTokenIssuedResponse> {
    return this.tokens.issue(s.companyId, id);
  }

  @Get()
  @ApiOperation({ summary: 'Whether the connector has a SCIM token, when it was issued and last used, and the SCIM base URL' })
  status(@CurrentSession() s: SessionContext, @Param('id') id: string): Promise<ScimTokenStatusResponse> {
    return this.tokens.status(s.companyId, id);
  }
}
