import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createApiKeyRequestSchema, type ApiKeyResponse, type CreateApiKeyRequest, type CreatedApiKeyResponse } from '@gatehouse/contracts';
import { z } from 'zod';
import type { SessionContext } from '../../common/http/auth-kind.js';
import { CurrentSession } from '../../common/http/current-session.js';
import { ZodPipe } from '../../common/http/zod-body.pipe.js';
import { ApiKeysService } from './api-keys.service.js';

@ApiTags('api-keys')
@Controller('api/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: "The company's API keys (never the keys themselves)" })
  list(@CurrentSession() s: SessionContext): Promise<ApiKeyResponse[]> {
    return this.apiKeys.list(s.companyId);
  }

  @Post()
  // The answer carries the plaintext key: no cache may keep it.
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Create an API key; the key is in this answer only' })
  @ApiBody({ schema: z.toJSONSchema(createApiKeyRequestSchema, { io: 'input' }) as object })
  create(@CurrentSession() s: SessionContext, @Body(new ZodPipe(createApiKeyRequestSchema)) body: CreateApiKeyRequest): Promise<CreatedApiKeyResponse> {
    return this.apiKeys.create(s, body);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API key; it stops working on the next request' })
  revoke(@CurrentSession() s: SessionContext, @Param('id') id: string): Promise<ApiKeyResponse> {
    return this.apiKeys.revoke(s.companyId, id);
  }
}
