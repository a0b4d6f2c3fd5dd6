import { describe, expect, it } from '@jest/globals';
import {
  MESSAGE_PATCH_OP,
  SCHEMA_ENTERPRISE_USER,
  SCHEMA_GROUP,
  SCHEMA_USER,
  ScimError,
  applyPatch,
  type PatchOperation,
  type ResourceTypeName,
} from './index.js';

const ENT = SCHEMA_ENTERPRISE_USER;

function baseUser(): Record<string, unknown> {
  return {
    schemas: [SCHEMA_USER],
    id: 'u-1',
    externalId: 'ext-1',
    userName: 'ada@example.com',
    displayName: 'Ada Lovelace',
    active: true,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [
      { value: 'ada@example.com', type: 'work', primary: true },
      { value: 'ada@home.example', type: 'home' },
    ],
    meta: { resourceType: 'User', created: '2024-01-01T00:00:00Z' },
  };
}

function baseGroup(): Record<string, unknown> {
  return {
    schemas: [SCHEMA_GROUP],
    id: 'g-1',
    displayName: 'Engineering',
    members: [{ value: 'u-1' }, { value: 'u-2' }],
  };
}

function patch(resource: Record<string, unknown>, operations: PatchOperation[], resourceType: ResourceTypeName = 'User') {
  return applyPatch(resource, { schemas: [MESSAGE_PATCH_OP], Operations: operations }, { resourceType });
}

function patchError(resource: Record<string, unknown>, body: unknown, resourceType: ResourceTypeName = 'User'): ScimError {
  try {
    applyPatch(resource, body, { resourceType });
  } catch (err) {
    expect(err).toBeInstanceOf(ScimError);
    return err as ScimError;
  }
  throw new Error('expected the PATCH to fail');
}

const ops = (...operations: PatchOperation[]) => ({ schemas: [MESSAGE_PATCH_OP], Operations: operations });

describe('applyPatch: Entra ID default (without aadOptscim062020)', () => {
  it('deactivates a user with a capitalised op and the string "False"', () => {
    const { resource, changes } = patch(baseUser(), [{ op: 'Replace', path: 'active', value: 'False' }]);
    expect(resource.active).toBe(false);
    expect(changes.active).toEqual({ old: true, new: false });
    expect(changes.attributes).toEqual(['active']);
  });

  it('reactivates with "True"', () => {
    const { resource, changes } = patch({ ...baseUser(), active: false }, [{ op: 'Replace', path: 'active', value: 'True' }]);
    expect(resource.active).toBe(true);
    expect(changes.active).toEqual({ old: false, new: true });
  });

  it('adds members with {"op":"Add","path":"members","value":[...]}', () => {
    const { resource, changes } = patch(
      baseGroup(),
      [{ op: 'Add', path: 'members', value: [{ value: 'u-3' }, { value: 'u-4' }] }],
      'Group',
    );
    expect(resource.members).toEqual([{ value: 'u-1' }, { value: 'u-2' }, { value: 'u-3' }, { value: 'u-4' }]);
    expect(changes.members).toEqual({ added: ['u-3', 'u-4'], removed: [] });
  });

  it('removes only the listed members with {"op":"Remove","path":"members","value":[...]}', () => {
    const { resource, changes } = patch(baseGroup(), [{ op: 'Remove', path: 'members', value: [{ value: 'u-2' }] }], 'Group');
    expect(resource.members).toEqual([{ value: 'u-1' }]);
    expect(changes.members).toEqual({ added: [], removed: ['u-2'] });
  });

  it('updates a work email and the enterprise manager the way Entra sends them', () => {
    const { resource } = patch(baseUser(), [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ada@new.example' },
      { op: 'Add', path: `${ENT}:manager`, value: 'boss-1' },
      { op: 'Replace', path: 'name.familyName', value: 'King' },
    ]);
    expect(resource.emails).toEqual([
      { value: 'ada@new.example', type: 'work', primary: true },
      { value: 'ada@home.example', type: 'home' },
    ]);
    expect(resource[ENT]).toEqual({ manager: { value: 'boss-1' } });
    expect(resource.schemas).toEqual([SCHEMA_USER, ENT]);
    expect(resource.name).toEqual({ givenName: 'Ada', familyName: 'King' });
  });
});

