import { describe, expect, it } from '@jest/globals';
import { customDayRange, EXPIRY_CHOICES, expiryFromChoice, expiryProblem, isExpiryChoice, presetLabel } from './expiry';

// Local times, so the expectations hold in any time zone the tests run in.
const now = new Date(2026, 2, 10, 14, 30, 0);
const DAY = 86_400_000;

describe('EXPIRY_CHOICES', () => {
  it('offers the API presets in order, then a custom date', () => {
    expect(EXPIRY_CHOICES.map((c) => c.label)).toEqual(['30 days', '90 days', '180 days', '1 year', 'Custom date']);
    expect(EXPIRY_CHOICES.map((c) => c.value)).toEqual(['30', '90', '180', '365', 'custom']);
  });

  it('names whole years as years', () => {
    expect(presetLabel(365)).toBe('1 year');
    expect(presetLabel(730)).toBe('2 years');
    expect(presetLabel(7)).toBe('7 days');
  });

  it('recognises only its own values', () => {
    expect(isExpiryChoice('90')).toBe(true);
    expect(isExpiryChoice('custom')).toBe(true);
    expect(isExpiryChoice('91')).toBe(false);
    expect(isExpiryChoice(null)).toBe(false);
  });
});

describe('expiryFromChoice', () => {
  it('counts a preset in whole days from this moment', () => {
    expect(expiryFromChoice('30', null, now)!.getTime() - now.getTime()).toBe(30 * DAY);
    expect(expiryFromChoice('365', '2026-04-01', now)!.getTime() - now.getTime()).toBe(365 * DAY);
  });

  it('keeps a key with a custom date working through the end of that local day', () => {
    expect(expiryFromChoice('custom', '2026-06-01', now)).toEqual(new Date(2026, 5, 1, 23, 59, 59, 999));
  });

  it('has no expiry for a custom choice without a valid day', () => {
    expect(expiryFromChoice('custom', null, now)).toBeNull();
    expect(expiryFromChoice('custom', '', now)).toBeNull();
    expect(expiryFromChoice('custom', '2027-02-30', now)).toBeNull();
    expect(expiryFromChoice('custom', 'next week', now)).toBeNull();
  });
});

describe('expiryProblem', () => {
  it('accepts every preset', () => {
    for (const c of EXPIRY_CHOICES.filter((c) => c.value !== 'custom')) expect(expiryProblem(c.value, null, now)).toBeNull();
  });

  it('asks for a day when a custom date is chosen but not picked', () => {
    expect(expiryProblem('custom', null, now)).toBe('Choose an expiry date');
  });

  it('accepts today, since the key works until the end of it', () => {
    expect(expiryProblem('custom', '2026-03-10', now)).toBeNull();
  });

  it('refuses a past day and a day beyond two years, with the API rule', () => {
    expect(expiryProblem('custom', '2026-03-09', now)).toBe('The expiry date must be in the future');
    expect(expiryProblem('custom', '2028-03-11', now)).toMatch(/^The expiry date must be at most 2 years ahead/);
  });
});

describe('customDayRange', () => {
  it('runs from today to the last day that ends within two years', () => {
    expect(customDayRange(now)).toEqual({ minDate: '2026-03-10', maxDate: '2028-03-09' });
  });

  it('every day it offers passes the API rule, and the day after it does not', () => {
    const { minDate, maxDate } = customDayRange(now);
    expect(expiryProblem('custom', minDate, now)).toBeNull();
    expect(expiryProblem('custom', maxDate, now)).toBeNull();
    expect(expiryProblem('custom', '2028-03-10', now)).not.toBeNull();
  });
});
