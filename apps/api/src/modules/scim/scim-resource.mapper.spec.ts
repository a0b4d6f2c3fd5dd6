import { describe, expect, it } from '@jest/globals';
import type { ScimGroup } from './entities/scim-group.entity.js';
import type { ScimUser } from './entities/scim-user.entity.js';
import {
  groupForPatch,
  mergeResolvedUser,
  sameJson,
  scimBaseUrl,
  storedAttributes,
  toGroupResource,
  toUserResource,
  userForPatch,
  versionTag,
} from './scim-resource.mapper.js';

const base = 'https://gh.example.com/scim/v2/c1';
const created = new Date('2026-05-01T10:00:00.000Z');
const updated = new Date('2026-05-02T11:00:00.000Z');

const user = (resource: Record<string, unknown>): ScimUser =>
  Object.assign({
    id: 'u1',
    companyId: 'co',
    connectorId: 'c1',
    userName: 'ada',
    userNameLower: 'ada',
    externalId: null,
    active: true,
    resource,
    downstreamId: '77',
    createdAt: created,
    updatedAt: updated,
    version: 3,
  });

const group = (resource: Record<string, unknown>): ScimGroup =>
  Object.assign({
    id: 'g1',
    companyId: 'co',
    connectorId: 'c1',
    displayName: 'Eng',
    displayNameLower: 'eng',
    externalId: null,
    resource,
    downstreamId: null,
    createdAt: created,
    updatedAt: updated,
    version: 1,
  });

describe('scimBaseUrl and versionTag', () => {
  it('builds the per-connector base URL and a weak ETag', () => {
    expect(scimBaseUrl('https://gh.example.com/', 'c1')).toBe(base);
    expect(versionTag(4)).toBe('W/"4"');
  });
});

describe('toUserResource', () => {
  it('puts the row id and meta around the stored attributes, ignoring stored id/meta', () => {
    const out = toUserResource(user({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ada', id: 'wrong', meta: { x: 1 } }), base);
    expect(out).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: 'u1',
      userName: 'ada',
      meta: { resourceType: 'User', created: '2026-05-01T10:00:00.000Z', lastModified: '2026-05-02T11:00:00.000Z', version: 'W/"3"', location: `${base}/Users/u1` },
    });
    expect(Object.keys(out)[0]).toBe('schemas');
  });
});

describe('toGroupResource and groupForPatch', () => {
  it('lists members with a reference to their User; the PATCH view keeps only value and display', () => {
    const row = group({ displayName: 'Eng', externalId: 'e-1' });
    const members = [
      { userId: 'u1', display: 'Ada' },
      { userId: 'u2', display: null },
    ];
    expect(toGroupResource(row, members, base)).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id: 'g1',
      displayName: 'Eng',
      externalId: 'e-1',
      members: [
        { value: 'u1', display: 'Ada', $ref: `${base}/Users/u1`, type: 'User' },
        { value: 'u2', $ref: `${base}/Users/u2`, type: 'User' },
      ],
      meta: { resourceType: 'Group', created: created.toISOString(), lastModified: updated.toISOString(), version: 'W/"1"', location: `${base}/Groups/g1` },
    });
    expect(groupForPatch(row, members)).toEqual({ displayName: 'Eng', externalId: 'e-1', id: 'g1', members: [{ value: 'u1', display: 'Ada' }, { value: 'u2' }] });
    expect(groupForPatch(row, [])).toEqual({ displayName: 'Eng', externalId: 'e-1', id: 'g1' });
    expect(toGroupResource(row, [], base).members).toEqual([]);
  });
});

describe('userForPatch and storedAttributes', () => {
  it('adds the id for the PATCH engine and strips id, meta (and named attributes) for storage', () => {
    expect(userForPatch(user({ userName: 'ada', meta: {} }))).toEqual({ userName: 'ada', id: 'u1' });
    expect(storedAttributes({ id: 'x', Meta: {}, userName: 'ada', members: [1] }, ['members'])).toEqual({ userName: 'ada' });
  });
});

describe('sameJson', () => {
  it('ignores key order and undefined values, not array order', () => {
    expect(sameJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1, d: undefined })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: '1' })).toBe(false);
  });
});

describe('mergeResolvedUser', () => {
  it('lays the downstream fields over the stored user, the email onto the primary address', () => {
    const stored = {
      userName: 'ada',
      active: true,
      emails: [
        { value: 'home@x', type: 'home' },
        { value: 'work@x', type: 'work', primary: true },
      ],
    };
    expect(mergeResolvedUser(stored, { userName: 'ada.l', displayName: 'Ada L', active: false, email: 'new@x' })).toEqual({
      userName: 'ada.l',
      displayName: 'Ada L',
      active: false,
      emails: [
        { value: 'home@x', type: 'home' },
        { value: 'new@x', type: 'work', primary: true },
      ],
    });
  });

  it('adds a primary work email when there is none and leaves missing fields alone', () => {
    expect(mergeResolvedUser({ userName: 'ada' }, { email: 'a@x' })).toEqual({ userName: 'ada', emails: [{ value: 'a@x', type: 'work', primary: true }] });
    expect(mergeResolvedUser({ userName: 'ada', active: true }, {})).toEqual({ userName: 'ada', active: true });
    expect(mergeResolvedUser({ emails: [{ value: 'a@x' }, { value: 'b@x' }] }, { email: 'c@x' })).toEqual({ emails: [{ value: 'c@x' }, { value: 'b@x' }] });
  });
});