describe('applyPatch: Entra ID with aadOptscim062020', () => {
  it('deactivates with a lowercase op and a real boolean', () => {
    const { resource, changes } = patch(baseUser(), [{ op: 'replace', path: 'active', value: false }]);
    expect(resource.active).toBe(false);
    expect(changes.active).toEqual({ old: true, new: false });
  });

  it('applies a path-less replace with dotted and URN-qualified keys', () => {
    const { resource, changes } = patch(baseUser(), [
      {
        op: 'replace',
        value: {
          displayName: 'Countess Lovelace',
          'name.givenName': 'Augusta',
          [`${ENT}:department`]: 'Analytical Engines',
          [`${ENT}:manager`]: { value: 'babbage' },
          'emails[type eq "work"].value': 'augusta@example.com',
        },
      },
    ]);
    expect(resource.displayName).toBe('Countess Lovelace');
    expect(resource.name).toEqual({ givenName: 'Augusta', familyName: 'Lovelace' });
    expect(resource[ENT]).toEqual({ department: 'Analytical Engines', manager: { value: 'babbage' } });
    expect((resource.emails as Array<{ value: string }>)[0]!.value).toBe('augusta@example.com');
    expect(changes.displayName).toEqual({ old: 'Ada Lovelace', new: 'Countess Lovelace' });
    expect(changes.attributes.sort()).toEqual(['displayName', 'emails', `${ENT}:department`, `${ENT}:manager`, 'name'].sort());
  });

  it('removes a member with {"op":"remove","path":"members[value eq \\"id\\"]"}', () => {
    const { resource, changes } = patch(baseGroup(), [{ op: 'remove', path: 'members[value eq "u-1"]' }], 'Group');
    expect(resource.members).toEqual([{ value: 'u-2' }]);
    expect(changes.members).toEqual({ added: [], removed: ['u-1'] });
  });
});

describe('applyPatch: Okta', () => {
  it('deactivates with {"op":"replace","value":{"active":false}}', () => {
    const { resource, changes } = patch(baseUser(), [{ op: 'replace', value: { active: false } }]);
    expect(resource.active).toBe(false);
    expect(changes.active).toEqual({ old: true, new: false });
  });

  it('renames a group with value {id, displayName}, ignoring the unchanged id', () => {
    const { resource, changes } = patch(baseGroup(), [{ op: 'replace', value: { id: 'g-1', displayName: 'Platform' } }], 'Group');
    expect(resource.id).toBe('g-1');
    expect(resource.displayName).toBe('Platform');
    expect(changes.displayName).toEqual({ old: 'Engineering', new: 'Platform' });
    expect(changes.members).toBeUndefined();
  });

  it('refuses a rename that would change the id (400 mutability)', () => {
    const err = patchError(baseGroup(), ops({ op: 'replace', value: { id: 'g-2', displayName: 'Platform' } }), 'Group');
    expect(err.status).toBe(400);
    expect(err.scimType).toBe('mutability');
  });

  it('replaces the member list with the full list', () => {
    const { resource, changes } = patch(baseGroup(), [{ op: 'replace', path: 'members', value: [{ value: 'u-2' }, { value: 'u-9' }] }], 'Group');
    expect(resource.members).toEqual([{ value: 'u-2' }, { value: 'u-9' }]);
    expect(changes.members).toEqual({ added: ['u-9'], removed: ['u-1'] });
  });

  it('replaces the member list with an empty list', () => {
    const { resource, changes } = patch(baseGroup(), [{ op: 'replace', path: 'members', value: [] }], 'Group');
    expect(resource.members).toBeUndefined();
    expect(changes.members).toEqual({ added: [], removed: ['u-1', 'u-2'] });
  });
});

describe("applyPatch: Microsoft's reference collection", () => {
  it('adds a member given as a bare string and keeps its displayName as display', () => {
    const { resource } = patch(
      baseGroup(),
      [
        { op: 'add', path: 'members', value: 'string id 1' },
        { op: 'add', path: 'members', value: [{ displayName: 'new User', value: 'u-4' }] },
      ],
      'Group',
    );
    expect(resource.members).toEqual([{ value: 'u-1' }, { value: 'u-2' }, { value: 'string id 1' }, { value: 'u-4', display: 'new User' }]);
  });

  it('removes all members with {"op":"remove","path":"members"}', () => {
    const { resource, changes } = patch(baseGroup(), [{ op: 'remove', path: 'members' }], 'Group');
    expect(resource.members).toBeUndefined();
    expect(changes.members).toEqual({ added: [], removed: ['u-1', 'u-2'] });
  });
});

