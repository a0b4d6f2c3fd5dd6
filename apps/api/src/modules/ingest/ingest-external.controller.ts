import { Controller, Headers, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ingestAcceptedResponseSchema, type IngestAcceptedResponse } from '@gatehouse/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Auth } from '../../common/http/auth-kind.js';
import { CurrentApiKey, type ApiKeyContext } from '../api-keys/api-key-context.js';
import { ApiKeyGuard } from '../api-keys/api-key.guard.js';
import { SubmitEvidence } from './submit-evidence.use-case.js';

@ApiTags('external')
@ApiSecurity('api-key')
@Auth('api-key')
@UseGuards(ApiKeyGuard)
@Controller('external/v2')
export class IngestExternalController {
  constructor(private readonly submitEvidence: SubmitEvidence) {}

  // The body is read by SubmitEvidence from the raw stream: no body parser runs on /external.
  @Post('integration/:integrationId/context/:contextKey')
  @HttpCode(200)
  @ApiOperation({ summary: "Submit the complete set of a context's records ({\"data\": [...]}); it replaces the previous submission" })
  @ApiOkResponse({ schema: z.toJSONSchema(ingestAcceptedResponseSchema) as object })
  @ApiConsumes('application/json')
  @ApiBody({ schema: { type: 'object', required: ['data'], properties: { data: { type: 'array', items: { type: 'object' } } } } })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key and body within 24 h returns the first answer' })
  @ApiHeader({ name: 'Content-Encoding', required: false, description: 'gzip is accepted' })
  async submit(
    @CurrentApiKey() apiKey: ApiKeyContext,
    @Param('integrationId') integrationId: string,
    @Param('contextKey') contextKey: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IngestAcceptedResponse> {
    const result = await this.submitEvidence.execute({ apiKey, integrationId, contextKey, idempotencyKey, request });
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.response;
  }
}
