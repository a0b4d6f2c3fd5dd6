import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { IntegrationsModule } from '../integrations/integrations.module.js';
import { IngestRecord } from './entities/ingest-record.entity.js';
import { IngestSubmission } from './entities/ingest-submission.entity.js';
import { IngestExternalController } from './ingest-external.controller.js';
import { IngestController, IngestOverviewController } from './ingest.controller.js';
import { IngestRepository } from './ingest.repository.js';
import { IngestService } from './ingest.service.js';
import { SubmitEvidence } from './submit-evidence.use-case.js';

/**
 * Evidence ingest: integrations push a context's complete dataset with an API key
 * (SubmitEvidence); admins read the history, the sync status and the records.
 */
@Module({
  imports: [TypeOrmModule.forFeature([IngestSubmission, IngestRecord]), ApiKeysModule, IntegrationsModule],
  controllers: [IngestExternalController, IngestController, IngestOverviewController],
  providers: [SubmitEvidence, IngestRepository, IngestService],
  exports: [SubmitEvidence],
})
export class IngestModule {}
