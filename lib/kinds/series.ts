import type { CellRecord, EventRecord, FrameRecord, SampleRecord, SourceRecord, VideoFrameRecord } from '../core/records.js';
import type { EventSet } from '../events/eventSet.js';
import type { GpioSet } from '../gpio/gpioSet.js';
import type { BehaviorMovie } from '../isxb/behaviorMovie.js';
import type { CellSet } from '../isxd/cellSet.js';
import type { Movie } from '../isxd/movie.js';
import { IsxError } from '../errors.js';
import { closing } from '../sources/closing.js';
import { checkSeries } from './checkSeries.js';
import type { RecordOptions } from './descriptor.js';
import type { AnyDataSet } from './kindName.js';
import { kindOf } from './registry.js';

export interface SeriesOptions extends Omit<RecordOptions, 'indexBase'> {
  /** Close every file of the series when the stream ends, fails or is destroyed (default false). */
  closeOnEnd?: boolean;
}

/** The records of one file of a series, `indexBase` being the number of samples in the files before it. */
export type FileRecords<R> = (dataSet: AnyDataSet, indexBase: number) => AsyncGenerator<R>;

/**
 * Consecutive recordings of one kind streamed as one (the one series rule, used by streams and
 * conversions alike); `checkSeries` first refuses files that cannot be parts of one recording.
 * - Files are read in the order given; sample and frame indices continue over them (a file's first sample
 *   follows the previous file's last one), and every record keeps its own file's timestamps.
 * - Cells are matched by position: each cell's record carries its traces of all files joined, the first
 *   file's footprint and identity, one timestamp per joined sample.
 * - Everything else (frames, video frames, events, GPIO/IMU samples, vessels) is each file's records in turn.
 * A range (`startSec`...) is resolved in each file against its own timing.
 */
export function series(dataSets: readonly BehaviorMovie[], options?: SeriesOptions): AsyncGenerator<VideoFrameRecord>;
export function series(dataSets: readonly Movie[], options?: SeriesOptions): AsyncGenerator<FrameRecord>;
export function series(dataSets: readonly CellSet[], options?: SeriesOptions): AsyncGenerator<CellRecord>;
export function series(dataSets: readonly EventSet[], options?: SeriesOptions): AsyncGenerator<EventRecord>;
export function series(dataSets: readonly GpioSet[], options?: SeriesOptions): AsyncGenerator<SampleRecord>;
export function series(dataSets: readonly AnyDataSet[], options?: SeriesOptions): AsyncGenerator<SourceRecord>;
export function series(dataSets: readonly AnyDataSet[], options: SeriesOptions = {}): AsyncGenerator<SourceRecord> {
  const { closeOnEnd, ...recordOptions } = options;
  const records = checkedSeries(dataSets, (dataSet, indexBase) => kindOf(dataSet).records(dataSet as never, { ...recordOptions, indexBase }));
  return closeOnEnd ? closing(records, dataSets) : records;
}

/** `joinSeries` after `checkSeries`, which fails on the first read, as every source does. */
async function* checkedSeries<R>(dataSets: readonly AnyDataSet[], recordsOf: FileRecords<R>): AsyncGenerator<R> {
  checkSeries(dataSets);
  yield* joinSeries(dataSets, recordsOf);
}

/** The series rule over any per-file record source (a conversion's table source, or `records`); `checkSeries` first. */
export async function* joinSeries<R>(dataSets: readonly AnyDataSet[], recordsOf: FileRecords<R>): AsyncGenerator<R> {
  if (kindOf(dataSets[0]!).seriesJoin === 'members') {
    yield* joinCells(dataSets, recordsOf as unknown as FileRecords<CellRecord>) as AsyncGenerator<R>;
    return;
  }
  let indexBase = 0;
  for (const dataSet of dataSets) {
    yield* recordsOf(dataSet, indexBase);
    indexBase += dataSet.timing.numSamples;
  }
}

/** Cell `i` of every file, read together, as one record whose trace runs over all files (`members` join). */
async function* joinCells(dataSets: readonly AnyDataSet[], recordsOf: FileRecords<CellRecord>): AsyncGenerator<CellRecord> {
  if (dataSets.length === 1) return yield* recordsOf(dataSets[0]!, 0);
  let indexBase = 0;
  const perFile = dataSets.map((dataSet) => {
    const records = recordsOf(dataSet, indexBase);
    indexBase += dataSet.timing.numSamples;
    return records;
  });
  const joinTimes = joinedTimes();
  try {
    for (;;) {
      const parts = await Promise.all(perFile.map((records) => records.next()));
      if (parts.some((part) => part.done)) return;
      yield joinCell(parts.map((part) => part.value as CellRecord), joinTimes);
    }
  } finally {
    await Promise.all(perFile.map((records) => records.return(undefined)));
  }
}

function joinCell(parts: readonly CellRecord[], joinTimes: (parts: readonly CellRecord[]) => Float64Array): CellRecord {
  const trace = new Float32Array(parts.reduce((n, part) => n + part.trace.length, 0));
  let at = 0;
  for (const part of parts) {
    trace.set(part.trace, at);
    at += part.trace.length;
  }
  const timestampsUs = joinTimes(parts);
  // With a time range, the samples kept form one run over the files: it starts in the first file that keeps any.
  const first = parts.find((part) => part.trace.length > 0) ?? parts[0]!;
  return { ...parts[0]!, trace, timestampsUs, firstSampleIndex: first.firstSampleIndex ?? 0 };
}

/**
 * Joins the files' sample times; the cell source gives every cell of a file the same array, so the joined
 * array is made once and shared by every joined cell.
 */
function joinedTimes(): (parts: readonly CellRecord[]) => Float64Array {
  let sources: readonly (Float64Array | undefined)[] = [];
  let joined = new Float64Array(0);
  return (parts) => {
    const times = parts.map((part) => part.timestampsUs);
    if (times.length === sources.length && times.every((t, i) => t === sources[i])) return joined;
    joined = new Float64Array(parts.reduce((n, part) => n + part.trace.length, 0));
    let at = 0;
    for (const [i, part] of parts.entries()) {
      const partTimes = times[i];
      if (partTimes === undefined || partTimes.length !== part.trace.length) {
        throw new IsxError('E_ARGUMENT', `cell ${part.index} needs one time per trace sample to join a series`);
      }
      joined.set(partTimes, at);
      at += partTimes.length;
    }
    sources = times;
    return joined;
  };
}
