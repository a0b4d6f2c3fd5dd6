import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogSeeder } from './catalog-seeder.service.js';
import { MonitoringCategoryEntity } from './entities/monitoring-category.entity.js';
import { MonitoringContextLinkEntity } from './entities/monitoring-context-link.entity.js';
import { MonitoringContextEntity } from './entities/monitoring-context.entity.js';
import { MonitoringEntity } from './entities/monitoring.entity.js';
import { SchemasController } from './schemas.controller.js';
import { SchemasService } from './schemas.service.js';

/**
 * The monitoring catalog: served from @gatehouse/schemas, and copied into its tables at start
 * so integrations can reference monitorings by foreign key.
 */
@Module({
  imports: [TypeOrmModule.forFeature([MonitoringCategoryEntity, MonitoringEntity, MonitoringContextEntity, MonitoringContextLinkEntity])],
  controllers: [SchemasController],
  providers: [SchemasService, CatalogSeeder],
  exports: [SchemasService, CatalogSeeder],
})
export class SchemasModule {}
