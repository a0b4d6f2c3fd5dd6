import { Injectable } from '@nestjs/common';
import type { Connector } from '../http-connector/entities/connector.entity.js';
import type { ScimGroupsPort, ScimUsersPort } from './scim.types.js';
import { ScimGroupsUseCase } from './use-cases/scim-groups.use-case.js';
import { ScimUsersUseCase } from './use-cases/scim-users.use-case.js';

/**
 * Which implementation serves a connector's /Users and /Groups, by connector type. A new type
 * adds a case here with its own ports; routes, auth and errors stay shared. A SCIM proxy has no
 * ports: ScimProxyInterceptor forwards its requests before any route runs.
 */
@Injectable()
export class ScimProviders {
  constructor(
    private readonly customHttpUsers: ScimUsersUseCase,
    private readonly customHttpGroups: ScimGroupsUseCase,
  ) {}

  users(connector: Connector): ScimUsersPort {
    switch (connector.type) {
      case 'custom_http':
        return this.customHttpUsers;
      case 'scim_proxy':
        throw proxiedBeforePorts();
      default: {
        const unreachable: never = connector.type;
        return unreachable;
      }
    }
  }

  groups(connector: Connector): ScimGroupsPort {
    switch (connector.type) {
      case 'custom_http':
        return this.customHttpGroups;
      case 'scim_proxy':
        throw proxiedBeforePorts();
      default: {
        const unreachable: never = connector.type;
        return unreachable;
      }
    }
  }
}

/** Reaching a port for a proxy means the dispatch in front of the routes was left out. */
const proxiedBeforePorts = () => new Error('scim_proxy connectors are forwarded by ScimProxyInterceptor before any SCIM route runs');
