import type { ProblemPlace } from '../utils/problem-location';

/** A request to show a place on the instance page; `seq` makes a repeated jump to the same place count. */
export type FocusTarget = ProblemPlace & { seq: number };
