import { AppError } from '../../common/errors/app-error.js';

type ListOperation = 'list_users' | 'list_groups';

// Errors of the admin's "Import accounts" routes (the global filter answers them; the identity
// provider never sees them).
export const ReconcileErrors = {
  notCustomHttp: () =>
    new AppError(
      'VALIDATION_FAILED',
      'Import accounts is for Custom HTTP connectors. A SCIM proxy keeps no copy of users and groups: compare accounts in the app itself.',
      [{ path: 'type', message: 'must be custom_http' }],
    ),
  /** The connector's settings keep the list call from being made (no secret, a template that cannot be rendered, http not allowed). */
  listMisconfigured: (operation: ListOperation, detail: string) =>
    new AppError('VALIDATION_FAILED', `${detail}. Fix the ${operation} mapping or the connector's settings, then import again.`, [
      { path: `mappings.${operation}`, message: detail },
    ]),
  /** The app refused the list (4xx) or answered what response_fields could not read. */
  listFailed: (operation: ListOperation, detail: string) =>
    new AppError(
      'UPSTREAM_FAILED',
      `${detail}. Nothing was compared. Check the connector's secret and the ${operation} mapping (Preview & Test runs ${operation} on its own), then import again.`,
    ),
  listUnavailable: (operation: ListOperation, detail: string) =>
    new AppError('UPSTREAM_UNAVAILABLE', `${detail}. Nothing was compared; import again in a moment.`, [{ path: `mappings.${operation}`, message: 'the application did not answer' }]),
  capabilityOff: (operation: ListOperation) =>
    new AppError(
      'VALIDATION_FAILED',
      `${operation} is off for this connector, so Gatehouse cannot check that the account exists in the application. Enable ${operation} and map it, then import and link again.`,
      [{ path: `capabilities.${operation}`, message: 'must be on to link accounts' }],
    ),
  userNotFound: () => new AppError('NOT_FOUND', 'Provisioned user not found for this connector'),
  groupNotFound: () => new AppError('NOT_FOUND', 'Provisioned group not found for this connector'),
  notListed: (kind: 'user' | 'group', operation: ListOperation, downstreamId: string) =>
    new AppError(
      'VALIDATION_FAILED',
      `The application's ${operation} answer has no ${kind} with id ${JSON.stringify(downstreamId)}. Import accounts again and pick an account from the list.`,
      [{ path: 'downstreamId', message: `not in the application's ${operation} answer` }],
    ),
  alreadyLinked: (kind: 'user' | 'group', downstreamId: string, other: { id: string; name: string }) =>
    new AppError(
      'CONFLICT',
      `The application's ${kind} ${JSON.stringify(downstreamId)} is already linked to the provisioned ${kind} ${JSON.stringify(other.name)} (SCIM id ${other.id}). One account is linked to one ${kind}: check which is the right one in the import view; nothing was changed.`,
      [{ path: 'downstreamId', message: `already linked to ${other.id}` }],
    ),
  busy: (kind: 'user' | 'group') =>
    new AppError('CONFLICT', `A change to this ${kind} is being written to the application right now (or is waiting to be settled); nothing was linked. Try again in a moment.`),
};
