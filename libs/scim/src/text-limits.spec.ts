import { describe, expect, it } from '@jest/globals';
import { ScimError } from './errors.js';
import { normalizeGroupInput, normalizeUserInput } from './resource-input.js';
import { checkTextLimits, SCIM_TEXT_LIMITS } from './text-limits.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('checkTextLimits', () => {
  it('accepts values up to the limit, counting characters, not UTF-16 units', () => {
    const resource = { userName: '😀'.repeat(SCIM_TEXT_LIMITS.userName), externalId: 'x'.repeat(256) };
    expect(checkTextLimits(resource)).toBe(resource);
  });

  it.each(['userName', 'displayName', 'externalId'])('refuses a %s past the limit with invalidValue naming it', (name) => {
    let err: unknown;
    try {
      checkTextLimits({ [name]: 'x'.repeat(900 * 1024) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScimError);
    expect(err).toMatchObject({ status: 400, scimType: 'invalidValue', detail: `Attribute "${name}" must be at most 256 characters (got ${900 * 1024})` });
  });

  it('applies to POST/PUT bodies of users and groups', () => {
    expect(() => normalizeUserInput({ schemas: [USER], userName: 'x'.repeat(257) })).toThrow(/"userName" must be at most 256/);
    expect(() => normalizeGroupInput({ displayName: 'x'.repeat(257) })).toThrow(/"displayName" must be at most 256/);
  });
});
