import { describe, expect, it } from '@jest/globals';
import { ScimError } from '@gatehouse/scim';
import { asksForAttributes, groupLookup, projectionDropsMembers, readListQuery, readProjection, userLookup } from './scim-list-query.js';

const filterOf = (text: string) => readListQuery({ filter: text }).filter;

describe('readListQuery', () => {
  it('reads filter, paging and attribute selection, parameter names in any case', () => {
    const q = readListQuery({ Filter: 'userName eq "a"', STARTINDEX: '3', count: '10', attributes: 'userName', excludedattributes: 'emails' });
    expect(q.filter).toMatchObject({ kind: 'comparison', operator: 'eq' });
    expect(q.pagination).toEqual({ startIndex: 3, count: 10 });
    expect(q.projection).toEqual({ attributes: 'userName', excludedAttributes: 'emails' });
  });

  it('defaults to the first 100 and no filter; the first of repeated parameters wins; blanks are ignored', () => {
    expect(readListQuery({})).toEqual({ pagination: { startIndex: 1, count: 100 }, projection: {} });
    expect(readListQuery({ filter: ['userName eq "x"', 'garbage'], attributes: '  ' }).filter).toMatchObject({ kind: 'comparison' });
    expect(readListQuery({ filter: '   ' }).filter).toBeUndefined();
  });

  it('throws the library errors for a bad filter or page', () => {
    expect(() => readListQuery({ filter: 'userName eq' })).toThrow(ScimError);
    expect(() => readListQuery({ count: 'ten' })).toThrow(ScimError);
  });
});

describe('readProjection and asksForAttributes', () => {
  it('tells whether the caller chose attributes', () => {
    expect(asksForAttributes(readProjection({}))).toBe(false);
    expect(asksForAttributes(readProjection({ excludedAttributes: 'members' }))).toBe(true);
    expect(asksForAttributes(readProjection({ Attributes: 'displayName' }))).toBe(true);
  });
});

describe('userLookup and groupLookup', () => {
  it('turns single equalities on indexed attributes into store lookups', () => {
    expect(userLookup(filterOf('userName eq "Ada"'))).toEqual({ by: 'userName', value: 'Ada' });
    expect(userLookup(filterOf('externalId eq 0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef'))).toEqual({ by: 'externalId', value: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef' });
    expect(userLookup(filterOf('id eq "u1"'))).toEqual({ by: 'id', value: 'u1' });
    expect(userLookup(filterOf('emails[value eq "a@x"]'))).toEqual({ by: 'email', value: 'a@x' });
    expect(userLookup(filterOf('emails.value eq "a@x"'))).toEqual({ by: 'email', value: 'a@x' });
    expect(groupLookup(filterOf('displayName eq "Eng"'))).toEqual({ by: 'displayName', value: 'Eng' });
    expect(groupLookup(filterOf('externalId eq "g"'))).toEqual({ by: 'externalId', value: 'g' });
  });

  it('leaves everything else to evaluation over the connector\'s rows', () => {
    for (const text of ['userName co "a"', 'userName eq "a" or userName eq "b"', 'displayName eq "x"', 'active eq true', 'not (userName eq "a")']) {
      expect(userLookup(filterOf(text))).toBeUndefined();
    }
    expect(userLookup(undefined)).toBeUndefined();
    expect(groupLookup(filterOf('members[value eq "u1"]'))).toBeUndefined();
  });
});

describe('projectionDropsMembers', () => {
  it('is true when members are excluded or not among the selected attributes', () => {
    expect(projectionDropsMembers({ excludedAttributes: 'members' })).toBe(true);
    expect(projectionDropsMembers({ excludedAttributes: 'externalId, Members' })).toBe(true);
    expect(projectionDropsMembers({ attributes: 'displayName' })).toBe(true);
    expect(projectionDropsMembers({ attributes: 'urn:ietf:params:scim:schemas:core:2.0:Group:displayName' })).toBe(true);
  });

  it('is false when members may be in the answer', () => {
    expect(projectionDropsMembers({})).toBe(false);
    expect(projectionDropsMembers({ excludedAttributes: 'externalId' })).toBe(false);
    expect(projectionDropsMembers({ attributes: 'displayName,members' })).toBe(false);
    expect(projectionDropsMembers({ attributes: 'members.value' })).toBe(false);
    expect(projectionDropsMembers({ attributes: 'urn:ietf:params:scim:schemas:core:2.0:Group:members' })).toBe(false);
    expect(projectionDropsMembers({ attributes: 'displayName', excludedAttributes: 'displayName' })).toBe(true);
  });
});
