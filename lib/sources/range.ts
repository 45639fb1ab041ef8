import { countBefore } from '../core/countBefore.js';
import { secondsToMicros } from '../core/micros.js';
import type { Timing } from '../core/timing.js';
import { IsxError } from '../errors.js';

/**
 * Where a source starts and ends. Give at most one form per bound: a sample index, seconds after the
 * recording's start, or microseconds since the epoch. The end is exclusive; a missing bound is open.
 * Time bounds select the samples whose `timestampUs` lies in `[start, end)`, the same rule as the
 * `timeWindow` transform, so reading a range and windowing a full stream give the same records.
 */
export interface RangeOptions {
  startIndex?: number;
  startSec?: number;
  startUs?: number;
  endIndex?: number;
  endSec?: number;
  endUs?: number;
}

/** The time indices `[first, end)` of `timing` that `range` selects. */
export function resolveIndexRange(timing: Timing, range: RangeOptions, path: string): [first: number, end: number] {
  const n = timing.numSamples;
  const startUs = Number(timing.start.toMicros());
  const first = resolveBound(range.startIndex, range.startSec, range.startUs, 'start', 0, path);
  const end = resolveBound(range.endIndex, range.endSec, range.endUs, 'end', n, path);
  const toIndex = (bound: Bound): number => {
    if (bound.kind === 'index') return Math.min(bound.value, n);
    const us = bound.kind === 'sec' ? startUs + secondsToMicros(bound.value) : bound.value;
    return firstIndexAtOrAfter(timing, us);
  };
  const a = toIndex(first);
  return [a, Math.max(a, toIndex(end))];
}

/**
 * The offsets `[startOffsetUs, endOffsetUs)` (microseconds after `recordingStartUs`) that `range` selects,
 * for event-based data whose samples have no index.
 */
export function resolveOffsetRange(recordingStartUs: number, range: RangeOptions, path: string): [number, number] {
  if (range.startIndex !== undefined || range.endIndex !== undefined) {
    throw new IsxError('E_ARGUMENT', 'events and GPIO/IMU samples have no sample index to start or end at; use startSec/endSec or startUs/endUs', { path });
  }
  const toOffset = (bound: Bound, open: number): number => {
    if (bound.kind === 'sec') return secondsToMicros(bound.value);
    if (bound.kind === 'us') return bound.value - recordingStartUs;
    return open;
  };
  const start = resolveBound(undefined, range.startSec, range.startUs, 'start', 0, path);
  const end = resolveBound(undefined, range.endSec, range.endUs, 'end', Infinity, path);
  return [toOffset(start, -Infinity), toOffset(end, Infinity)];
}

type Bound = { kind: 'index' | 'sec' | 'us'; value: number };

function resolveBound(
  index: number | undefined,
  sec: number | undefined,
  us: number | undefined,
  which: 'start' | 'end',
  open: number,
  path: string,
): Bound {
  const given = [index, sec, us].filter((v) => v !== undefined).length;
  if (given > 1) {
    throw new IsxError('E_ARGUMENT', `give one of ${which}Index, ${which}Sec and ${which}Us, not ${given}`, { path });
  }
  if (index !== undefined) {
    if (!Number.isSafeInteger(index) || index < 0) {
      throw new IsxError('E_ARGUMENT', `${which}Index must be a whole number >= 0, found ${index}`, { path });
    }
    return { kind: 'index', value: index };
  }
  if (sec !== undefined) return { kind: 'sec', value: sec };
  if (us !== undefined) return { kind: 'us', value: us };
  return { kind: 'index', value: open };
}

/** Sample times ascend, so a binary search over `timestampUs(i)` finds the first sample at or after `us`. */
function firstIndexAtOrAfter(timing: Timing, us: number): number {
  return countBefore(timing.numSamples, (i) => timing.timestampUs(i) < us);
}
