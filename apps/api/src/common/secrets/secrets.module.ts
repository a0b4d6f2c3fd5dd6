import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { loadSecretsKey } from './secrets-key.js';
import { SecretsService } from './secrets.service.js';

/** Import where secrets are stored (HTTP connectors, SCIM); one key for the whole server. */
@Module({
  providers: [{ provide: SecretsService, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new SecretsService(loadSecretsKey(config)) }],
  exports: [SecretsService],
})
export class SecretsModule {}
