import { describe, expect, it } from '@jest/globals';
import { canProceed, detailsErrors, EMPTY_DRAFT, isStepReachable, reachableSteps, stepAfter, type WizardDraft } from './wizard-steps';

const png = { name: 'logo.png', type: 'image/png', size: 2048 };
const complete: WizardDraft = { name: 'In-house HR System', description: '', logo: null, monitoringIds: ['employee_onboarding_offboarding'] };

describe('detailsErrors', () => {
  it('requires a name and ignores surrounding spaces', () => {
    expect(detailsErrors(EMPTY_DRAFT)).toEqual({ name: 'Integration Name is required' });
    expect(detailsErrors({ ...EMPTY_DRAFT, name: '   ' })).toEqual({ name: 'Integration Name is required' });
    expect(detailsErrors({ ...EMPTY_DRAFT, name: 'HR' })).toEqual({});
  });

  it('uses the contract limits for name and description', () => {
    expect(detailsErrors({ ...EMPTY_DRAFT, name: 'x'.repeat(101) }).name).toBe('Integration Name must be at most 100 characters');
    expect(detailsErrors({ ...EMPTY_DRAFT, name: 'HR', description: 'x'.repeat(1001) }).description).toBe('Integration Description must be at most 1000 characters');
  });

  it('refuses a logo that is not a small PNG, JPEG or WebP image', () => {
    expect(detailsErrors({ ...complete, logo: png })).toEqual({});
    expect(detailsErrors({ ...complete, logo: { ...png, type: 'image/gif' } }).logo).toMatch(/PNG, JPEG or WebP/);
    expect(detailsErrors({ ...complete, logo: { ...png, size: 2 * 1024 * 1024 } }).logo).toMatch(/at most 1 MB/);
  });
});

describe('canProceed', () => {
  it('needs a valid name on Basic Details', () => {
    expect(canProceed(0, EMPTY_DRAFT)).toBe(false);
    expect(canProceed(0, { ...EMPTY_DRAFT, name: 'HR' })).toBe(true);
  });

  it('needs at least one monitoring on Select Monitorings', () => {
    expect(canProceed(1, { ...complete, monitoringIds: [] })).toBe(false);
    expect(canProceed(1, complete)).toBe(true);
  });

  it('lets Review finish only when every earlier step is complete', () => {
    expect(canProceed(2, complete)).toBe(true);
    expect(canProceed(2, { ...complete, name: '' })).toBe(false);
    expect(canProceed(2, { ...complete, monitoringIds: [] })).toBe(false);
  });
});

describe('stepAfter', () => {
  it('walks the steps in order and stops at Review', () => {
    expect(stepAfter(0)).toBe(1);
    expect(stepAfter(1)).toBe(2);
    expect(stepAfter(2)).toBeNull();
  });
});

describe('isStepReachable / reachableSteps', () => {
  it('offers nothing on the first visit to Basic Details', () => {
    expect(reachableSteps(0, 0, EMPTY_DRAFT)).toEqual([]);
  });

  it('lets a user on Review go back to either earlier step', () => {
    expect(reachableSteps(2, 2, complete)).toEqual([0, 1]);
  });

  it('lets a user who went back jump forward again to steps already visited', () => {
    expect(reachableSteps(0, 2, complete)).toEqual([1, 2]);
    expect(isStepReachable(2, 1, 1, complete)).toBe(false);
  });

  it('blocks steps after one that the user made incomplete on the way back', () => {
    expect(reachableSteps(0, 2, { ...complete, name: '' })).toEqual([]);
    expect(reachableSteps(1, 2, { ...complete, monitoringIds: [] })).toEqual([0]);
  });

  it('never offers the step already open', () => {
    expect(isStepReachable(1, 1, 2, complete)).toBe(false);
  });
});
