import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecretsModule } from '../../common/secrets/secrets.module.js';
import { ConnectorCallLog } from './connector-call-log.service.js';
import { ConnectorChanges } from './connector-changes.js';
import { ConnectorExecutor } from './connector-executor.service.js';
import { ConnectorPreviewService } from './connector-preview.service.js';
import { ConnectorCall } from './entities/connector-call.entity.js';
import { Connector } from './entities/connector.entity.js';
import { HttpConnectorController } from './http-connector.controller.js';
import { HttpConnectorService } from './http-connector.service.js';
import { OAuthTokenCache } from './oauth-token-cache.js';
import { OutboundHttp } from './outbound-http.js';
import { OutboundSettings } from './outbound-settings.js';

/**
 * Custom HTTP connectors: instances, their encrypted secret, preview / live test, and the one
 * executor every outbound call goes through (exported for SCIM provisioning).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Connector, ConnectorCall]), SecretsModule],
  controllers: [HttpConnectorController],
  providers: [
    HttpConnectorService,
    ConnectorPreviewService,
    ConnectorExecutor,
    ConnectorCallLog,
    ConnectorChanges,
    OutboundHttp,
    OutboundSettings,
    { provide: OAuthTokenCache, useFactory: () => new OAuthTokenCache() },
  ],
  // OutboundHttp and OAuthTokenCache let SCIM build an executor whose call log waits for its transaction.
  exports: [HttpConnectorService, ConnectorChanges, ConnectorExecutor, ConnectorCallLog, OutboundSettings, OutboundHttp, OAuthTokenCache],
})
export class HttpConnectorModule {}
