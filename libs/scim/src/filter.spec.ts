import { describe, expect, it } from '@jest/globals';
import {
  SCHEMA_ENTERPRISE_USER,
  ScimError,
  evaluateFilter,
  extractSimpleEquality,
  parseFilter,
  type FilterNode,
} from './index.js';

const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', SCHEMA_ENTERPRISE_USER],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: 'Ext-ABC',
  userName: 'Bjensen@Example.com',
  displayName: 'Babs Jensen',
  title: 'Tour Guide',
  userType: 'Employee',
  active: true,
  loginCount: 42,
  name: { familyName: 'Jensen', givenName: 'Barbara' },
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  meta: { resourceType: 'User', created: '2011-08-01T18:29:49.793Z', lastModified: '2011-08-01T18:29:49.793Z' },
  [SCHEMA_ENTERPRISE_USER]: { employeeNumber: '701984', department: 'Tour Operations', manager: { value: 'boss-1' } },
};

const group = {
  id: 'g1',
  displayName: 'Admins',
  members: [{ value: 'u1' }, { value: 'u2', type: 'User' }],
};

function matches(filter: string, resource: Record<string, unknown> = user): boolean {
  return evaluateFilter(parseFilter(filter), resource);
}

function parseError(filter: string): ScimError {
  try {
    parseFilter(filter);
  } catch (err) {
    expect(err).toBeInstanceOf(ScimError);
    return err as ScimError;
  }
  throw new Error(`expected "${filter}" to be rejected`);
}

describe('parseFilter', () => {
  it('builds an AST with canonical names and the operator in lower case', () => {
    expect(parseFilter('UserName EQ "bjensen"')).toEqual({
      kind: 'comparison',
      path: { attribute: 'userName' },
      operator: 'eq',
      value: 'bjensen',
    });
  });

  it('parses sub-attributes and URN-qualified names', () => {
    expect(parseFilter('name.FAMILYNAME sw "J"')).toMatchObject({ path: { attribute: 'name', subAttribute: 'familyName' } });
    expect(parseFilter(`${SCHEMA_ENTERPRISE_USER}:employeeNumber eq "701984"`)).toMatchObject({
      path: { schema: SCHEMA_ENTERPRISE_USER, attribute: 'employeeNumber' },
    });
    expect(parseFilter(`urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:manager.value eq "x"`)).toMatchObject({
      path: { schema: SCHEMA_ENTERPRISE_USER, attribute: 'manager', subAttribute: 'value' },
    });
  });

  it('parses JSON values: strings with escapes, numbers, true, false, null', () => {
    expect(parseFilter('title eq "say \\"hi\\" \\\\ \\u00e9\\n"')).toMatchObject({ value: 'say "hi" \\ é\n' });
    expect(parseFilter('loginCount gt 4.5e1')).toMatchObject({ value: 45, rawValue: '4.5e1' });
    expect(parseFilter('loginCount gt -3')).toMatchObject({ value: -3 });
    expect(parseFilter('active eq true')).toMatchObject({ value: true });
    expect(parseFilter('active eq False')).toMatchObject({ value: false });
    expect(parseFilter('title eq null')).toMatchObject({ value: null });
  });

  it("takes Entra's unquoted value as a string", () => {
    expect(parseFilter('externalId eq 1234abcd-ef00-4a1b-9c2d-0123456789ab')).toMatchObject({
      path: { attribute: 'externalId' },
      value: '1234abcd-ef00-4a1b-9c2d-0123456789ab',
    });
  });

  it('gives "not" the tightest binding, then "and", then "or"', () => {
    const ast = parseFilter('title pr or userType eq "A" and not (active eq false)');
    const expected: FilterNode = {
      kind: 'or',
      left: { kind: 'present', path: { attribute: 'title' } },
      right: {
        kind: 'and',
        left: { kind: 'comparison', path: { attribute: 'userType' }, operator: 'eq', value: 'A' },
        right: {
          kind: 'not',
          operand: { kind: 'comparison', path: { attribute: 'active' }, operator: 'eq', value: false },
        },
      },
    };
    expect(ast).toEqual(expected);
  });

  it('parses value filters, including logic inside the brackets', () => {
    expect(parseFilter('emails[type eq "work" and primary eq true]')).toMatchObject({
      kind: 'valuePath',
      path: { attribute: 'emails' },
      filter: { kind: 'and' },
    });
  });

  it('reports where a filter is broken and what was expected', () => {
    const bad = parseError('userName foo "x"');
    expect(bad.status).toBe(400);
    expect(bad.scimType).toBe('invalidFilter');
    expect(bad.detail).toMatch(/character 10/);
    expect(bad.detail).toMatch(/expected an operator/);
    expect(parseError('userName eq').detail).toMatch(/character 12.*expected a space and a value/);
    expect(parseError('userName eq "x').detail).toMatch(/character 13: unterminated string/);
    expect(parseError('(userName eq "x"').detail).toMatch(/character 17: expected "\)"/);
    expect(parseError('userName eq "x")').detail).toMatch(/character 16.*unmatched "\)"/);
    expect(parseError('userName eq "x" xor title pr').detail).toMatch(/character 17: expected "and", "or" or end of filter but found "xor"/);
    expect(parseError('emails[type eq "work"').detail).toMatch(/expected "\]"/);
    expect(parseError('emails[type eq "a" and addr[x eq "y"]]').detail).toMatch(/cannot be nested/);
    expect(parseError('1abc eq "x"').detail).toMatch(/character 1: "1abc" is not a valid attribute name/);
    expect(parseError('active gt true').detail).toMatch(/"gt" cannot be used with true/);
    expect(parseError('   ').detail).toMatch(/empty/);
    expect(parseError('not userName eq "x"').detail).toMatch(/character 5: expected "\(" after "not"/);
    expect(parseError('a.b.c eq 1').detail).toMatch(/more than one sub-attribute/);
  });

  it('refuses filters nested too deeply instead of overflowing the stack', () => {
    const deep = `${'('.repeat(200)}title pr${')'.repeat(200)}`;
    expect(parseError(deep).detail).toMatch(/nesting deeper/);
  });
});

