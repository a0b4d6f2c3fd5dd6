import { describe, expect, it } from '@jest/globals';
import { countOf, formatBytes, formatCount, formatRelative } from './format';

describe('formatCount and countOf', () => {
  it('groups thousands', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1240)).toBe('1,240');
    expect(formatCount(12_345_678)).toBe('12,345,678');
  });

  it('says one or many', () => {
    expect(countOf(1, 'record')).toBe('1 record');
    expect(countOf(0, 'record')).toBe('0 records');
    expect(countOf(1240, 'record')).toBe('1,240 records');
    expect(countOf(3, 'match', 'matches')).toBe('3 matches');
  });
});

describe('formatBytes', () => {
  it('uses B, kB, MB and GB with one decimal at most', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1 kB');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatBytes(999_949)).toBe('999.9 kB');
    expect(formatBytes(2_345_678)).toBe('2.3 MB');
    expect(formatBytes(50_000_000)).toBe('50 MB');
    expect(formatBytes(1_200_000_000)).toBe('1.2 GB');
  });
});

describe('formatRelative', () => {
  const now = new Date('2027-01-05T14:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const MIN = 60_000;

  it('says just now for the last 45 seconds and for times slightly ahead of this clock', () => {
    expect(formatRelative(ago(0), now)).toBe('just now');
    expect(formatRelative(ago(44_000), now)).toBe('just now');
    expect(formatRelative(ago(-5_000), now)).toBe('just now');
  });

  it('counts minutes, then hours', () => {
    expect(formatRelative(ago(45_000), now)).toBe('1 min ago');
    expect(formatRelative(ago(3 * MIN), now)).toBe('3 min ago');
    expect(formatRelative(ago(59 * MIN), now)).toBe('59 min ago');
    expect(formatRelative(ago(60 * MIN), now)).toBe('1 h ago');
    expect(formatRelative(ago(23 * 60 * MIN + 59 * MIN), now)).toBe('23 h ago');
  });

  it('counts days, then gives the date', () => {
    expect(formatRelative(ago(24 * 60 * MIN), now)).toBe('yesterday');
    expect(formatRelative(ago(5 * 24 * 60 * MIN), now)).toBe('5 days ago');
    expect(formatRelative(ago(29 * 24 * 60 * MIN), now)).toBe('29 days ago');
    expect(formatRelative('2026-11-20T12:00:00Z', now)).toBe('on Nov 20, 2026');
  });

  it('accepts Date values', () => {
    expect(formatRelative(new Date(now.getTime() - 10 * MIN), now)).toBe('10 min ago');
  });
});
