import { setImmediate as nextTurn } from 'node:timers/promises';

/** CPU time one slice of a long computation may hold the event loop before others get a turn. */
export const SLICE_MS = 10;

/**
 * Drives a generator that pauses between parts of a long computation (a PATCH of thousands of
 * operations), letting the event loop serve other requests whenever a slice has run SLICE_MS.
 */
export async function runInSlices<T>(steps: Generator<void, T, void>, sliceMs = SLICE_MS): Promise<T> {
  let started = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - started >= sliceMs) {
      await nextTurn();
      started = performance.now();
    }
  }
}
