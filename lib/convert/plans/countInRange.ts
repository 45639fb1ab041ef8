import type { Timing } from '../../core/timing.js';
import { resolveIndexRange } from '../../sources/range.js';
import type { PlanContext } from './tablePlan.js';

/** Samples of `timing` inside the conversion's time range. */
export function countInRange(timing: Timing, context: PlanContext): number {
  const [first, end] = resolveIndexRange(timing, context.range, context.path);
  return end - first;
}
