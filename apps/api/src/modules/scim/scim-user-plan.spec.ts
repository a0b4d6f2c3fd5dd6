import { describe, expect, it } from '@jest/globals';
import { isActive, planUserChange, type UserChangeFacts } from './scim-user-plan.js';

const all = { create_user: true, update_user: true, delete_user: true };
const facts = (over: Partial<UserChangeFacts> = {}): UserChangeFacts => ({
  linked: true,
  changed: true,
  wasActive: true,
  isActive: true,
  capabilities: all,
  deactivationAsDelete: false,
  ...over,
});

describe('planUserChange', () => {
  it('does nothing when nothing changed', () => {
    expect(planUserChange(facts({ changed: false }))).toEqual({ kind: 'none' });
    expect(planUserChange(facts({ changed: false, linked: false }))).toEqual({ kind: 'none' });
  });

  it('updates a linked user with update_user, or answers that update_user is off', () => {
    expect(planUserChange(facts())).toEqual({ kind: 'update' });
    expect(planUserChange(facts({ capabilities: { ...all, update_user: false } }))).toEqual({ kind: 'unsupported', capability: 'update_user' });
  });

  it('turns a deactivation into a delete only with deactivationAsDelete and delete_user', () => {
    const deactivate = { wasActive: true, isActive: false };
    expect(planUserChange(facts({ ...deactivate, deactivationAsDelete: true }))).toEqual({ kind: 'delete' });
    expect(planUserChange(facts({ ...deactivate, deactivationAsDelete: false }))).toEqual({ kind: 'update' });
    expect(planUserChange(facts({ ...deactivate, deactivationAsDelete: true, capabilities: { ...all, delete_user: false } }))).toEqual({ kind: 'update' });
    expect(planUserChange(facts({ ...deactivate, deactivationAsDelete: true, capabilities: { delete_user: false, update_user: false } }))).toEqual({
      kind: 'unsupported',
      capability: 'update_user',
    });
  });

  it('creates the user again on reactivation after a deactivation-as-delete', () => {
    const reactivate = { linked: false, wasActive: false, isActive: true };
    expect(planUserChange(facts({ ...reactivate, deactivationAsDelete: true }))).toEqual({ kind: 'create' });
    expect(planUserChange(facts({ ...reactivate, deactivationAsDelete: true, capabilities: { ...all, create_user: false } }))).toEqual({ kind: 'store' });
    expect(planUserChange(facts({ ...reactivate, deactivationAsDelete: false }))).toEqual({ kind: 'store' });
  });

  it('keeps changes of a user that exists only in Gatehouse in the store', () => {
    expect(planUserChange(facts({ linked: false }))).toEqual({ kind: 'store' });
    expect(planUserChange(facts({ linked: false, isActive: false }))).toEqual({ kind: 'store' });
    expect(planUserChange(facts({ linked: false, capabilities: {} }))).toEqual({ kind: 'store' });
  });
});

describe('isActive', () => {
  it('is false only for an explicit false', () => {
    expect(isActive({ active: false })).toBe(false);
    expect(isActive({ active: true })).toBe(true);
    expect(isActive({})).toBe(true);
  });
});
