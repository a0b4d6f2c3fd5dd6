import { Inject, Injectable } from '@nestjs/common';
import type { CapabilityKey, MappingContext, OperationMapping, ReadResult } from '@gatehouse/mapping';
import type { ConnectorExecutor } from '../http-connector/connector-executor.service.js';
import type { Connector } from '../http-connector/entities/connector.entity.js';
import { ScimCallLog } from './scim-call-log.js';
import { downstreamFailure } from './scim-downstream-errors.js';
import { ScimErrors } from './scim.errors.js';

/** The executor instance SCIM uses: the shared one's parts, with ScimCallLog as its call log. */
export const SCIM_EXECUTOR = Symbol('SCIM_EXECUTOR');

/**
 * The downstream app of a Custom HTTP connector as the SCIM use cases see it: which operations
 * the admin enabled, and one call per operation (logged with source `scim`) whose failures come
 * back as SCIM errors.
 */
@Injectable()
export class CustomHttpDownstream {
  constructor(
    @Inject(SCIM_EXECUTOR) private readonly executor: ConnectorExecutor,
    private readonly callLog: ScimCallLog,
  ) {}

  enabled(connector: Connector, operation: CapabilityKey): boolean {
    return connector.capabilities?.[operation] === true;
  }

  /** Throws 501 naming the capability to turn on when it is off. */
  require(connector: Connector, operation: CapabilityKey): void {
    if (!this.enabled(connector, operation)) throw ScimErrors.notSupported(operation);
  }

  async call<O extends CapabilityKey>(connector: Connector, operation: O, context: MappingContext): Promise<ReadResult<O>> {
    try {
      const result = await this.executor.execute(connector.companyId, connector, operation, context, { source: 'scim' });
      return result.resolved;
    } catch (err) {
      const mapping = (connector.mappings ?? {})[operation] as Partial<OperationMapping> | undefined;
      throw downstreamFailure(operation, mapping, err);
    }
  }

  /**
   * Runs a unit of work that calls the downstream app inside a database transaction; the calls
   * are written to the call log after it (see ScimCallLog).
   */
  holdingCalls<T>(work: () => Promise<T>): Promise<T> {
    return this.callLog.holdingCalls(work);
  }
}
