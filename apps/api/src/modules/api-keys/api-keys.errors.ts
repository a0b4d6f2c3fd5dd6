import { AppError } from '../../common/errors/app-error.js';

const CREATE_NEW = 'create a new key in Settings › Company Settings › API Keys';

/**
 * Answers for a key that does not authenticate. Each says what is wrong and what to do, and
 * none says anything about a stored key the caller did not present in full (no names, prefixes
 * or companies), so a guess learns nothing.
 */
export const ApiKeyErrors = {
  missing: () =>
    new AppError('API_KEY_MISSING', `This endpoint needs an API key in the x-api-key header. If you do not have one, ${CREATE_NEW}.`),
  malformed: () =>
    new AppError(
      'API_KEY_MALFORMED',
      'The x-api-key header does not hold a Gatehouse API key: keys start with ghk_ and are 53 characters long, with nothing before or after them. Copy the whole key as it was shown when it was created.',
    ),
  badChecksum: () =>
    new AppError(
      'API_KEY_MALFORMED',
      'The API key in the x-api-key header fails its checksum, so it was mistyped or cut short. Copy the whole key as it was shown when it was created.',
    ),
  unknown: () =>
    new AppError(
      'API_KEY_UNKNOWN',
      `This API key is not recognised by this Gatehouse server. Check that you copied the key for this server; if it is lost, ${CREATE_NEW}.`,
    ),
  expired: (expiresAt: Date) => new AppError('API_KEY_EXPIRED', `This API key expired on ${expiresAt.toISOString()}; ${CREATE_NEW}.`),
  revoked: (revokedAt: Date) => new AppError('API_KEY_REVOKED', `This API key was revoked on ${revokedAt.toISOString()}; ${CREATE_NEW}.`),
  tooMany: (max: number) =>
    new AppError(
      'CONFLICT',
      `Your company already has ${max} active API keys, the most this server allows. Revoke a key that is no longer used, then create the new one.`,
      [{ path: 'name', message: `at most ${max} active API keys per company` }],
    ),
};
