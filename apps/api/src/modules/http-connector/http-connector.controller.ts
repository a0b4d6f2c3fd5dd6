import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  copyConnectorRequestSchema,
  createConnectorRequestSchema,
  listConnectorCallsQuerySchema,
  previewConnectorRequestSchema,
  setConnectorSecretRequestSchema,
  testConnectorRequestSchema,
  updateConnectorRequestSchema,
  type ConnectorCallDetailResponse,
  type ConnectorCallListResponse,
  type ConnectorListResponse,
  type ConnectorResponse,
  type ConnectorStatusResponse,
  type CopyConnectorRequest,
  type CreateConnectorRequest,
  type ListConnectorCallsQuery,
  type PreviewConnectorRequest,
  type PreviewConnectorResponse,
  type SetConnectorSecretRequest,
  type TestConnectorRequest,
  type TestConnectorResponse,
  type UpdateConnectorRequest,
} from '@gatehouse/contracts';
import { z } from 'zod';
import type { SessionContext } from '../../common/http/auth-kind.js';
import { CurrentSession } from '../../common/http/current-session.js';
import { ZodPipe } from '../../common/http/zod-body.pipe.js';
import { ConnectorPreviewService } from './connector-preview.service.js';
import { HttpConnectorService } from './http-connector.service.js';

const schema = (s: z.ZodType) => ({ schema: z.toJSONSchema(s, { io: 'input' }) as object });

@ApiTags('connectors')
@Controller('api/connectors')
export class HttpConnectorController {
  constructor(
    private readonly connectors: HttpConnectorService,
    private readonly tools: ConnectorPreviewService,
  ) {}

  @Get()
  @ApiOperation({ summary: "The company's connectors (secrets never included)" })
  list(@CurrentSession() s: SessionContext): Promise<ConnectorListResponse> {
    return this.connectors.list(s.companyId);
  }

  @Post()
  @ApiOperation({ summary: 'Create a connector; an enabled one must pass validation' })
  @ApiBody(schema(createConnectorRequestSchema))
  create(@CurrentSession() s: SessionContext, @Body(new ZodPipe(createConnectorRequestSchema)) body: CreateConnectorRequest): Promise<ConnectorResponse> {
    return this.connectors.create(s.companyId, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One connector' })
  get(@CurrentSession() s: SessionContext, @Param('id') id: string): Promise<ConnectorResponse> {
    return this.connectors.get(s.companyId, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a connector; objects are replaced whole; an enabled one must pass validation' })
  @ApiBody(schema(updateConnectorRequestSchema))
  update(@CurrentSession() s: SessionContext, @Param('id') id: string, @Body(new ZodPipe(updateConnectorRequestSchema)) body: UpdateConnectorRequest): Promise<ConnectorResponse> {
    return this.connectors.update(s.companyId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a connector and its call log' })
  remove(@CurrentSession() s: SessionContext, @Param('id') id: string): Promise<void> {
    return this.connectors.remove(s.companyId, id);
  }

  @Put(':id/secret')
  @ApiOperation({ summary: 'Set the secret (token, API key, password or OAuth client secret); stored encrypted, never returned' })
  @ApiBody(schema(setConnectorSecretRequestSchema))
  setSecret(@CurrentSession() s: SessionContext, @Param('id') id: string, @Body(new ZodPipe(setConnectorSecretRequestSchema)) body: SetConnectorSecretRequest): Promise<ConnectorResponse> {
    return this.connectors.setSecret(s.companyId, id, body);
  }

  @Post(':id/copy')
  @ApiOperation({ summary: 'Copy the non-secret settings into a new, disabled connector' })
  @ApiBody(schema(copyConnectorRequestSchema))
  copy(@CurrentSession() s: SessionContext, @Param('id') id: string, @Body(new ZodPipe(copyConnectorRequestSchema)) body: CopyConnectorRequest): Promise<ConnectorResponse> {
    return this.connectors.copy(s.companyId, id, body);
  }

  @Post(':id/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Render an operation without calling the downstream app; optionally read a sample response' })
  @ApiBody(schema(previewConnectorRequestSchema))
  preview(@CurrentSession() s: SessionContext, @Param('id') id: string, @Body(new ZodPipe(previewConnectorRequestSchema)) body: PreviewConnectorRequest): Promise<PreviewConnectorResponse> {
    return this.tools.preview(s.companyId, id, body);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Call the downstream app once (mutating methods need acknowledgeSideEffects) or fetch an OAuth token' })
  @ApiBody(schema(testConnectorRequestSchema))
  test(@CurrentSession() s: SessionContext, @Param('id') id: string, @Body(new ZodPipe(testConnectorRequestSchema)) body: TestConnectorRequest): Promise<TestConnectorResponse> {
    return this.tools.test(s.companyId, id, body);
  }

  @Get(':id/status')
  @ApiOperation({ summary: "A connector's last call and last error (cheap to poll; the same values as its call log)" })
  status(@CurrentSession() s: SessionContext, @Param('id') id: string): Promise<ConnectorStatusResponse> {
    return this.connectors.status(s.companyId, id);
  }

  @Get(':id/calls')
  @ApiOperation({ summary: 'Outbound calls of a connector, newest first, paged with cursor; filters: operation, status (e.g. 503, 5xx, ok, error), scimUserId, scimGroupId' })
  listCalls(
    @CurrentSession() s: SessionContext,
    @Param('id') id: string,
    @Query(new ZodPipe(listConnectorCallsQuerySchema, 'Query')) query: ListConnectorCallsQuery,
  ): Promise<ConnectorCallListResponse> {
    return this.connectors.listCalls(s.companyId, id, query);
  }

  @Get(':id/calls/:callId')
  @ApiOperation({ summary: 'One call with its request and answer (headers, first 64 kB of each body), secrets masked' })
  getCall(@CurrentSession() s: SessionContext, @Param('id') id: string, @Param('callId') callId: string): Promise<ConnectorCallDetailResponse> {
    return this.connectors.getCall(s.companyId, id, callId);
  }
}
