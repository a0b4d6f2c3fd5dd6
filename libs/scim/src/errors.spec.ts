import { describe, expect, it } from '@jest/globals';
import { MESSAGE_ERROR, ScimError, badRequest, isScimError, toScimErrorBody } from './index.js';

describe('ScimError', () => {
  it('carries status, scimType and detail', () => {
    const err = new ScimError(409, 'userName "ada" is already taken', 'uniqueness');
    expect(err).toBeInstanceOf(Error);
    expect(isScimError(err)).toBe(true);
    expect(err.status).toBe(409);
    expect(err.scimType).toBe('uniqueness');
    expect(err.message).toBe('userName "ada" is already taken');
  });

  it('renders the RFC 7644 §3.12 body with status as a string', () => {
    expect(toScimErrorBody(badRequest('invalidFilter', 'Invalid filter at character 3: oops'))).toEqual({
      schemas: [MESSAGE_ERROR],
      status: '400',
      scimType: 'invalidFilter',
      detail: 'Invalid filter at character 3: oops',
    });
  });

  it('omits scimType when there is none', () => {
    const body = toScimErrorBody(new ScimError(404, 'User u-1 not found'));
    expect(body).toEqual({ schemas: [MESSAGE_ERROR], status: '404', detail: 'User u-1 not found' });
    expect(Object.keys(body)).not.toContain('scimType');
  });

  it('serialises through JSON.stringify', () => {
    expect(JSON.parse(JSON.stringify(new ScimError(400, 'bad', 'invalidValue')))).toEqual({
      schemas: [MESSAGE_ERROR],
      status: '400',
      scimType: 'invalidValue',
      detail: 'bad',
    });
  });

  it('hides the message of unexpected errors behind a 500', () => {
    expect(toScimErrorBody(new Error('connection to db-7 refused'))).toEqual({
      schemas: [MESSAGE_ERROR],
      status: '500',
      detail: 'Internal server error',
    });
  });
});
