import type { Timing } from '../core/timing.js';
import type { CellSet } from '../isxd/cellSet.js';
import { closing } from './closing.js';
import { resolveIndexRange, type RangeOptions } from './range.js';
import type { CellRecord } from '../core/records.js';

export interface CellSourceOptions extends RangeOptions {
  /** Close the cell set when the stream ends, fails or is destroyed (default false). */
  closeOnEnd?: boolean;
}

/**
 * One record per cell (design section 4), in cell order, with the whole trace (NaN kept) and footprint.
 * A range keeps the trace samples in it (`firstSampleIndex` says where the slice starts); every record
 * shares one `timestampsUs` array.
 */
export function cells(cellSet: CellSet, options: CellSourceOptions = {}): AsyncGenerator<CellRecord> {
  const records = readCellRecords(cellSet, options);
  return options.closeOnEnd ? closing(records, cellSet) : records;
}

async function* readCellRecords(cellSet: CellSet, options: CellSourceOptions): AsyncGenerator<CellRecord> {
  const [first, end] = resolveIndexRange(cellSet.timing, options, cellSet.filePath);
  // Made with the first cell: only a cell's trace bytes back the footer's sample count (spec 5.2).
  let timestampsUs: Float64Array | undefined;
  for (let index = 0; index < cellSet.numCells; index++) {
    const { footprint, trace } = await cellSet.readCell(index);
    timestampsUs ??= sampleTimesUs(cellSet.timing, first, end);
    yield {
      index,
      name: cellSet.getCellName(index),
      status: cellSet.getCellStatus(index),
      color: cellSet.getCellColor(index),
      active: cellSet.getCellActive(index),
      trace: trace.subarray(first, end),
      footprint,
      timestampsUs,
      firstSampleIndex: first,
    };
  }
}

/** `timestampUs(i)` for `i` in `[first, end)`: exact start + i·period, rounded to the microsecond. */
export function sampleTimesUs(timing: Timing, first: number, end: number): Float64Array {
  const times = new Float64Array(end - first);
  for (let i = first; i < end; i++) times[i - first] = timing.timestampUs(i);
  return times;
}
