import { Inject, Injectable } from '@nestjs/common';
import type { CapabilityKey, MappingContext, OperationMapping, ReadResult } from '@gatehouse/mapping';
import type { ConnectorExecutor } from '../http-connector/connector-executor.service.js';
import type { Connector } from '../http-connector/entities/connector.entity.js';
import { ConnectorCallError } from '../http-connector/http-connector.errors.js';
import { OutboundSettings } from '../http-connector/outbound-settings.js';
import { appAnswer, downstreamFailure, nothingDoneDownstream } from './scim-downstream-errors.js';
import { ScimErrors } from './scim.errors.js';

/** The executor instance SCIM uses (logging its calls with source `scim`). */
export const SCIM_EXECUTOR = Symbol('SCIM_EXECUTOR');

/**
 * What one call to the app came to. A failure says whether the app can have acted on it:
 * `none` when it certainly did not (it refused with a 4xx, or the request was never sent),
 * `unknown` otherwise (a timeout, a reset connection, a 5xx, an answer that could not be read).
 */
export type Attempt<O extends CapabilityKey> = { ok: true; result: ReadResult<O> } | {
  ok: false;
  error: unknown;
  effect: 'none' | 'unknown';
  detail: string;
  /** The app's HTTP status, when it answered. */
  status?: number;
  /** The app's status and message, when it answered ("HTTP 409: Email already exists"). */
  answer?: string;
};

/** The SCIM user or group a call is made for, recorded with it in the call log. */
export type CallSubject = { scimUserId?: string; scimGroupId?: string };

/** A user operation's context names its SCIM user (`scim_user.id`); group operations pass their group. */
function subjectOf(context: MappingContext): CallSubject | undefined {
  const user = (context as { scim_user?: { id?: unknown } }).scim_user;
  return typeof user?.id === 'string' ? { scimUserId: user.id } : undefined;
}

/** Extra time a pending write is held beyond its calls' own limits (OAuth token, scheduling). */
const LEASE_MARGIN_MS = 5000;

/**
 * The downstream app of a Custom HTTP connector as the SCIM use cases see it: which operations
 * the admin enabled, and one call per operation (logged with source `scim`) whose failures come
 * back as SCIM errors. No database transaction or connection is held while a call runs (each
 * call is logged as soon as it ends).
 */
@Injectable()
export class CustomHttpDownstream {
  constructor(
    @Inject(SCIM_EXECUTOR) private readonly executor: ConnectorExecutor,
    private readonly settings: OutboundSettings,
  ) {}

  enabled(connector: Connector, operation: CapabilityKey): boolean {
    return connector.capabilities?.[operation] === true;
  }

  /** Throws 501 naming the capability to turn on when it is off. */
  require(connector: Connector, operation: CapabilityKey): void {
    if (!this.enabled(connector, operation)) throw ScimErrors.notSupported(operation);
  }

  async call<O extends CapabilityKey>(connector: Connector, operation: O, context: MappingContext, options: { subject?: CallSubject } = {}): Promise<ReadResult<O>> {
    const attempt = await this.attempt(connector, operation, context, options);
    if (!attempt.ok) throw attempt.error;
    return attempt.result;
  }

  /**
   * One call, its failure answered as a value with what it may have done in the app. `shown`:
   * the values read go to an administrator's screen, so the secret is masked in them. `subject`:
   * the SCIM user or group the call log files it under (a user operation's own user by default).
   * `note`: why the call is made, shown with it in the call log.
   */
  async attempt<O extends CapabilityKey>(
    connector: Connector,
    operation: O,
    context: MappingContext,
    options: { shown?: boolean; subject?: CallSubject; note?: string } = {},
  ): Promise<Attempt<O>> {
    try {
      const result = await this.executor.execute(connector.companyId, connector, operation, context, {
        source: 'scim',
        shown: options.shown,
        subject: options.subject ?? subjectOf(context),
        note: options.note,
      });
      return { ok: true, result: result.resolved };
    } catch (err) {
      const mapping = (connector.mappings ?? {})[operation] as Partial<OperationMapping> | undefined;
      const error = downstreamFailure(operation, mapping, err);
      const detail = error instanceof Error ? error.message : 'unexpected failure';
      const status = err instanceof ConnectorCallError ? err.status : undefined;
      const answer = err instanceof ConnectorCallError && status !== undefined ? appAnswer(mapping, err) : undefined;
      return { ok: false, error, effect: nothingDoneDownstream(err) ? 'none' : 'unknown', detail, status, answer };
    }
  }

  /**
   * How long a write that makes `calls` calls holds its pending mark: longer than those calls
   * can take with every retry, so nobody settles a write whose request is still running.
   */
  leaseMs(calls = 1): number {
    const { timeoutMs, retry } = this.settings;
    return calls * (timeoutMs * retry.maxAttempts + retry.maxTotalDelayMs) + LEASE_MARGIN_MS;
  }
}
