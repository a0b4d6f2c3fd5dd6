import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecretsModule } from '../../common/secrets/secrets.module.js';
import { ConnectorExecutor } from '../http-connector/connector-executor.service.js';
import { ConnectorCall } from '../http-connector/entities/connector-call.entity.js';
import { HttpConnectorModule } from '../http-connector/http-connector.module.js';
import { ConnectorReconcileController } from './controllers/connector-reconcile.controller.js';
import { ProvisionOnDemandController } from './controllers/provision-on-demand.controller.js';
import { ScimDirectoryController } from './controllers/scim-directory.controller.js';
import { ScimDiscoveryController } from './controllers/scim-discovery.controller.js';
import { ScimFallbackController } from './controllers/scim-fallback.controller.js';
import { ScimGroupsController } from './controllers/scim-groups.controller.js';
import { ScimTokenController } from './controllers/scim-token.controller.js';
import { ScimUsersController } from './controllers/scim-users.controller.js';
import { CustomHttpDownstream, SCIM_EXECUTOR } from './custom-http-downstream.js';
import { ScimGroupMember } from './entities/scim-group-member.entity.js';
import { ScimGroup } from './entities/scim-group.entity.js';
import { ScimToken } from './entities/scim-token.entity.js';
import { ScimUser } from './entities/scim-user.entity.js';
import { ScimProxy } from './proxy/scim-proxy.js';
import { ScimProxyInterceptor } from './proxy/scim-proxy.interceptor.js';
import { ScimDownstreamLookup } from './scim-downstream-lookup.js';
import { ScimPendingSweep } from './scim-pending-sweep.js';
import { ScimDirectory } from './scim-directory.service.js';
import { ScimDiscoveryService } from './scim-discovery.service.js';
import { ScimProviders } from './scim-providers.js';
import { ScimStore } from './scim-store.repository.js';
import { ScimTokenGuard } from './scim-token.guard.js';
import { ScimTokenService } from './scim-token.service.js';
import { ProvisionOnDemandUseCase } from './use-cases/provision-on-demand.use-case.js';
import { ScimGroupsUseCase } from './use-cases/scim-groups.use-case.js';
import { ReconcileAccounts } from './use-cases/reconcile-accounts.use-case.js';
import { ScimUsersUseCase } from './use-cases/scim-users.use-case.js';

/**
 * SCIM 2.0 server for identity providers at /scim/v2/{connectorId}, authenticated with the
 * connector's SCIM token, driving the connector's downstream app. The fallback controller is
 * listed last so that its catch-all route is registered after the real ones.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ScimToken, ScimUser, ScimGroup, ScimGroupMember, ConnectorCall]), HttpConnectorModule, SecretsModule],
  controllers: [ScimTokenController, ScimDirectoryController, ConnectorReconcileController, ProvisionOnDemandController, ScimDiscoveryController, ScimUsersController, ScimGroupsController, ScimFallbackController],
  providers: [
    ScimTokenService,
    ScimTokenGuard,
    ScimDiscoveryService,
    ScimDirectory,
    ScimStore,
    // Provisioning calls the app with no transaction open, so the shared executor (and its call
    // log, written as each call ends) serves it as it is.
    { provide: SCIM_EXECUTOR, useExisting: ConnectorExecutor },
    CustomHttpDownstream,
    ScimUsersUseCase,
    ScimGroupsUseCase,
    ProvisionOnDemandUseCase,
    ScimDownstreamLookup,
    ReconcileAccounts,
    ScimPendingSweep,
    ScimProviders,
    ScimProxy,
    ScimProxyInterceptor,
  ],
})
export class ScimModule {}
