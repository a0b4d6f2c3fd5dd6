import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';
import { PartHealth } from './part-health.js';

// Global: any module reports a failing part (PartHealth) without importing this one.
@Global()
@Module({ controllers: [HealthController], providers: [HealthService, PartHealth], exports: [PartHealth] })
export class HealthModule {}
