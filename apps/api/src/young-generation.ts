import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

// V8 sizes the young generation (new space: two semi-spaces, where objects are allocated and
// most die) between 2 MB and 32 MB, growing it whenever many objects survive a scavenge. Loading
// the app's 2,000-odd modules is such a time, so by default an idle process already holds
// all 32 MB: a fifth of it, and more than the work needs. Too small a young generation costs as
// much the other way: under many concurrent small requests a 2 MB one scavenges ten times as
// often, and each scavenge copies the same in-flight objects again (measured: about a tenth of
// the CPU; at 16 MB the cost is within a few percent of 32 MB).
//
// Only the growth factor can be changed once the process runs (the sizes are fixed at start-up,
// by command-line flags that `node apps/api/dist/main.js` does not pass), so the size is steered
// with it: held at the initial size while the modules load, then let grow up to a cap.

const NEW_SPACE = 'new_space';

function newSpaceBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === NEW_SPACE)?.space_size ?? 0;
}

let growthFactor = 2;

function setGrowthFactor(factor: 1 | 2): void {
  if (factor === growthFactor) return;
  growthFactor = factor;
  setFlagsFromString(`--semi-space-growth-factor=${factor}`);
}

/** Keeps the young generation at its current size. Call first thing, before the app's modules load. */
export function holdYoungGeneration(): void {
  setGrowthFactor(1);
}

/**
 * From now on, lets the young generation grow as V8 sees fit (doubling) while it is below
 * `capBytes` (both semi-spaces together; a power of two from 4 MB), and holds it once it is
 * there. Checked after every garbage collection, for the life of the process: V8 also shrinks
 * the young generation when the process idles, and it must be able to grow back under load.
 * V8 doubles it at most once per collection and only after many objects survived, so the check
 * comes in time unless one synchronous task runs through several collections (a very large
 * JSON.parse, say), which may leave it one doubling above the cap.
 */
export function capYoungGeneration(capBytes: number): void {
  const check = () => setGrowthFactor(newSpaceBytes() < capBytes ? 2 : 1);
  check();
  new PerformanceObserver(check).observe({ entryTypes: ['gc'] });
}
