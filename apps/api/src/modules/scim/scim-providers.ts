import { Injectable } from '@nestjs/common';
import type { Connector } from '../http-connector/entities/connector.entity.js';
import type { ScimGroupsPort, ScimUsersPort } from './scim.types.js';
import { ScimGroupsUseCase } from './use-cases/scim-groups.use-case.js';
import { ScimUsersUseCase } from './use-cases/scim-users.use-case.js';

/**
 * Which implementation serves a connector's /Users and /Groups, by connector type. A new type
 * (e.g. a SCIM proxy) adds a case here with its own ports; routes, auth and errors stay shared.
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
      default: {
        const unreachable: never = connector.type;
        return unreachable;
      }
    }
  }
}
