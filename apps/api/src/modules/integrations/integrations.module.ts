import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SchemasModule } from '../schemas/schemas.module.js';
import { Integration } from './entities/integration.entity.js';
import { IntegrationLogo } from './entities/integration-logo.entity.js';
import { IntegrationMonitoring } from './entities/integration-monitoring.entity.js';
import { IntegrationLogoController } from './integration-logo.controller.js';
import { IntegrationLogoService } from './integration-logo.service.js';
import { IntegrationValidationService } from './integration-validation.service.js';
import { IntegrationsController } from './integrations.controller.js';
import { IntegrationsService } from './integrations.service.js';

/**
 * Custom integrations: a name, a logo and a selection of catalog monitorings, whose contexts
 * become the integration's ingest endpoints. The ingest module resolves a request through
 * `IntegrationsService.findContextForCompany`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Integration, IntegrationMonitoring, IntegrationLogo]), SchemasModule],
  controllers: [IntegrationsController, IntegrationLogoController],
  providers: [IntegrationsService, IntegrationLogoService, IntegrationValidationService],
  exports: [IntegrationsService],
})
export class IntegrationsModule {}
