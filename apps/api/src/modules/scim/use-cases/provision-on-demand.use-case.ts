import { Injectable } from '@nestjs/common';
import type { ProvisionUserRequest, ProvisionUserResponse } from '@gatehouse/contracts';
import { ScimError, normalizeUserInput, toScimErrorBody } from '@gatehouse/scim';
import { AppError } from '../../../common/errors/app-error.js';
import { ConnectorCallLog } from '../../http-connector/connector-call-log.service.js';
import { HttpConnectorService } from '../../http-connector/http-connector.service.js';
import type { ScimRequestContext } from '../scim-context.js';
import { toUserResource, type JsonObject } from '../scim-resource.mapper.js';
import { ScimStore } from '../scim-store.repository.js';
import { ScimTokenService } from '../scim-token.service.js';
import { ScimUsersUseCase } from './scim-users.use-case.js';

const NO_PROJECTION = {};

/**
 * Provision on demand: one user sent through the very path an identity provider's request takes
 * (ScimUsersUseCase: claim, call the app, finish), so the pending-write rules and the call log
 * apply unchanged. An identity provider looks the userName up first, then sends POST /Users for a
 * new one or PUT /Users/{id} with the whole user for a known one; this does the same. The answer
 * is the SCIM answer the identity provider would have received and every call made on the way.
 */
@Injectable()
export class ProvisionOnDemandUseCase {
  constructor(
    private readonly connectors: HttpConnectorService,
    private readonly users: ScimUsersUseCase,
    private readonly store: ScimStore,
    private readonly tokens: ScimTokenService,
    private readonly callLog: ConnectorCallLog,
  ) {}

  async provisionUser(companyId: string, connectorId: string, input: ProvisionUserRequest): Promise<ProvisionUserResponse> {
    const connector = await this.connectors.getEntity(companyId, connectorId);
    if (connector.type !== 'custom_http') {
      throw new AppError('VALIDATION_FAILED', 'Provision on demand runs Custom HTTP connectors; a SCIM proxy forwards the identity provider\'s requests as they are, so send them from the identity provider.', [
        { path: 'type', message: 'must be custom_http' },
      ]);
    }
    const ctx: ScimRequestContext = { scope: { companyId, connectorId: connector.id }, connector, baseUrl: this.tokens.baseUrl(connector.id) };
    const em = this.store.manager;

    let body: JsonObject;
    if (input.scimUserId !== undefined) {
      const row = await this.store.findUser(em, ctx.scope, input.scimUserId);
      if (!row) {
        throw new AppError('NOT_FOUND', `SCIM user ${JSON.stringify(input.scimUserId)} not found for this connector; pick one from "What was provisioned" or type a user instead.`, [
          { path: 'scimUserId', message: 'no such user for this connector' },
        ]);
      }
      body = toUserResource(row, ctx.baseUrl);
    } else {
      body = input.user as JsonObject;
      try {
        // Checked here as the SCIM route would, so a typo is a plain 400 that reaches nothing.
        normalizeUserInput(body);
      } catch (err) {
        if (err instanceof ScimError) throw new AppError('VALIDATION_FAILED', `user: ${err.message}`, [{ path: 'user', message: err.message }]);
        throw err;
      }
    }

    const userName = typeof body.userName === 'string' ? body.userName : '';
    const known = await this.store.findUserByName(em, ctx.scope, userName);
    // A create still pending is not shown to identity providers: they POST again, and so does this.
    const existing = known && known.pendingOp !== 'create' ? known : null;
    const action = existing ? ('replace' as const) : ('create' as const);
    const traced = await this.callLog.trace(() =>
      existing ? this.users.replace(ctx, { id: existing.id, body, projection: NO_PROJECTION }) : this.users.create(ctx, { body, projection: NO_PROJECTION }),
    );
    const calls = await this.callLog.many(companyId, connector.id, traced.callIds);
    if ('value' in traced) return { action, scim: { status: action === 'create' ? 201 : 200, body: traced.value }, calls };
    if (traced.error instanceof ScimError) {
      return { action, scim: { status: traced.error.status, body: toScimErrorBody(traced.error) as unknown as Record<string, unknown> }, calls };
    }
    throw traced.error;
  }
}