describe('applyPatch: add', () => {
  it('sets simple and complex attributes, merging sub-attributes', () => {
    const { resource } = patch(baseUser(), [
      { op: 'add', path: 'title', value: 'Analyst' },
      { op: 'add', path: 'name', value: { middleName: 'King', formatted: 'Ada King Lovelace' } },
    ]);
    expect(resource.title).toBe('Analyst');
    expect(resource.name).toEqual({ givenName: 'Ada', familyName: 'Lovelace', middleName: 'King', formatted: 'Ada King Lovelace' });
  });

  it('appends to a multi-valued attribute without duplicating an existing value', () => {
    const { resource, changes } = patch(baseGroup(), [{ op: 'add', path: 'members', value: [{ value: 'u-1' }] }], 'Group');
    expect(resource.members).toEqual([{ value: 'u-1' }, { value: 'u-2' }]);
    expect(changes.changed).toBe(false);
    expect(changes.members).toBeUndefined();
  });

  it('keeps "primary" unique when a new primary value is added', () => {
    const { resource } = patch(baseUser(), [{ op: 'add', path: 'emails', value: [{ value: 'new@example.com', type: 'other', primary: true }] }]);
    const emails = resource.emails as Array<{ value: string; primary?: boolean }>;
    expect(emails.filter((e) => e.primary === true).map((e) => e.value)).toEqual(['new@example.com']);
  });

  it('adds without a path, appending multi-valued values and merging the extension object', () => {
    const { resource } = patch(baseUser(), [
      {
        op: 'add',
        value: {
          emails: [{ value: 'third@example.com', type: 'other' }],
          nickName: 'Ada',
          [ENT]: { employeeNumber: 1815, costCenter: 'R&D' },
        },
      },
    ]);
    expect((resource.emails as unknown[]).length).toBe(3);
    expect(resource.nickName).toBe('Ada');
    expect(resource[ENT]).toEqual({ employeeNumber: '1815', costCenter: 'R&D' });
  });

  it('creates the value a filtered path targets when none exists yet', () => {
    const noEmails = { ...baseUser(), emails: undefined };
    const { resource } = patch(noEmails, [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'ada@work.example' }]);
    expect(resource.emails).toEqual([{ type: 'work', value: 'ada@work.example' }]);

    const { resource: withHome } = patch(baseUser(), [{ op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' }]);
    expect(withHome.phoneNumbers).toEqual([{ type: 'mobile', value: '+1 555 0100' }]);
  });

  it('fails with noTarget when a filter matches nothing and is too complex to create from', () => {
    const err = patchError(baseUser(), ops({ op: 'replace', path: 'emails[type eq "other" or value co "zzz"].value', value: 'a@b.c' }));
    expect(err.scimType).toBe('noTarget');
  });

  it('accepts the enterprise manager as [{"value"}], {"value"} or a bare string', () => {
    for (const value of [[{ value: 'm-1' }], { value: 'm-1' }, 'm-1']) {
      const { resource } = patch(baseUser(), [{ op: 'add', path: `${ENT}:manager`, value }]);
      expect(resource[ENT]).toEqual({ manager: { value: 'm-1' } });
    }
  });

  it('writes the whole extension when the path is its URN', () => {
    const { resource } = patch(baseUser(), [{ op: 'add', path: ENT, value: { Department: 'Math', manager: 'm-2' } }]);
    expect(resource[ENT]).toEqual({ department: 'Math', manager: { value: 'm-2' } });
  });
});

describe('applyPatch: replace', () => {
  it('replaces simple attributes and sub-attributes', () => {
    const { resource, changes } = patch(baseUser(), [
      { op: 'replace', path: 'userName', value: 'ada.king@example.com' },
      { op: 'replace', path: 'name.givenName', value: 'Augusta' },
    ]);
    expect(resource.userName).toBe('ada.king@example.com');
    expect(resource.name).toEqual({ givenName: 'Augusta', familyName: 'Lovelace' });
    expect(changes.attributes.sort()).toEqual(['name', 'userName']);
  });

  it('replaces matched values of a multi-valued attribute, keeping what the filter pinned', () => {
    const { resource } = patch(baseUser(), [{ op: 'replace', path: 'emails[type eq "home"]', value: { value: 'ada@new-home.example' } }]);
    expect(resource.emails).toEqual([
      { value: 'ada@example.com', type: 'work', primary: true },
      { type: 'home', value: 'ada@new-home.example' },
    ]);
  });

  it('sets "primary" on one email and clears it on the others', () => {
    const { resource } = patch(baseUser(), [{ op: 'replace', path: 'emails[type eq "home"].primary', value: 'True' }]);
    expect(resource.emails).toEqual([
      { value: 'ada@example.com', type: 'work', primary: false },
      { value: 'ada@home.example', type: 'home', primary: true },
    ]);
  });

  it('unassigns an attribute replaced with null', () => {
    const { resource } = patch(baseUser(), [{ op: 'replace', path: 'displayName', value: null }]);
    expect(resource).not.toHaveProperty('displayName');
  });

  it('treats attribute names and the op case-insensitively and stores canonical names', () => {
    const { displayName: _ignored, ...user } = baseUser();
    const { resource } = patch({ ...user, DisplayName: 'Old' }, [
      { op: 'REPLACE', path: 'displayname', value: 'New' },
      { op: 'Add', path: 'EMAILS[TYPE eq "work"].Primary', value: true },
    ]);
    expect(resource.displayName).toBe('New');
    expect(Object.keys(resource).filter((k) => k.toLowerCase() === 'displayname')).toEqual(['displayName']);
  });

  it('normalises value keys in any case to canonical names', () => {
    const { resource } = patch(baseUser(), [{ op: 'replace', path: 'emails', value: [{ Value: 'x@y.z', Type: 'work', Primary: true }] }]);
    expect(resource.emails).toEqual([{ value: 'x@y.z', type: 'work', primary: true }]);
  });
});

describe('applyPatch: remove', () => {
  it('removes attributes, sub-attributes and filtered values', () => {
    const { resource } = patch(baseUser(), [
      { op: 'remove', path: 'displayName' },
      { op: 'remove', path: 'name.givenName' },
      { op: 'remove', path: 'emails[type eq "home"]' },
    ]);
    expect(resource).not.toHaveProperty('displayName');
    expect(resource.name).toEqual({ familyName: 'Lovelace' });
    expect(resource.emails).toEqual([{ value: 'ada@example.com', type: 'work', primary: true }]);
  });

  it('is a no-op when the filter matches nothing', () => {
    const { resource, changes } = patch(baseGroup(), [{ op: 'remove', path: 'members[value eq "nobody"]' }], 'Group');
    expect(resource.members).toEqual([{ value: 'u-1' }, { value: 'u-2' }]);
    expect(changes.changed).toBe(false);
  });

  it('removes the enterprise manager and drops the extension once empty', () => {
    const user = { ...baseUser(), schemas: [SCHEMA_USER, ENT], [ENT]: { manager: { value: 'm-1' } } };
    const { resource, changes } = patch(user, [{ op: 'Remove', path: `${ENT}:manager` }]);
    expect(Object.keys(resource)).not.toContain(ENT);
    expect(resource.schemas).toEqual([SCHEMA_USER]);
    expect(changes.attributes).toEqual([`${ENT}:manager`]);
  });

  it('without a path is 400 noTarget', () => {
    const err = patchError(baseUser(), ops({ op: 'remove' }));
    expect(err.status).toBe(400);
    expect(err.scimType).toBe('noTarget');
  });
});

describe('applyPatch: errors', () => {
  it('refuses read-only attributes with 400 mutability', () => {
    expect(patchError(baseUser(), ops({ op: 'replace', path: 'id', value: 'other' })).scimType).toBe('mutability');
    expect(patchError(baseUser(), ops({ op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' })).scimType).toBe('mutability');
    expect(patchError(baseUser(), ops({ op: 'replace', value: { meta: { version: 'x' } } })).scimType).toBe('mutability');
    expect(patchError(baseUser(), ops({ op: 'add', path: 'groups', value: [{ value: 'g-1' }] })).scimType).toBe('mutability');
  });

  it('refuses changing an immutable member id', () => {
    const err = patchError(baseGroup(), ops({ op: 'replace', path: 'members[value eq "u-1"].value', value: 'u-7' }), 'Group');
    expect(err.scimType).toBe('mutability');
  });

  it('rejects malformed paths with 400 invalidPath', () => {
    const err = patchError(baseUser(), ops({ op: 'replace', path: 'emails[type eq "work"', value: 'x' }));
    expect(err.status).toBe(400);
    expect(err.scimType).toBe('invalidPath');
    expect(err.detail).toMatch(/^Operations\[0\]: Invalid path/);
    expect(patchError(baseUser(), ops({ op: 'replace', path: 'name[givenName eq "x"]', value: 'x' })).scimType).toBe('invalidPath');
    expect(patchError(baseUser(), ops({ op: 'replace', path: 'userName.first', value: 'x' })).scimType).toBe('invalidPath');
  });

  it('rejects values of the wrong type with 400 invalidValue', () => {
    expect(patchError(baseUser(), ops({ op: 'replace', path: 'active', value: 'maybe' })).scimType).toBe('invalidValue');
    expect(patchError(baseUser(), ops({ op: 'replace', path: 'userName', value: { a: 1 } })).scimType).toBe('invalidValue');
    expect(patchError(baseUser(), ops({ op: 'replace', path: 'name', value: 'Ada' })).scimType).toBe('invalidValue');
    expect(patchError(baseUser(), ops({ op: 'replace', value: 'not an object' })).scimType).toBe('invalidValue');
    expect(patchError(baseUser(), ops({ op: 'add', path: 'title' })).scimType).toBe('invalidValue');
  });

  it('rejects an empty Operations list with 400 invalidValue and a bad body with invalidSyntax', () => {
    expect(patchError(baseUser(), { schemas: [MESSAGE_PATCH_OP], Operations: [] }).scimType).toBe('invalidValue');
    expect(patchError(baseUser(), { schemas: [MESSAGE_PATCH_OP] }).scimType).toBe('invalidSyntax');
    expect(patchError(baseUser(), 'nope').scimType).toBe('invalidSyntax');
    expect(patchError(baseUser(), ops({ op: 'move', path: 'title', value: 'x' })).scimType).toBe('invalidSyntax');
  });

  it('refuses to remove the required userName / displayName', () => {
    expect(patchError(baseUser(), ops({ op: 'remove', path: 'userName' })).scimType).toBe('invalidValue');
    expect(patchError(baseGroup(), ops({ op: 'replace', path: 'displayName', value: '' }), 'Group').scimType).toBe('invalidValue');
  });

  it('is atomic: a failing operation leaves the input untouched', () => {
    const user = baseUser();
    const snapshot = JSON.parse(JSON.stringify(user));
    patchError(user, ops({ op: 'replace', path: 'displayName', value: 'Changed' }, { op: 'replace', path: 'id', value: 'x' }));
    expect(user).toEqual(snapshot);
  });
});

describe('applyPatch: tolerance', () => {
  it('accepts a request without schemas', () => {
    const { resource } = applyPatch(baseUser(), { Operations: [{ op: 'replace', path: 'title', value: 'x' }] }, { resourceType: 'User' });
    expect(resource.title).toBe('x');
  });

  it('never mutates its input', () => {
    const group = baseGroup();
    patch(group, [{ op: 'add', path: 'members', value: [{ value: 'u-3' }] }], 'Group');
    expect(group.members).toEqual([{ value: 'u-1' }, { value: 'u-2' }]);
  });

  it('skips attributes outside the schema and reports them', () => {
    const { resource, changes } = patch(baseUser(), [
      { op: 'add', path: 'favouriteColour', value: 'green' },
      { op: 'replace', value: { 'urn:example:custom:1.0:User:shoeSize': 44, title: 'Dr' } },
    ]);
    expect(resource).not.toHaveProperty('favouriteColour');
    expect(resource.title).toBe('Dr');
    expect(changes.ignored).toEqual(['favouriteColour', 'urn:example:custom:1.0:User:shoeSize']);
  });

  it('keeps a complex attribute intact when an unknown sub-attribute is targeted', () => {
    const { resource, changes } = patch({ ...baseUser(), Name: { givenName: 'Ada' }, name: undefined }, [
      { op: 'replace', path: 'name.shoeSize', value: 'x' },
    ]);
    expect(resource.Name).toEqual({ givenName: 'Ada' });
    expect(changes.ignored).toEqual(['name.shoeSize']);
  });

  it('merges a path-less complex value into the existing one', () => {
    const { resource } = patch(baseUser(), [{ op: 'replace', value: { NAME: { GivenName: 'Augusta' } } }]);
    expect(resource.name).toEqual({ givenName: 'Augusta', familyName: 'Lovelace' });
  });

  it('reports nothing changed for a replace with the same value', () => {
    const { changes } = patch(baseUser(), [{ op: 'Replace', path: 'active', value: 'True' }]);
    expect(changes).toEqual({ changed: false, attributes: [], ignored: [] });
  });
});
