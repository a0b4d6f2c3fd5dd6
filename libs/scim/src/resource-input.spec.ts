import { describe, expect, it } from '@jest/globals';
import { SCHEMA_ENTERPRISE_USER, SCHEMA_GROUP, SCHEMA_USER, ScimError, flattenCoreSchema, normalizeGroupInput, normalizeUserInput, primaryEmail } from './index.js';

const ENT = SCHEMA_ENTERPRISE_USER;

function inputError(run: () => unknown): ScimError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ScimError);
    return err as ScimError;
  }
  throw new Error('expected the input to be rejected');
}

describe('normalizeUserInput', () => {
  it("canonicalises Microsoft's reference enterprise user", () => {
    const user = normalizeUserInput({
      userName: 'UserName222',
      active: 'True',
      displayName: 'lennay',
      schemas: [ENT, SCHEMA_USER],
      externalId: 'e-222',
      name: { formatted: 'Adrew Ryan', familyName: 'Ryan', givenName: 'Andrew' },
      emails: [
        { Primary: true, type: 'work', value: 'testing@bob2.com' },
        { Primary: false, type: 'home', value: 'testinghome@bob3.com' },
      ],
      [ENT]: { Department: 'bob', Manager: { Value: 'SuzzyQ' } },
    });
    expect(user).toEqual({
      schemas: [SCHEMA_USER, ENT],
      userName: 'UserName222',
      active: true,
      displayName: 'lennay',
      externalId: 'e-222',
      name: { formatted: 'Adrew Ryan', familyName: 'Ryan', givenName: 'Andrew' },
      emails: [
        { primary: true, type: 'work', value: 'testing@bob2.com' },
        { primary: false, type: 'home', value: 'testinghome@bob3.com' },
      ],
      [ENT]: { department: 'bob', manager: { value: 'SuzzyQ' } },
    });
  });

  it('strips id, meta, read-only and unknown attributes, and accepts a missing schemas', () => {
    const user = normalizeUserInput({
      id: 'client-chosen',
      meta: { created: 'x' },
      USERNAME: 'ada',
      groups: [{ value: 'g-1' }],
      adreses: [{ country: 'Germany' }],
      password: 'hunter2',
      addresses: [{ country: null, locality: 'Berlin', type: 'work' }],
    });
    expect(user).toEqual({ schemas: [SCHEMA_USER], userName: 'ada', addresses: [{ locality: 'Berlin', type: 'work' }] });
  });

  it('requires userName (400 invalidValue with a clear detail)', () => {
    for (const body of [{ userame: 'OMalley' }, { userName: '' }, { userName: '   ' }, { userName: ['a'] }]) {
      const err = inputError(() => normalizeUserInput(body));
      expect(err.status).toBe(400);
      expect(err.scimType).toBe('invalidValue');
    }
    expect(inputError(() => normalizeUserInput({ displayName: 'x' })).detail).toMatch(/"userName" is required/);
  });

  it('rejects values of the wrong type and bodies that are not objects', () => {
    expect(inputError(() => normalizeUserInput({ userName: 'a', active: 'sometimes' })).scimType).toBe('invalidValue');
    expect(inputError(() => normalizeUserInput({ userName: 'a', emails: [{ value: { nested: 1 } }] })).scimType).toBe('invalidValue');
    expect(inputError(() => normalizeUserInput([])).scimType).toBe('invalidSyntax');
    expect(inputError(() => normalizeUserInput(null)).scimType).toBe('invalidSyntax');
  });

  it('accepts URN-qualified top-level attribute names', () => {
    const user = normalizeUserInput({ userName: 'a', [`${ENT}:employeeNumber`]: 7, 'urn:ietf:params:scim:schemas:core:2.0:User:title': 'Dr' });
    expect(user).toEqual({ schemas: [SCHEMA_USER, ENT], userName: 'a', title: 'Dr', [ENT]: { employeeNumber: '7' } });
  });
});

