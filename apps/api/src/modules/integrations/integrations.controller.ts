import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  createIntegrationRequestSchema,
  listIntegrationsQuerySchema,
  replaceIntegrationMonitoringsRequestSchema,
  updateIntegrationRequestSchema,
  VALIDATION_MAX_ERRORS,
  VALIDATION_UPLOAD_MAX_BYTES,
  type IntegrationDetail,
  type IntegrationListItem,
  type ListIntegrationsQuery,
  type ValidationResultResponse,
} from '@gatehouse/contracts';
import type { Request } from 'express';
import { z } from 'zod';
import type { SessionContext } from '../../common/http/auth-kind.js';
import { CurrentSession } from '../../common/http/current-session.js';
import { assertSafeText } from '../../common/http/safe-text.js';
import { ZodPipe } from '../../common/http/zod-body.pipe.js';
import { IntegrationValidationService, type ValidationInput } from './integration-validation.service.js';
import { IntegrationErrors } from './integrations.errors.js';
import { IntegrationsService } from './integrations.service.js';
import { SingleFileUpload, type ChunkedFile } from './single-file-upload.interceptor.js';

type CreateBody = z.output<typeof createIntegrationRequestSchema>;
type UpdateBody = z.output<typeof updateIntegrationRequestSchema>;
type ReplaceMonitoringsBody = z.output<typeof replaceIntegrationMonitoringsRequestSchema>;

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object;

@ApiTags('integrations')
@Controller('api/integrations')
export class IntegrationsController {
  constructor(
    private readonly integrations: IntegrationsService,
    private readonly validation: IntegrationValidationService,
  ) {}

  @Get()
  @ApiOperation({ summary: "The company's integrations, as cards" })
  @ApiQuery({ name: 'q', required: false, description: 'Part of the name (case-insensitive)' })
  @ApiQuery({ name: 'category', required: false, description: '`custom` for custom integrations, or a monitoring category key' })
  list(@CurrentSession() s: SessionContext, @Query(new ZodPipe(listIntegrationsQuerySchema, 'Query')) query: ListIntegrationsQuery): Promise<IntegrationListItem[]> {
    return this.integrations.list(s.companyId, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a custom integration from a name and a selection of monitorings' })
  @ApiBody({ schema: jsonSchema(createIntegrationRequestSchema) })
  create(@CurrentSession() s: SessionContext, @Body(new ZodPipe(createIntegrationRequestSchema)) body: CreateBody): Promise<IntegrationDetail> {
    return this.integrations.create(s, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An integration with, per context, its schema, endpoint, headers, sample body and curl example' })
  get(@CurrentSession() s: SessionContext, @Param('id') id: string): Promise<IntegrationDetail> {
    return this.integrations.get(s.companyId, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename an integration or change its description' })
  @ApiBody({ schema: jsonSchema(updateIntegrationRequestSchema) })
  update(@CurrentSession() s: SessionContext, @Param('id') id: string, @Body(new ZodPipe(updateIntegrationRequestSchema)) body: UpdateBody): Promise<IntegrationDetail> {
    return this.integrations.update(s.companyId, id, body);
  }

  @Put(':id/monitorings')
  @ApiOperation({ summary: "Replace an integration's monitoring selection (its contexts and endpoints follow)" })
  @ApiBody({ schema: jsonSchema(replaceIntegrationMonitoringsRequestSchema) })
  replaceMonitorings(
    @CurrentSession() s: SessionContext,
    @Param('id') id: string,
    @Body(new ZodPipe(replaceIntegrationMonitoringsRequestSchema)) body: ReplaceMonitoringsBody,
  ): Promise<IntegrationDetail> {
    return this.integrations.replaceMonitorings(s.companyId, id, body.monitoringIds, body.confirmRemovingContexts);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an integration with its selection and logo' })
  remove(@CurrentSession() s: SessionContext, @Param('id') id: string): Promise<void> {
    return this.integrations.remove(s.companyId, id);
  }

  @Post(':id/contexts/:contextKey/validate')
  @HttpCode(200)
  @UseInterceptors(SingleFileUpload({ field: 'file', maxBytes: VALIDATION_UPLOAD_MAX_BYTES, tooLarge: IntegrationErrors.validationFileTooLarge, keep: 'chunks' }))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiOperation({
    summary: 'Check a request body against one context of the integration; nothing is stored',
    description:
      `Upload the JSON file as multipart/form-data in the field \`file\` (up to ${VALIDATION_UPLOAD_MAX_BYTES / 1024 / 1024} MB), ` +
      'or send the request body itself as application/json (up to 1 MB, the limit of every /api JSON body; a body that is not ' +
      'valid JSON is refused with 400 before validation, while an uploaded file that is not JSON answers valid: false with the ' +
      `line and column). The answer lists at most ${VALIDATION_MAX_ERRORS} errors; errorCount counts all of them.`,
  })
  @ApiBody({
    schema: {
      oneOf: [
        { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
        { type: 'object', properties: { data: { type: 'array', items: { type: 'object' } } }, required: ['data'] },
      ],
    },
  })
  validate(
    @CurrentSession() s: SessionContext,
    @Param('id') id: string,
    @Param('contextKey') contextKey: string,
    @UploadedFile() file: ChunkedFile | undefined,
    @Req() req: Request,
  ): Promise<ValidationResultResponse> {
    return this.validation.validate(s.companyId, id, contextKey, validationInput(file, req));
  }
}

function validationInput(file: ChunkedFile | undefined, req: Request): ValidationInput {
  if (file) return { kind: 'file', chunks: file.chunks };
  if (req.is(['application/json', 'application/*+json'])) {
    // Read here rather than as a @Body, so the global text rules are applied here: a record the
    // ingest route would refuse for its text must not be called valid.
    assertSafeText('body', req.body);
    const raw = (req as Request & { rawBody?: Buffer }).rawBody;
    return { kind: 'json', chunks: [raw ?? Buffer.from(JSON.stringify(req.body ?? null))] };
  }
  return { kind: 'none' };
}
