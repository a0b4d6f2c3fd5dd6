import { describe, expect, it } from '@jest/globals';
import { SCHEMA_ENTERPRISE_USER, SCHEMA_GROUP, SCHEMA_USER, ScimError, projectAttributes } from './index.js';

const ENT = SCHEMA_ENTERPRISE_USER;

const user = {
  schemas: [SCHEMA_USER, ENT],
  id: 'u-1',
  externalId: 'ext-1',
  userName: 'ada@example.com',
  displayName: 'Ada',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [
    { value: 'emailName357', type: 'work', primary: true },
    { value: 'ada@home.example', type: 'home' },
  ],
  meta: { resourceType: 'User', location: 'https://x/Users/u-1' },
  [ENT]: { department: 'Math', employeeNumber: '7' },
};

describe('projectAttributes', () => {
  it('returns everything when neither parameter is given', () => {
    expect(projectAttributes(user, {}, 'User')).toEqual(user);
  });

  it('returns only requested attributes plus id and schemas', () => {
    expect(projectAttributes(user, { attributes: 'userName,emails' }, 'User')).toEqual({
      schemas: user.schemas,
      id: 'u-1',
      userName: 'ada@example.com',
      emails: user.emails,
    });
  });

  it('matches names case-insensitively and selects sub-attributes', () => {
    expect(projectAttributes(user, { attributes: ['USERNAME', 'name.GivenName', 'emails.value'] }, 'User')).toEqual({
      schemas: user.schemas,
      id: 'u-1',
      userName: 'ada@example.com',
      name: { givenName: 'Ada' },
      emails: [{ value: 'emailName357' }, { value: 'ada@home.example' }],
    });
  });

  it('selects URN-qualified attributes and whole extensions', () => {
    expect(projectAttributes(user, { attributes: `${ENT}:department,urn:ietf:params:scim:schemas:core:2.0:User:displayName` }, 'User')).toEqual({
      schemas: user.schemas,
      id: 'u-1',
      displayName: 'Ada',
      [ENT]: { department: 'Math' },
    });
    expect(projectAttributes(user, { attributes: ENT }, 'User')[ENT]).toEqual(user[ENT]);
  });

  it("narrows values with a bracket filter, as Microsoft's reference tests request", () => {
    expect(projectAttributes(user, { attributes: 'emails[type eq "work"]' }, 'User').emails).toEqual([user.emails[0]]);
    expect(projectAttributes(user, { attributes: 'emails[value eq "emailName357"]' }, 'User').emails).toEqual([user.emails[0]]);
  });

  it('excludes attributes, sub-attributes and extension attributes but never id', () => {
    const out = projectAttributes(user, { excludedAttributes: 'emails,name.familyName,ID,meta,' + `${ENT}:department` }, 'User');
    expect(out).toEqual({
      schemas: user.schemas,
      id: 'u-1',
      externalId: 'ext-1',
      userName: 'ada@example.com',
      displayName: 'Ada',
      name: { givenName: 'Ada' },
      [ENT]: { employeeNumber: '7' },
    });
  });

  it('excludes members from a group', () => {
    const group = { schemas: [SCHEMA_GROUP], id: 'g-1', displayName: 'Eng', members: [{ value: 'u-1' }] };
    expect(projectAttributes(group, { excludedAttributes: 'members' }, 'Group')).toEqual({ schemas: [SCHEMA_GROUP], id: 'g-1', displayName: 'Eng' });
  });

  it('does not mutate the resource', () => {
    const copy = JSON.parse(JSON.stringify(user));
    projectAttributes(user, { excludedAttributes: 'name.givenName' }, 'User');
    expect(user).toEqual(copy);
  });

  it('rejects a malformed attribute list with 400 invalidValue', () => {
    expect(() => projectAttributes(user, { attributes: 'emails[type eq' }, 'User')).toThrow(ScimError);
    try {
      projectAttributes(user, { attributes: 'emails[type eq' }, 'User');
    } catch (err) {
      expect((err as ScimError).scimType).toBe('invalidValue');
    }
  });
});
