import { describe, expect, it } from '@jest/globals';
import { DEGRADED_FOR_MS, PartHealth } from './part-health.js';

describe('PartHealth', () => {
  it('reports a part degraded from its failure until the window has passed', () => {
    let now = 1_000_000;
    const health = new PartHealth();
    health.now = () => now;
    expect(health.degradedSince('callLog')).toBeNull();
    health.failed('callLog');
    expect(health.degradedSince('callLog')?.getTime()).toBe(1_000_000);
    now += DEGRADED_FOR_MS;
    expect(health.degradedSince('callLog')?.getTime()).toBe(1_000_000);
    now += 1;
    expect(health.degradedSince('callLog')).toBeNull();
  });
});
