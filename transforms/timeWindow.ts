import { none } from 'stream-chain';
import { countBefore } from '../lib/core/countBefore.js';
import { secondsToMicros } from '../lib/core/micros.js';
import { IsxError } from '../lib/errors.js';
import type { CellRecord, FrameRecord } from '../lib/core/records.js';

/**
 * A time interval `[start, end)`. Bounds are seconds after the recording's start (`startSec`, `endSec`)
 * or microseconds since the epoch (`startUs`, `endUs`); give at most one of each pair. A missing bound
 * is open.
 */
export interface TimeWindow {
  startSec?: number;
  endSec?: number;
  startUs?: number;
  endUs?: number;
  /**
   * The recording's start in microseconds since the epoch, for `startSec`/`endSec`. By default it is
   * taken from the first record: `timestampUs - offsetUs` (frames, events, samples) or a cell's first
   * sample time.
   */
  originUs?: number;
}

/** A record with one time: frames, video frames, events, samples, trace rows. */
export interface TimedRecord {
  timestampUs: number;
  offsetUs?: number;
}

/**
 * A stage that keeps records whose `timestampUs` lies in the window, and slices each cell's trace (and
 * its `timestampsUs`) to the samples that start in the window; cells are kept even when their slice is
 * empty. This filters what the source reads: to skip reading, pass `start`/`end` to the source instead.
 * The record type defaults to frames: `timeWindow<CellRecord>(...)` types the stage for cells.
 */
export function timeWindow<T extends TimedRecord | CellRecord = FrameRecord>(window: TimeWindow): (record: T) => T | typeof none {
  checkWindow(window);
  let bounds: [startUs: number, endUs: number] | null = null;
  return (record) => {
    bounds ??= resolveBounds(window, record);
    const [startUs, endUs] = bounds;
    if ('trace' in record) return sliceCell(record, startUs, endUs) as T;
    const t = (record as TimedRecord).timestampUs;
    return t >= startUs && t < endUs ? record : none;
  };
}

function checkWindow(window: TimeWindow): void {
  if (window.startSec !== undefined && window.startUs !== undefined) {
    throw new IsxError('E_ARGUMENT', 'time window: give startSec or startUs, not both');
  }
  if (window.endSec !== undefined && window.endUs !== undefined) {
    throw new IsxError('E_ARGUMENT', 'time window: give endSec or endUs, not both');
  }
}

function resolveBounds(window: TimeWindow, first: TimedRecord | CellRecord): [number, number] {
  const relative = window.startSec !== undefined || window.endSec !== undefined;
  const originUs = relative ? (window.originUs ?? recordingStartUs(first)) : 0;
  const toUs = (sec: number): number => originUs + secondsToMicros(sec);
  const startUs = window.startUs ?? (window.startSec === undefined ? -Infinity : toUs(window.startSec));
  const endUs = window.endUs ?? (window.endSec === undefined ? Infinity : toUs(window.endSec));
  return [startUs, endUs];
}

function recordingStartUs(record: TimedRecord | CellRecord): number {
  if ('trace' in record) {
    if (record.timestampsUs !== undefined && (record.firstSampleIndex ?? 0) === 0 && record.timestampsUs.length > 0) {
      return record.timestampsUs[0]!;
    }
    throw new IsxError('E_ARGUMENT', `time window in seconds: cell ${record.index} does not start at the recording's start; pass originUs`);
  }
  if (record.offsetUs !== undefined) return record.timestampUs - record.offsetUs;
  throw new IsxError('E_ARGUMENT', 'time window in seconds: the first record has no offsetUs to find the recording start from; pass originUs');
}

function sliceCell(cell: CellRecord, startUs: number, endUs: number): CellRecord {
  const times = cell.timestampsUs;
  if (times === undefined) {
    throw new IsxError('E_ARGUMENT', `time window: cell ${cell.index} has no timestampsUs to slice its trace by`);
  }
  // Sample times ascend (spec 3.3: start + i·period), so the window is one contiguous run.
  const first = countBefore(times.length, (i) => times[i]! < startUs);
  const end = Math.max(first, countBefore(times.length, (i) => times[i]! < endUs));
  return {
    ...cell,
    trace: cell.trace.subarray(first, end),
    timestampsUs: times.subarray(first, end),
    firstSampleIndex: (cell.firstSampleIndex ?? 0) + first,
  };
}
