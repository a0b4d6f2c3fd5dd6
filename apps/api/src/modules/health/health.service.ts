import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthResponse } from '@gatehouse/contracts';
import { DataSource } from 'typeorm';

@Injectable()
export class HealthService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async check(): Promise<HealthResponse> {
    const db = await this.db.query('SELECT 1').then(
      () => 'ok' as const,
      () => 'error' as const,
    );
    return { status: db, db };
  }
}