describe('normalizeGroupInput', () => {
  it('requires displayName', () => {
    const err = inputError(() => normalizeGroupInput({ members: [] }));
    expect(err.scimType).toBe('invalidValue');
    expect(err.detail).toMatch(/"displayName" is required/);
  });

  it('canonicalises members and drops duplicates', () => {
    expect(
      normalizeGroupInput({
        DisplayName: 'Eng',
        id: 'x',
        members: [{ Value: 'u-1', display: 'VP' }, { value: 'u-2' }, { value: 'u-1' }, 'u-3'],
      }),
    ).toEqual({
      schemas: [SCHEMA_GROUP],
      displayName: 'Eng',
      members: [{ value: 'u-1', display: 'VP' }, { value: 'u-2' }, { value: 'u-3' }],
    });
  });

  it('accepts an empty member list', () => {
    expect(normalizeGroupInput({ displayName: 'Empty', members: [] })).toEqual({ schemas: [SCHEMA_GROUP], displayName: 'Empty' });
  });
});

describe('core attributes nested under the core schema URN', () => {
  it('reads a user whose core attributes are all under the User URN, extensions beside it', () => {
    const user = normalizeUserInput({
      schemas: [SCHEMA_USER, ENT],
      [SCHEMA_USER]: { userName: 'nested@example.com', active: 'True', name: { givenName: 'Nes' } },
      [ENT]: { department: 'Ops' },
    });
    expect(user).toEqual({
      schemas: [SCHEMA_USER, ENT],
      userName: 'nested@example.com',
      active: true,
      name: { givenName: 'Nes' },
      [ENT]: { department: 'Ops' },
    });
  });

  it('matches the URN in any case and mixes nested with top-level attributes', () => {
    const user = normalizeUserInput({ displayName: 'Top', [SCHEMA_USER.toUpperCase()]: { userName: 'mixed' } });
    expect(user).toEqual({ schemas: [SCHEMA_USER], userName: 'mixed', displayName: 'Top' });
  });

  it('reads a group nested under the Group URN', () => {
    expect(normalizeGroupInput({ [SCHEMA_GROUP]: { displayName: 'Nested', members: [{ value: 'u-1' }] } })).toEqual({
      schemas: [SCHEMA_GROUP],
      displayName: 'Nested',
      members: [{ value: 'u-1' }],
    });
  });

  it('refuses an attribute given at both levels with different values, naming it', () => {
    const err = inputError(() => normalizeUserInput({ userName: 'a', [SCHEMA_USER]: { UserName: 'b' } }));
    expect(err.status).toBe(400);
    expect(err.scimType).toBe('invalidValue');
    expect(err.message).toContain('"UserName" is sent both at the top level and under');
    expect(normalizeUserInput({ userName: 'same', [SCHEMA_USER]: { userName: 'same' } }).userName).toBe('same');
  });

  it('refuses a URN value that is not an object', () => {
    const err = inputError(() => normalizeUserInput({ [SCHEMA_USER]: 'bob' }));
    expect(err.scimType).toBe('invalidSyntax');
    expect(err.message).toContain('must be an object of User attributes');
  });

  it('leaves a body without the core URN as it is', () => {
    const body = { userName: 'x', [ENT]: { department: 'd' } };
    expect(flattenCoreSchema(body, 'User')).toBe(body);
  });
});

describe('primaryEmail', () => {
  it('prefers the primary address, then the work one, then the first', () => {
    expect(primaryEmail({ emails: [{ value: 'a@x', type: 'home' }, { value: 'b@x', primary: true }] })).toBe('b@x');
    expect(primaryEmail({ emails: [{ value: 'a@x', type: 'home' }, { value: 'b@x', type: 'work' }] })).toBe('b@x');
    expect(primaryEmail({ emails: [{ value: 'a@x', type: 'home' }, { value: 'b@x' }] })).toBe('a@x');
    expect(primaryEmail({ Emails: [{ Value: 'c@x', Primary: 'True' }] })).toBe('c@x');
    expect(primaryEmail({ userName: 'x' })).toBeUndefined();
  });
});
