import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  listRecordsQuerySchema,
  listSubmissionsQuerySchema,
  RECORDS_PAGE_SIZE_MAX,
  recordsPageResponseSchema,
  SUBMISSIONS_LIMIT_MAX,
  type ListRecordsQuery,
  type LastPushesResponse,
  type ListSubmissionsQuery,
  type SubmissionResponse,
  type SyncStatusResponse,
} from '@gatehouse/contracts';
import { z } from 'zod';
import type { SessionContext } from '../../common/http/auth-kind.js';
import { CurrentSession } from '../../common/http/current-session.js';
import { ZodPipe } from '../../common/http/zod-body.pipe.js';
import { IngestService } from './ingest.service.js';

/** What integrations pushed, for the integration details page. */
@ApiTags('ingest')
@Controller('api/integrations')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @Get(':id/sync-status')
  @ApiOperation({ summary: 'Per context: the last push (accepted or refused) and how many records the context holds now' })
  syncStatus(@CurrentSession() s: SessionContext, @Param('id') id: string): Promise<SyncStatusResponse> {
    return this.ingest.syncStatus(s.companyId, id);
  }

  @Get(':id/contexts/:contextKey/submissions')
  @ApiOperation({ summary: 'Pushes to one context, newest first, with the first errors of refused ones' })
  @ApiQuery({ name: 'limit', required: false, description: `1 to ${SUBMISSIONS_LIMIT_MAX}, default 20` })
  listSubmissions(
    @CurrentSession() s: SessionContext,
    @Param('id') id: string,
    @Param('contextKey') contextKey: string,
    @Query(new ZodPipe(listSubmissionsQuerySchema, 'Query')) query: ListSubmissionsQuery,
  ): Promise<SubmissionResponse[]> {
    return this.ingest.listSubmissions(s.companyId, id, contextKey, query.limit);
  }

  @Get(':id/contexts/:contextKey/records')
  @ApiOperation({ summary: "A page of a submission's records (the latest accepted one by default), with text search" })
  @ApiQuery({ name: 'submission', required: false, description: '`latest` (default) or a submission id' })
  @ApiQuery({ name: 'page', required: false, description: '1-based, default 1' })
  @ApiQuery({ name: 'pageSize', required: false, description: `1 to ${RECORDS_PAGE_SIZE_MAX}, default 50` })
  @ApiQuery({ name: 'q', required: false, description: "Case-insensitive text searched in each record's JSON" })
  @ApiOkResponse({ description: 'Each `data` is the record exactly as it was sent (also as a string in `json`)', schema: z.toJSONSchema(recordsPageResponseSchema, { io: 'input' }) as object })
  // The service builds the JSON text itself (records are spliced in as sent): sent as is.
  @Header('Content-Type', 'application/json; charset=utf-8')
  listRecords(
    @CurrentSession() s: SessionContext,
    @Param('id') id: string,
    @Param('contextKey') contextKey: string,
    @Query(new ZodPipe(listRecordsQuerySchema, 'Query')) query: ListRecordsQuery,
  ): Promise<string> {
    return this.ingest.listRecords(s.companyId, id, contextKey, query);
  }
}

/** Pushes across the company's integrations, for the Integrations page. */
@ApiTags('ingest')
@Controller('api/ingest')
export class IngestOverviewController {
  constructor(private readonly ingest: IngestService) {}

  @Get('last-pushes')
  @ApiOperation({ summary: "The newest push (accepted or refused) of each of the company's integrations that has one" })
  lastPushes(@CurrentSession() s: SessionContext): Promise<LastPushesResponse> {
    return this.ingest.lastPushes(s.companyId);
  }
}
