import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../common/errors/app-error.js';
import {
  DownstreamRejectedError,
  DownstreamResponseError,
  DownstreamUnavailableError,
  OAuthTokenError,
  TargetRefusedError,
} from '../http-connector/http-connector.errors.js';
import { downstreamFailure, nothingDoneDownstream } from './scim-downstream-errors.js';
import { ScimHttpError } from './scim.errors.js';

const mapping = { error_message_path: 'error.message' };
const answer = (err: unknown) => {
  const out = downstreamFailure('create_user', mapping, err);
  expect(out).toBeInstanceOf(ScimHttpError);
  const e = out as ScimHttpError;
  return { status: e.status, detail: e.detail };
};

describe('downstreamFailure', () => {
  it("answers a 4xx with 400 and the app's own message from error_message_path", () => {
    const err = new DownstreamRejectedError({ kind: 'rejected', retryable: false, status: 422, body: '{"error":{"message":"Email taken"}}', message: 'POST https://app/users answered 422: Email taken' });
    expect(answer(err)).toEqual({ status: 400, detail: 'The application refused create_user: HTTP 422: Email taken' });
  });

  it('falls back to the start of the body, or says there were no details', () => {
    const long = new DownstreamRejectedError({ kind: 'rejected', retryable: false, status: 400, body: `plain\n text ${'x'.repeat(300)}`, message: 'm' });
    expect(answer(long).detail).toMatch(/^The application refused create_user: HTTP 400: plain text x+…$/);
    expect(answer(new DownstreamRejectedError({ kind: 'rejected', retryable: false, status: 404, body: '', message: 'm' })).detail).toBe(
      'The application refused create_user: HTTP 404: no details given',
    );
  });

  it('answers 502 for an app that answered with a 5xx, 503 when it asked to wait or could not be reached', () => {
    const failed = (status: number | undefined, message = 'm') =>
      new DownstreamUnavailableError({ kind: status === undefined ? 'timeout' : 'unavailable', retryable: true, status, body: '{"error":{"message":"db down"}}', message });
    expect(answer(failed(500))).toEqual({ status: 502, detail: 'The application could not complete create_user: HTTP 500: db down' });
    expect(answer(failed(504)).status).toBe(502);
    expect(answer(failed(503)).status).toBe(503);
    expect(answer(failed(429)).status).toBe(503);
    expect(answer(failed(undefined, 'https://app did not answer within 10 s.'))).toEqual({
      status: 503,
      detail: 'The application could not complete create_user: https://app did not answer within 10 s.',
    });
  });

  it('answers unreadable answers and token failures as gateway errors, configuration problems as 500', () => {
    expect(answer(new DownstreamResponseError({ kind: 'unreadable', retryable: false, status: 201, message: 'no id' })).status).toBe(502);
    expect(answer(new OAuthTokenError({ kind: 'oauth', retryable: true, status: 503, message: 'token endpoint down' })).status).toBe(503);
    expect(answer(new OAuthTokenError({ kind: 'oauth', retryable: false, status: 401, message: 'invalid_client' })).status).toBe(502);
    expect(answer(new TargetRefusedError('HTTPS is required'))).toEqual({ status: 500, detail: 'The connector cannot run create_user as configured in Gatehouse: HTTPS is required' });
    expect(answer(new AppError('VALIDATION_FAILED', 'There is no mapping for create_user')).status).toBe(500);
  });

  it('passes anything else through untouched', () => {
    const boom = new Error('boom');
    expect(downstreamFailure('create_user', mapping, boom)).toBe(boom);
  });
});

describe('nothingDoneDownstream (whether a failed create may still have made the account)', () => {
  it('is true only when the app refused or the request never left', () => {
    expect(nothingDoneDownstream(new DownstreamRejectedError({ kind: 'rejected', message: 'x', retryable: false, status: 422 }))).toBe(true);
    expect(nothingDoneDownstream(new DownstreamUnavailableError({ kind: 'unavailable', message: 'x', retryable: true, status: 429 }))).toBe(true);
    expect(nothingDoneDownstream(new DownstreamUnavailableError({ kind: 'unavailable', message: 'refused', retryable: true, notSent: true }))).toBe(true);
    expect(nothingDoneDownstream(new TargetRefusedError('private address'))).toBe(true);
    expect(nothingDoneDownstream(new AppError('VALIDATION_FAILED', 'no mapping'))).toBe(true);

    expect(nothingDoneDownstream(new DownstreamUnavailableError({ kind: 'timeout', message: 'late', retryable: true }))).toBe(false);
    expect(nothingDoneDownstream(new DownstreamUnavailableError({ kind: 'unavailable', message: 'reset', retryable: true }))).toBe(false);
    expect(nothingDoneDownstream(new DownstreamUnavailableError({ kind: 'unavailable', message: '5xx', retryable: true, status: 500 }))).toBe(false);
    expect(nothingDoneDownstream(new DownstreamResponseError({ kind: 'unreadable', message: 'no id', retryable: false }))).toBe(false);
  });
});
