import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Company } from '../companies/entities/company.entity.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeyStrategy } from './api-key.strategy.js';
import { ApiKeysExternalController } from './api-keys-external.controller.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKey } from './entities/api-key.entity.js';

/**
 * Company API keys for integrations. Other modules protect a route with
 * `@Auth('api-key')` + `@UseGuards(ApiKeyGuard)` and read the caller with `@CurrentApiKey()`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey, Company])],
  controllers: [ApiKeysController, ApiKeysExternalController],
  providers: [ApiKeysService, ApiKeyStrategy, ApiKeyGuard],
  exports: [ApiKeysService, ApiKeyGuard],
})
export class ApiKeysModule {}
