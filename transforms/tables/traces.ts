import { Field, Float32, Float64, Int32, Int64, Utf8 } from 'apache-arrow';
import type { Timing } from '../../lib/core/timing.js';
import { IsxError } from '../../lib/errors.js';
import type { CellRecord } from '../../lib/core/records.js';
import { CELL_STATUS } from './cells.js';
import {
  TIMESTAMP_US,
  fieldWithUnit,
  makeFloat32Data,
  makeFloat64Data,
  makeInt64Data,
  makeRepeatedInt32Data,
  makeTimestampData,
  makeUtf8Data,
  runEnds,
  secondsSince,
} from './columns.js';
import { columnLayout, tableMetadata, type Column, type TableSpec, type TimedTableSource } from './tableSpec.js';

export interface TracesTableOptions extends TimedTableSource {
  /** Timestamps for cells that carry no `timestampsUs` (sample i at `timing.timestampUs(i)`). */
  timing?: Timing;
  /** The traces' unit, as the file states it (`idps.cellset.units`). */
  unit?: string;
}

/** The rows of one batch of the long table: each cell repeated over its samples. */
interface TraceRuns {
  cells: readonly CellRecord[];
  /** Samples of each cell. */
  counts: number[];
  sampleIndices: BigInt64Array;
  timestampsUs: BigInt64Array;
  timesS: Float64Array;
  values: Float32Array;
}

const traceColumns = (unit: string | undefined): Column<TraceRuns>[] => [
  { field: new Field('cell_index', new Int32(), false), build: (r) => makeRepeatedInt32Data(r.cells.map((c) => c.index), r.counts) },
  { field: new Field('name', new Utf8(), false), build: (r) => makeUtf8Data(r.cells.map((c) => c.name), r.counts) },
  { field: new Field('status', CELL_STATUS.type, false), build: (r) => CELL_STATUS.makeData(r.cells.map((c) => c.status), r.counts) },
  { field: new Field('sample_index', new Int64(), false), build: (r) => makeInt64Data(r.sampleIndices) },
  { field: new Field('timestamp', TIMESTAMP_US, false), build: (r) => makeTimestampData(r.timestampsUs) },
  { field: fieldWithUnit('time_s', new Float64(), false, 's'), build: (r) => makeFloat64Data(r.timesS) },
  { field: fieldWithUnit('value', new Float32(), false, unit), build: (r) => makeFloat32Data(r.values) },
];

/**
 * The long `traces` table (design 5): each cell becomes one row per value of its trace; a time-windowed
 * cell keeps its file sample indices (`firstSampleIndex`). NaN values stay NaN.
 */
export function tracesTable(options: TracesTableOptions): TableSpec<CellRecord> {
  const { schema, toBatch } = columnLayout(traceColumns(options.unit), tableMetadata(options));
  const axisOf = sampleAxisCache(options.timing, options.startUs);
  return {
    name: 'traces',
    schema,
    rowCountOf: (cell) => cell.trace.length,
    byteLengthOf: (cell) => cell.trace.length * 24 + 32,
    toBatch(cells) {
      const counts = cells.map((c) => c.trace.length);
      const ends = runEnds(cells.length, counts);
      const rowCount = ends[cells.length]!;
      const runs: TraceRuns = {
        cells,
        counts,
        sampleIndices: new BigInt64Array(rowCount),
        timestampsUs: new BigInt64Array(rowCount),
        timesS: new Float64Array(rowCount),
        values: new Float32Array(rowCount),
      };
      cells.forEach((cell, i) => {
        const start = ends[i]!;
        const axis = axisOf(cell);
        runs.values.set(cell.trace, start);
        runs.sampleIndices.set(axis.sampleIndices, start);
        runs.timestampsUs.set(axis.timestampsUs, start);
        runs.timesS.set(axis.timesS, start);
      });
      return toBatch(runs, rowCount);
    },
  };
}

interface TraceAxis {
  /** The `timestampsUs` array the axis was made from (undefined: from the table's timing). */
  times: Float64Array | undefined;
  first: number;
  sampleIndices: BigInt64Array;
  timestampsUs: BigInt64Array;
  timesS: Float64Array;
}

/**
 * Sample-index and timestamp columns of a trace, as int64. The cells of a set share one time axis (one
 * `timestampsUs` array, same first sample and length), so it is converted once and copied per cell:
 * converting to bigint per row cost most of the table's time (500 cells x 20000 samples).
 */
function sampleAxisCache(timing: Timing | undefined, startUs: number): (cell: CellRecord) => TraceAxis {
  let last: TraceAxis | undefined;
  return (cell) => {
    const first = cell.firstSampleIndex ?? 0;
    const length = cell.trace.length;
    if (last !== undefined && last.times === cell.timestampsUs && last.first === first && last.sampleIndices.length === length) return last;
    const sampleIndices = new BigInt64Array(length);
    const timestampsUs = new BigInt64Array(length);
    const timesS = new Float64Array(length);
    for (let k = 0; k < length; k++) {
      const us = Math.round(sampleTimeUs(cell, first + k, k, timing));
      sampleIndices[k] = BigInt(first + k);
      timestampsUs[k] = BigInt(us);
      timesS[k] = secondsSince(us, startUs);
    }
    last = { times: cell.timestampsUs, first, sampleIndices, timestampsUs, timesS };
    return last;
  };
}

function sampleTimeUs(cell: CellRecord, sampleIndex: number, k: number, timing: Timing | undefined): number {
  if (cell.timestampsUs) return cell.timestampsUs[k]!;
  if (timing) return timing.timestampUs(sampleIndex);
  throw new IsxError('E_ARGUMENT', `traces: cell ${cell.index} carries no timestampsUs and the table was given no timing`);
}

/** Sample indices, timestamps (µs since the epoch) and `time_s` of a whole set, shared by every row owner. */
export function sampleAxis(timing: Timing, startUs: number): { sampleIndices: BigInt64Array; timestampsUs: BigInt64Array; timesS: Float64Array } {
  const n = timing.numSamples;
  return {
    sampleIndices: BigInt64Array.from({ length: n }, (_, i) => BigInt(i)),
    timestampsUs: BigInt64Array.from({ length: n }, (_, i) => BigInt(timing.timestampUs(i))),
    timesS: Float64Array.from({ length: n }, (_, i) => secondsSince(timing.timestampUs(i), startUs)),
  };
}

export function tile<A extends BigInt64Array | Float64Array>(values: A, times: number): A {
  const out = new (values.constructor as new (n: number) => A)(values.length * times);
  for (let i = 0; i < times; i++) out.set(values as never, i * values.length);
  return out;
}
