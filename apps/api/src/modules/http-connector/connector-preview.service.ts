import { Injectable } from '@nestjs/common';
import type { PreviewConnectorRequest, PreviewConnectorResponse, TestConnectorRequest, TestConnectorResponse } from '@gatehouse/contracts';
import { MappingEngineError, inferBodyFormat, mergeSampleContext, readResponse, type CapabilityKey, type SampleContext } from '@gatehouse/mapping';
import { ConnectorExecutor } from './connector-executor.service.js';
import { HttpConnectorService } from './http-connector.service.js';
import { ConnectorCallError, ConnectorErrors } from './http-connector.errors.js';

/**
 * Preview (render only, never a network call) and live test (one real call, reported in full,
 * failures included) of a connector operation, with the admin's context merged over the
 * engine's sample values. Both work on disabled instances, so a connector can be tried before
 * it is turned on.
 */
@Injectable()
export class ConnectorPreviewService {
  constructor(
    private readonly connectors: HttpConnectorService,
    private readonly executor: ConnectorExecutor,
  ) {}

  async preview(companyId: string, id: string, input: PreviewConnectorRequest): Promise<PreviewConnectorResponse> {
    const connector = await this.connectors.getEntity(companyId, id);
    const context = mergeContext(input.operation, input.context);
    const prepared = this.executor.prepare(connector, input.operation, context);
    const out: PreviewConnectorResponse = { request: prepared.masked };
    if (input.sampleResponse !== undefined) {
      const contentType = inferBodyFormat(input.sampleResponse) === 'xml' ? 'application/xml' : 'application/json';
      try {
        out.resolved_response = readResponse(input.operation, prepared.mapping, { body: input.sampleResponse, contentType }, context);
      } catch (err) {
        if (!(err instanceof MappingEngineError)) throw err;
        out.response_error = { path: err.path, message: err.message };
      }
    }
    return out;
  }

  async test(companyId: string, id: string, input: TestConnectorRequest): Promise<TestConnectorResponse> {
    const connector = await this.connectors.getEntity(companyId, id);
    if (input.mode === 'oauth_token') {
      const started = Date.now();
      try {
        const info = await this.executor.fetchOAuthToken(companyId, connector, { source: 'test' });
        return { mode: 'oauth_token', ok: true, tokenType: info.tokenType, expiresIn: info.expiresIn, expiresAt: info.expiresAt, scope: info.scope, durationMs: info.durationMs };
      } catch (err) {
        if (!(err instanceof ConnectorCallError)) throw err;
        return { mode: 'oauth_token', ok: false, tokenType: null, expiresIn: null, expiresAt: null, scope: null, durationMs: Date.now() - started, error: describe(err) };
      }
    }

    const operation = input.operation!;
    const context = mergeContext(operation, input.context);
    const prepared = this.executor.prepare(connector, operation, context);
    if (prepared.method !== 'GET' && !input.acknowledgeSideEffects) throw ConnectorErrors.sideEffectsNotAcknowledged(prepared.method);
    const started = Date.now();
    try {
      const result = await this.executor.execute(companyId, connector, operation, context, { source: 'test' });
      return {
        mode: 'request',
        ok: true,
        operation,
        request: result.request,
        status: result.status,
        body: result.body,
        bodyTruncated: result.bodyTruncated,
        resolved: result.resolved,
        durationMs: result.durationMs,
        attempts: result.attempts,
      };
    } catch (err) {
      if (!(err instanceof ConnectorCallError)) throw err;
      return {
        mode: 'request',
        ok: false,
        operation,
        request: err.request ?? prepared.masked,
        status: err.status ?? null,
        body: err.body ?? null,
        bodyTruncated: err.bodyTruncated,
        durationMs: err.durationMs ?? Date.now() - started,
        attempts: err.attempts ?? 0,
        error: describe(err),
      };
    }
  }
}

function mergeContext(operation: CapabilityKey, context: string | Record<string, unknown> | null | undefined): SampleContext {
  try {
    return mergeSampleContext(operation, context);
  } catch (err) {
    if (err instanceof MappingEngineError) throw ConnectorErrors.invalidInput(err.path, err.message);
    throw err;
  }
}

const describe = (err: ConnectorCallError) => ({ kind: err.kind, message: err.message, retryable: err.retryable, ...(err.path ? { path: err.path } : {}) });