describe('evaluateFilter', () => {
  it('eq / ne', () => {
    expect(matches('userName eq "bjensen@example.com"')).toBe(true);
    expect(matches('userName ne "bjensen@example.com"')).toBe(false);
    expect(matches('userName ne "other"')).toBe(true);
    expect(matches('nickName ne "x"')).toBe(true); // absent attribute is "not equal"
  });

  it('co / sw / ew', () => {
    expect(matches('displayName co "bs je"')).toBe(true);
    expect(matches('displayName sw "babs"')).toBe(true);
    expect(matches('displayName ew "JENSEN"')).toBe(true);
    expect(matches('displayName ew "babs"')).toBe(false);
  });

  it('gt / ge / lt / le on strings, numbers and dates', () => {
    expect(matches('title gt "A"')).toBe(true);
    expect(matches('title lt "A"')).toBe(false);
    expect(matches('loginCount ge 42')).toBe(true);
    expect(matches('loginCount gt 42')).toBe(false);
    expect(matches('loginCount le 42')).toBe(true);
    expect(matches('loginCount lt 43')).toBe(true);
    expect(matches('meta.lastModified gt "2011-05-13T04:42:34Z"')).toBe(true);
    // Microsoft's reference tests send an unquoted timestamp with 7 fractional digits.
    expect(matches('meta.Created gt 2010-10-10T14:38:21.8617979-07:00')).toBe(true);
    expect(matches('meta.created lt 2010-10-10T14:38:21Z')).toBe(false);
  });

  it('pr', () => {
    expect(matches('title pr')).toBe(true);
    expect(matches('nickName pr')).toBe(false);
    expect(matches('name pr')).toBe(true);
    expect(matches('title pr', { title: '' })).toBe(false);
  });

  it('and / or / not with grouping', () => {
    expect(matches('userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")')).toBe(true);
    expect(matches('userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")')).toBe(false);
    expect(matches('title eq "x" or title eq "y" and active eq true')).toBe(false);
    expect(matches('title eq "Tour Guide" or title eq "y" and active eq false')).toBe(true);
    expect(matches('(title eq "Tour Guide" or title eq "y") and active eq false')).toBe(false);
    expect(matches('not(active eq false)')).toBe(true);
  });

  it('matches a multi-valued attribute when any value matches', () => {
    expect(matches('emails.value eq "babs@jensen.org"')).toBe(true);
    expect(matches('emails.type eq "other"')).toBe(false);
    expect(matches('emails co "jensen.org"')).toBe(true);
  });

  it('evaluates value filters against one value at a time', () => {
    expect(matches('emails[type eq "work" and value co "@example.com"]')).toBe(true);
    // Both conditions hold, but on different emails: no match.
    expect(matches('emails[type eq "home" and value co "@example.com"]')).toBe(false);
    expect(matches('emails[type eq "work" and primary eq true]')).toBe(true);
    expect(matches('emails[type eq "work"].value eq "bjensen@example.com"')).toBe(true);
    expect(matches('emails[type eq "home"].value eq "bjensen@example.com"')).toBe(false);
    expect(matches('members[value eq "u2"]', group)).toBe(true);
    expect(matches('members[value eq "u3"]', group)).toBe(false);
  });

  it('is case-insensitive for names and for caseExact:false values only', () => {
    expect(matches('USERNAME Eq "BJENSEN@EXAMPLE.COM"')).toBe(true);
    expect(matches('name.GIVENNAME eq "barbara"')).toBe(true);
    expect(matches('externalId eq "ext-abc"')).toBe(false);
    expect(matches('externalId eq "Ext-ABC"')).toBe(true);
    expect(matches('id eq "2819C223-7F76-453A-919D-413861904646"')).toBe(false);
  });

  it('reads enterprise attributes by URN, and unqualified when unambiguous', () => {
    expect(matches(`${SCHEMA_ENTERPRISE_USER}:employeeNumber eq "701984"`)).toBe(true);
    expect(matches(`${SCHEMA_ENTERPRISE_USER}:manager.value eq "BOSS-1"`)).toBe(true);
    expect(matches('department eq "tour operations"')).toBe(true);
    expect(matches(`${SCHEMA_ENTERPRISE_USER}:displayName eq "Babs Jensen"`)).toBe(false);
  });

  it('compares booleans, including "True" strings and unquoted values', () => {
    expect(matches('active eq true')).toBe(true);
    expect(matches('active eq "True"')).toBe(true);
    expect(matches('active eq false')).toBe(false);
    // Data stored before normalisation ("True") still compares as text, case-insensitively.
    expect(matches('active eq true', { active: 'True' })).toBe(true);
  });

  it('handles null comparisons as presence checks', () => {
    expect(matches('nickName eq null')).toBe(true);
    expect(matches('title eq null')).toBe(false);
    expect(matches('title ne null')).toBe(true);
  });

  it('compares an unquoted number against a string attribute as text', () => {
    expect(matches('externalId eq 701984', { externalId: '701984' })).toBe(true);
    expect(matches(`${SCHEMA_ENTERPRISE_USER}:employeeNumber eq 701984`)).toBe(true);
  });

  it("answers Entra's group membership check", () => {
    expect(matches('id eq "g1" and members[value eq "u2"]', group)).toBe(true);
    expect(matches('id eq "g1" and members[value eq "u9"]', group)).toBe(false);
  });

  it("runs Microsoft's reference filter with unquoted domains", () => {
    const employee = { name: { familyName: 'Employee' }, emails: [{ value: 'a@example.org' }] };
    expect(matches('name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)', employee)).toBe(true);
    expect(matches('userName sw O', { userName: 'OMalley' })).toBe(true);
  });
});

