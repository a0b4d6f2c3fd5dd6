import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthLiveResponse, HealthReadyResponse, HealthResponse } from '@gatehouse/contracts';
import { DataSource } from 'typeorm';
import { PartHealth } from './part-health.js';

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly parts: PartHealth,
  ) {}

  live(): HealthLiveResponse {
    return { status: 'ok' };
  }

  async ready(): Promise<HealthReadyResponse> {
    const db = await this.database();
    return { status: db, db };
  }

  async check(): Promise<HealthResponse> {
    const db = await this.database();
    const callLogFailure = this.parts.degradedSince('callLog');
    const callLog = callLogFailure ? 'degraded' : 'ok';
    const status = db === 'error' ? 'error' : callLog === 'degraded' ? 'degraded' : 'ok';
    return { status, db, callLog, callLogLastFailureAt: callLogFailure?.toISOString() ?? null };
  }

  private database(): Promise<'ok' | 'error'> {
    return this.db.query('SELECT 1').then(
      () => 'ok' as const,
      () => 'error' as const,
    );
  }
}
