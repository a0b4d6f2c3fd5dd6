import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { INTEGRATION_LOGO_MAX_BYTES, type IntegrationDetail, type IntegrationLogoMediaType } from '@gatehouse/contracts';
import type { DataSource, Repository } from 'typeorm';
import { IntegrationLogo } from './entities/integration-logo.entity.js';
import { IntegrationErrors } from './integrations.errors.js';
import { IntegrationsService } from './integrations.service.js';
import { logoRefusal, sniffLogo } from './logo-image.js';

export interface LogoFile {
  bytes: Buffer;
  mediaType: IntegrationLogoMediaType;
  sha256: string;
}

@Injectable()
export class IntegrationLogoService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(IntegrationLogo) private readonly logos: Repository<IntegrationLogo>,
    private readonly integrations: IntegrationsService,
  ) {}

  /** Replaces the logo. The type comes from the bytes; the name and client MIME type are ignored. */
  async put(companyId: string, integrationId: string, upload: Buffer | undefined): Promise<IntegrationDetail> {
    await this.integrations.requireIntegration(companyId, integrationId);
    if (!upload) throw IntegrationErrors.logoMissingFile();
    if (upload.length > INTEGRATION_LOGO_MAX_BYTES) throw IntegrationErrors.logoTooLarge();
    const sniffed = sniffLogo(upload);
    if (!sniffed.accepted) throw IntegrationErrors.logoRefused(logoRefusal(sniffed.detected));
    const sha256 = createHash('sha256').update(upload).digest('hex');
    await this.db.transaction(async (em) => {
      await this.integrations.requireIntegration(companyId, integrationId, em, true);
      await em
        .createQueryBuilder()
        .insert()
        .into(IntegrationLogo)
        .values({ integrationId, mediaType: sniffed.mediaType, bytes: upload, sizeBytes: upload.length, sha256, updatedAt: () => 'now()' })
        .orUpdate(['media_type', 'bytes', 'size_bytes', 'sha256', 'updated_at'], ['integration_id'])
        .execute();
      await this.integrations.touch(em, integrationId);
    });
    return this.integrations.get(companyId, integrationId);
  }

  async get(companyId: string, integrationId: string): Promise<LogoFile> {
    await this.integrations.requireIntegration(companyId, integrationId);
    const logo = await this.logos.findOne({ where: { integrationId } });
    if (!logo) throw IntegrationErrors.logoNotFound();
    return { bytes: logo.bytes, mediaType: logo.mediaType, sha256: logo.sha256 };
  }

  async remove(companyId: string, integrationId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      await this.integrations.requireIntegration(companyId, integrationId, em, true);
      const result = await em.delete(IntegrationLogo, { integrationId });
      if (!result.affected) throw IntegrationErrors.logoNotFound();
      await this.integrations.touch(em, integrationId);
    });
  }
}