describe('extractSimpleEquality', () => {
  it('recognises the lookups IdPs send before creating a resource', () => {
    expect(extractSimpleEquality(parseFilter('userName eq "Bob@x.io"'))).toEqual({ attribute: 'userName', value: 'Bob@x.io', caseExact: false });
    expect(extractSimpleEquality(parseFilter('externalId eq 1234abcd'))).toEqual({ attribute: 'externalId', value: '1234abcd', caseExact: true });
    expect(extractSimpleEquality(parseFilter('emails.value eq "a@b.c"'))).toEqual({ attribute: 'emails.value', value: 'a@b.c', caseExact: false });
    expect(extractSimpleEquality(parseFilter('emails[value eq "a@b.c"]'))).toEqual({ attribute: 'emails.value', value: 'a@b.c', caseExact: false });
    expect(extractSimpleEquality(parseFilter('DISPLAYNAME eq "Admins"'), 'Group')).toEqual({ attribute: 'displayName', value: 'Admins', caseExact: false });
    expect(extractSimpleEquality(parseFilter(`${SCHEMA_ENTERPRISE_USER}:employeeNumber eq 0042`))).toEqual({
      attribute: `${SCHEMA_ENTERPRISE_USER}:employeeNumber`,
      value: '0042',
      caseExact: false,
    });
  });

  it('returns null for anything that is not one equality', () => {
    expect(extractSimpleEquality(parseFilter('userName sw "a"'))).toBeNull();
    expect(extractSimpleEquality(parseFilter('userName eq "a" and active eq true'))).toBeNull();
    expect(extractSimpleEquality(parseFilter('not (userName eq "a")'))).toBeNull();
    expect(extractSimpleEquality(parseFilter('active eq true'))).toBeNull();
    expect(extractSimpleEquality(parseFilter('emails[type eq "work" and value eq "a"]'))).toBeNull();
    expect(extractSimpleEquality(parseFilter('name eq "x"'))).toBeNull();
  });
});
