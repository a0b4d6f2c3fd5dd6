import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { WhoamiResponse } from '@gatehouse/contracts';
import { Auth } from '../../common/http/auth-kind.js';
import { CurrentApiKey, type ApiKeyContext } from './api-key-context.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeysService } from './api-keys.service.js';

@ApiTags('external')
@ApiSecurity('api-key')
@Auth('api-key')
@UseGuards(ApiKeyGuard)
@Controller('external/v2')
export class ApiKeysExternalController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get('whoami')
  @ApiOperation({ summary: 'The company and key an API key resolves to, to check an integration is set up right' })
  whoami(@CurrentApiKey() key: ApiKeyContext): Promise<WhoamiResponse> {
    return this.apiKeys.whoami(key);
  }
}
