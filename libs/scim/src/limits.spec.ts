import { describe, expect, it } from '@jest/globals';
import {
  MAX_FILTERED_VALUES_PER_PATCH,
  MAX_MEMBERS_PER_REQUEST,
  MAX_VALUES_PER_ATTRIBUTE,
  PATCH_OPERATIONS_PER_STEP,
  ScimError,
  applyPatch,
  applyPatchInSteps,
  normalizeGroupInput,
  normalizeUserInput,
} from './index.js';

const emails = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ value: `u${from + i}@example.com`, type: 'work' }));
const members = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ value: `member-${from + i}` }));

function refusal(run: () => unknown): ScimError {
  try {
    run();
  } catch (err) {
    if (err instanceof ScimError) return err;
    throw err;
  }
  throw new Error('expected the request to be refused');
}

describe('request size limits', () => {
  it('are 1,000 values per multi-valued attribute and 10,000 members per request', () => {
    expect(MAX_VALUES_PER_ATTRIBUTE).toBe(1000);
    expect(MAX_MEMBERS_PER_REQUEST).toBe(10000);
  });

  it('accept a User body at the limit and refuse one value more, naming the attribute and the limit', () => {
    expect(normalizeUserInput({ userName: 'a', emails: emails(1000), phoneNumbers: emails(1000) }).emails).toHaveLength(1000);
    const err = refusal(() => normalizeUserInput({ userName: 'a', phoneNumbers: emails(20000) }));
    expect(err.status).toBe(400);
    expect(err.scimType).toBe('tooMany');
    expect(err.detail).toBe('phoneNumbers has 20000 values; at most 1000 are accepted per request');
  });

  it('accept a Group body with 10,000 members and refuse 10,001', () => {
    expect(normalizeGroupInput({ displayName: 'g', members: members(10000) }).members).toHaveLength(10000);
    const err = refusal(() => normalizeGroupInput({ displayName: 'g', members: members(10001) }));
    expect(err.scimType).toBe('tooMany');
    expect(err.detail).toBe('members has 10001 values; at most 10000 are accepted per request');
  });

  it('count the member values of all PATCH operations together', () => {
    const group = { displayName: 'g', members: members(3) };
    const ops = Array.from({ length: 11 }, (_, i) => ({ op: 'add', path: 'members', value: members(1000, i * 1000) }));
    const err = refusal(() => applyPatch(group, { Operations: ops }, { resourceType: 'Group' }));
    expect(err.scimType).toBe('tooMany');
    expect(err.detail).toBe('Operations[10]: members has 11000 values; at most 10000 are accepted per request');
    // Refused as a whole: the resource passed in is untouched.
    expect(group.members).toHaveLength(3);

    const single = Array.from({ length: 10000 }, (_, i) => ({ op: 'remove', path: `members[value eq "member-${i}"]` }));
    expect(applyPatch(group, { Operations: single }, { resourceType: 'Group' }).resource.members).toBeUndefined();
  });

  it('let a group grow past 10,000 members over several requests', () => {
    const big = { displayName: 'g', members: members(10000) };
    const grown = applyPatch(big, { Operations: [{ op: 'add', path: 'members', value: members(10000, 10000) }] }, { resourceType: 'Group' });
    expect(grown.resource.members).toHaveLength(20000);
    expect(grown.changes.members?.added).toHaveLength(10000);
  });

  it('refuse a PATCH that would leave a user with more than 1,000 values of an attribute', () => {
    const user = { userName: 'a', emails: emails(600) };
    const err = refusal(() => applyPatch(user, { Operations: [{ op: 'add', path: 'emails', value: emails(600, 600) }] }, { resourceType: 'User' }));
    expect(err.scimType).toBe('tooMany');
    expect(err.detail).toBe('emails would have 1200 values after this request; at most 1000 are kept');
  });

  it('bound the values that filters other than `value eq` visit in one PATCH', () => {
    const group = { displayName: 'g', members: members(10000) };
    const filtered = (n: number) => Array.from({ length: n }, (_, i) => ({ op: 'remove', path: `members[display eq "x${i}"]` }));
    const perPatch = MAX_FILTERED_VALUES_PER_PATCH / 10000;
    expect(applyPatch(group, { Operations: filtered(perPatch) }, { resourceType: 'Group' }).changes.changed).toBe(false);
    const err = refusal(() => applyPatch(group, { Operations: filtered(perPatch + 1) }, { resourceType: 'Group' }));
    expect(err.scimType).toBe('tooMany');
    expect(err.detail).toContain(`at most ${MAX_FILTERED_VALUES_PER_PATCH} are accepted per request`);
  });
});

describe('multi-valued attributes across PATCH operations', () => {
  it('apply one-value operations exactly like one operation with all the values', () => {
    const group = { displayName: 'g', members: members(2000) };
    const added = members(3000, 1000).map((m) => ({ ...m, display: m.value }));
    const oneByOne = applyPatch(group, { Operations: added.map((m) => ({ op: 'add', path: 'members', value: [m] })) }, { resourceType: 'Group' });
    const together = applyPatch(group, { Operations: [{ op: 'add', path: 'members', value: added }] }, { resourceType: 'Group' });
    expect(oneByOne.resource).toEqual(together.resource);
    expect(oneByOne.resource.members).toHaveLength(4000);
  });

  it('can be applied in steps that pause between batches of operations, with the same result', () => {
    const group = { displayName: 'g', members: members(10) };
    const request = { Operations: members(2 * PATCH_OPERATIONS_PER_STEP + 1).map((m) => ({ op: 'add', path: 'members', value: [m] })) };
    const steps = applyPatchInSteps(group, request, { resourceType: 'Group' });
    let pauses = 0;
    let step = steps.next();
    while (!step.done) {
      pauses++;
      step = steps.next();
    }
    expect(pauses).toBe(3);
    expect(step.value).toEqual(applyPatch(group, request, { resourceType: 'Group' }));
    expect(group.members).toHaveLength(10);
  });

  it('treat a null value as nothing to add, and replace with null as emptying the attribute', () => {
    const user = { userName: 'a', emails: [{ value: 'a@x' }] };
    expect(applyPatch(user, { Operations: [{ op: 'add', path: 'emails', value: null }] }, { resourceType: 'User' }).resource.emails).toEqual([{ value: 'a@x' }]);
    expect(applyPatch(user, { Operations: [{ op: 'replace', path: 'emails', value: null }] }, { resourceType: 'User' }).resource.emails).toBeUndefined();
  });

  it('interleave indexed and filtered operations in request order', () => {
    const user = { userName: 'a', emails: [{ value: 'a@x', type: 'work' }] };
    const { resource } = applyPatch(
      user,
      {
        Operations: [
          { op: 'add', path: 'emails', value: [{ value: 'b@x', type: 'home' }] },
          { op: 'replace', path: 'emails[type eq "home"].value', value: 'c@x' },
          { op: 'add', path: 'emails', value: [{ value: 'C@X', type: 'home', primary: true }] },
          { op: 'remove', path: 'emails[value eq "A@X"]' },
        ],
      },
      { resourceType: 'User' },
    );
    expect(resource.emails).toEqual([{ value: 'C@X', type: 'home', primary: true }]);
  });
});
