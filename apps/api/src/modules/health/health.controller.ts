import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthLiveResponse, HealthReadyResponse, HealthResponse } from '@gatehouse/contracts';
import type { Response } from 'express';
import { Public } from '../../common/http/auth-kind.js';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Database reachability and recently failing parts: 503 when the database fails, 200 "degraded" while the call log fails' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const result = await this.health.check();
    if (result.status === 'error') res.status(503);
    return result;
  }

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (never looks at the database)' })
  live(): HealthLiveResponse {
    return this.health.live();
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 while the database answers, 503 while it does not' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthReadyResponse> {
    const result = await this.health.ready();
    if (result.status !== 'ok') res.status(503);
    return result;
  }
}
