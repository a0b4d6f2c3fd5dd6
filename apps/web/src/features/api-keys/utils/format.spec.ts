import { describe, expect, it } from '@jest/globals';
import { displayPrefix, formatDate, formatDateTime, formatLastUsed } from './format';

// Built from local times, so the expectations hold in any time zone.
const afternoon = new Date(2027, 0, 5, 14, 3).toISOString();

describe('API key formatting', () => {
  it('shows dates short and readable', () => {
    expect(formatDate(afternoon)).toBe('Jan 5, 2027');
    expect(formatDateTime(afternoon)).toBe('Jan 5, 2027, 2:03 PM');
  });

  it('says Never for a key that was never used', () => {
    expect(formatLastUsed(null)).toBe('Never');
    expect(formatLastUsed(afternoon)).toBe('Jan 5, 2027, 2:03 PM');
  });

  it('marks the prefix as the start of a longer key', () => {
    expect(displayPrefix('ghk_abcd1234')).toBe('ghk_abcd1234…');
  });
});
