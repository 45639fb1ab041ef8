import { IsxError } from '../errors.js';
import { Ratio } from '../core/ratio.js';
import type { Time } from '../core/time.js';
import { checkTimingRange, Timing } from '../core/timing.js';

/** spec 6.3: isxcore's step when no channel gives a usable one. */
const FALLBACK_STEP = new Ratio(1n, 1000n);

/**
 * The timing of an event set, GPIO set or IMU set (spec 6.3): from `global times` and the smallest
 * positive channel step, `ceil((end − start)/step)` samples, no invalid samples.
 * Quirk kept: the first step is the starting candidate and only steps `0 < s < step` replace it, so a
 * first step of 0 makes every later step lose and the 1 ms fallback apply.
 */
export function computeEventTiming(start: Time, end: Time, signalSteps: readonly Ratio[], path: string): Timing {
  const zero = new Ratio(0n);
  let step = signalSteps[0] ?? zero;
  for (const s of signalSteps) {
    if (s.compare(zero) > 0 && s.compare(step) < 0) step = s;
  }
  // isxcore only falls back for 0; a negative step cannot come from a valid writer and would give a
  // negative sample count, so it falls back too.
  if (step.compare(zero) <= 0) step = FALLBACK_STEP;
  const span = end.secsSinceEpoch.sub(start.secsSinceEpoch);
  if (span.compare(zero) < 0) {
    throw new IsxError('E_HEADER', `footer key "global times": end ${end.secsSinceEpoch} s is before start ${start.secsSinceEpoch} s`, {
      path,
    });
  }
  const numSamples = span.div(step).ceil();
  if (numSamples > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new IsxError('E_RANGE', `event timing has ${numSamples} samples of ${step} s, beyond 2^53`, { path });
  }
  const timing = new Timing({ numSamples: Number(numSamples), period: step, start });
  checkTimingRange(timing, 'global times', { path, document: 'footer' });
  return timing;
}
