import { describe, expect, it } from '@jest/globals';
import { StreamSlots } from './stream-slots.js';

/** Whether `granted` has settled yet, and with what. */
async function state(granted: Promise<boolean>): Promise<boolean | 'waiting'> {
  return Promise.race([granted, new Promise<'waiting'>((r) => setImmediate(() => r('waiting')))]);
}

describe('StreamSlots', () => {
  it('gives one company at most half of the slots (at least one)', () => {
    expect(StreamSlots.withHalfShare(5).perOwner).toBe(2);
    expect(StreamSlots.withHalfShare(4).perOwner).toBe(2);
    expect(StreamSlots.withHalfShare(1).perOwner).toBe(1);
  });

  it("grants another company a free slot while one company's further requests wait for its share", async () => {
    const slots = StreamSlots.withHalfShare(5);
    const a = Array.from({ length: 5 }, () => slots.acquire('A'));
    expect(await Promise.all(a.map((t) => state(t.granted)))).toEqual([true, true, 'waiting', 'waiting', 'waiting']);
    expect(await state(slots.acquire('B').granted)).toBe(true);
    expect(await state(slots.acquire('C').granted)).toBe(true);
    expect(await state(slots.acquire('E').granted)).toBe(true);
    // All five taken: the next company waits, behind A's waiters in time but not in turn.
    const d = slots.acquire('D');
    expect(await state(d.granted)).toBe('waiting');
    slots.release('B');
    expect(await state(d.granted)).toBe(true);
    expect(await state(a[2]!.granted)).toBe('waiting');
    // A's own release lets its next waiter in, in order.
    slots.release('A');
    expect(await Promise.all(a.slice(2).map((t) => state(t.granted)))).toEqual([true, 'waiting', 'waiting']);
    expect(slots.heldBy('A')).toBe(2);
  });

  it('lets a waiter give up its place', async () => {
    const slots = new StreamSlots(1, 1);
    expect(await state(slots.acquire('A').granted)).toBe(true);
    const b = slots.acquire('B');
    const c = slots.acquire('C');
    b.cancel();
    expect(await b.granted).toBe(false);
    slots.release('A');
    expect(await state(c.granted)).toBe(true);
    expect(slots.heldBy('B')).toBe(0);
  });
});
