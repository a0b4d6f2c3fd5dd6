import { INTEGRATION_LOGO_MAX_BYTES, VALIDATION_UPLOAD_MAX_BYTES, type ContextWithData } from '@gatehouse/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { formatBytes } from '../../common/errors/http-exception.filter.js';

/** The integration does not exist in the caller's company (or the id is malformed). */
export class IntegrationNotFoundError extends AppError {
  constructor() {
    super('NOT_FOUND', 'Integration not found');
  }
}

/** The integration exists but none of its monitorings uses this context. */
export class ContextNotAcceptedError extends AppError {
  constructor(
    readonly contextKey: string,
    readonly acceptedContexts: readonly string[],
  ) {
    const accepted = acceptedContexts.length > 0 ? acceptedContexts.join(', ') : 'none';
    super(
      'CONTEXT_NOT_ACCEPTED',
      `This integration does not accept context "${contextKey}". It accepts: ${accepted}. Add a monitoring that uses it to the integration, or use one of those contexts.`,
      [{ path: 'contextKey', message: `not one of ${accepted}` }],
      {},
      { acceptedContexts: [...acceptedContexts] },
    );
  }
}

export const IntegrationErrors = {
  notFound: () => new IntegrationNotFoundError(),
  contextNotAccepted: (contextKey: string, accepted: readonly string[]) => new ContextNotAcceptedError(contextKey, accepted),
  unknownMonitorings: (ids: readonly string[], unknown: readonly string[]) =>
    new AppError(
      'VALIDATION_FAILED',
      `Unknown monitoring${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Use the ids listed by GET /api/monitorings.`,
      unknown.map((id) => ({ path: `monitoringIds[${ids.indexOf(id)}]`, message: `unknown monitoring "${id}"` })),
    ),
  logoMissingFile: () =>
    new AppError('VALIDATION_FAILED', 'Send the logo as multipart/form-data in a field named "file".', [{ path: 'file', message: 'is required' }]),
  logoRefused: (message: string) => new AppError('VALIDATION_FAILED', message, [{ path: 'file', message }]),
  logoTooLarge: () =>
    new AppError('PAYLOAD_TOO_LARGE', `The logo is larger than ${formatBytes(INTEGRATION_LOGO_MAX_BYTES)}; upload an image of at most ${formatBytes(INTEGRATION_LOGO_MAX_BYTES)}.`, [
      { path: 'file', message: `must be at most ${formatBytes(INTEGRATION_LOGO_MAX_BYTES)}` },
    ]),
  logoNotFound: () => new AppError('NOT_FOUND', 'This integration has no logo'),
  validationFileTooLarge: () =>
    new AppError(
      'PAYLOAD_TOO_LARGE',
      `The file is larger than the ${formatBytes(VALIDATION_UPLOAD_MAX_BYTES)} validation accepts; validate a smaller sample of your records.`,
      [{ path: 'file', message: `must be at most ${formatBytes(VALIDATION_UPLOAD_MAX_BYTES)}` }],
    ),
  /** 409: the new selection drops contexts that hold pushed data; listed so the admin can confirm. */
  removesContextsWithData: (contexts: ContextWithData[]) =>
    new AppError(
      'CONFLICT',
      `This change removes ${contexts.map((c) => `${c.key} (${c.recordsNow} records, last push ${c.lastPushAt})`).join(', ')}, which already received pushes: ` +
        `their endpoints would refuse pushes (404) and their data would no longer be shown. The data is kept and shown again if a monitoring that needs the context is selected again. ` +
        `To go ahead, send the same selection with confirmRemovingContexts listing ${contexts.length === 1 ? 'this context' : 'these contexts'}.`,
      [],
      {},
      { contexts },
    ),
  validationInputMissing: () =>
    new AppError(
      'VALIDATION_FAILED',
      'Nothing to validate: upload a JSON file as multipart/form-data in a field named "file", or send the request body itself as application/json.',
      [{ path: 'file', message: 'is required' }],
    ),
  badUpload: (field: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path: field, message }]),
  unsupportedUpload: () =>
    new AppError('UNSUPPORTED_MEDIA_TYPE', 'Uploads must be sent as multipart/form-data with the file in a field named "file".'),
};
