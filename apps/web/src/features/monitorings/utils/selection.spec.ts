import { describe, expect, it } from '@jest/globals';
import type { MonitoringResponse } from '@gatehouse/contracts';
import { selectedPerCategory, toggleSelection } from './selection';

const monitoring = (id: string, category: string): MonitoringResponse => ({
  id,
  key: id,
  name: id,
  description: '',
  category: { key: category, name: category.toUpperCase() },
  contexts: [],
});

describe('toggleSelection', () => {
  it('adds at the end and removes in place, never twice', () => {
    expect(toggleSelection(['a', 'b'], 'c', true)).toEqual(['a', 'b', 'c']);
    expect(toggleSelection(['a', 'b', 'c'], 'b', false)).toEqual(['a', 'c']);
    expect(toggleSelection(['a', 'b'], 'a', true)).toEqual(['b', 'a']);
    expect(toggleSelection(['a'], 'z', false)).toEqual(['a']);
  });
});

describe('selectedPerCategory', () => {
  it('counts selected monitorings per category and ignores unknown ids', () => {
    const catalog = [monitoring('m1', 'hr'), monitoring('m2', 'hr'), monitoring('m3', 'identity_access')];
    expect(Object.fromEntries(selectedPerCategory(catalog, ['m1', 'm2', 'm3', 'gone']))).toEqual({ hr: 2, identity_access: 1 });
    expect(selectedPerCategory(catalog, []).size).toBe(0);
  });
});
