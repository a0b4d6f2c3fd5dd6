import { describe, expect, it } from '@jest/globals';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows the limit, then asks to wait until the window ends', () => {
    let now = 0;
    const rl = new RateLimiter(2, 60_000, () => now);
    expect(rl.hit('k')).toBe(0);
    expect(rl.hit('k')).toBe(0);
    expect(rl.hit('k')).toBe(60);
    now = 30_000;
    expect(rl.hit('k')).toBe(30);
    expect(rl.hit('other')).toBe(0);
    now = 60_000;
    expect(rl.hit('k')).toBe(0);
  });

  it('reports a block without counting and forgets on reset', () => {
    const rl = new RateLimiter(1, 1000, () => 0);
    expect(rl.blockedFor('k')).toBe(0);
    rl.hit('k');
    expect(rl.blockedFor('k')).toBe(1);
    rl.reset('k');
    expect(rl.blockedFor('k')).toBe(0);
  });
});
