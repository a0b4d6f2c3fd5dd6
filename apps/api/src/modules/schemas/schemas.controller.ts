import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { listMonitoringsQuerySchema, type ListMonitoringsQuery, type MonitoringCategoryResponse, type MonitoringResponse } from '@gatehouse/contracts';
import { ZodPipe } from '../../common/http/zod-body.pipe.js';
import { SchemasService } from './schemas.service.js';

@ApiTags('monitorings')
@Controller('api')
export class SchemasController {
  constructor(private readonly schemas: SchemasService) {}

  @Get('monitoring-categories')
  @ApiOperation({ summary: 'Categories of the monitoring catalog, with how many monitorings each holds' })
  categories(): MonitoringCategoryResponse[] {
    return this.schemas.listCategories();
  }

  @Get('monitorings')
  @ApiOperation({ summary: 'Monitorings of the catalog, with their contexts and record schemas' })
  @ApiQuery({ name: 'category', required: false, description: 'Category key, e.g. hr; an unknown key matches nothing' })
  @ApiQuery({ name: 'q', required: false, description: 'Words that must all appear in the name or description (case-insensitive)' })
  monitorings(@Query(new ZodPipe(listMonitoringsQuerySchema, 'Query')) query: ListMonitoringsQuery): MonitoringResponse[] {
    return this.schemas.listMonitorings(query);
  }
}
