import { IsxError } from '../errors.js';
import { CellSet } from '../isxd/cellSet.js';
import { EventSet } from '../events/eventSet.js';
import { GpioSet } from '../gpio/gpioSet.js';
import { BehaviorMovie } from '../isxb/behaviorMovie.js';
import { Movie } from '../isxd/movie.js';
import { sampleTimesUs } from './cells.js';
import { checkSeries } from './checkSeries.js';
import { closing } from './closing.js';
import { events } from './events.js';
import { frames } from './frames.js';
import type { CellRecord, EventRecord, FrameRecord, SampleRecord, VideoFrameRecord } from '../core/records.js';
import { samples } from './samples.js';
import { videoFrames } from './videoFrames.js';

export interface SeriesOptions {
  /** Close every file of the series when the stream ends, fails or is destroyed (default false). */
  closeOnEnd?: boolean;
  /** Behaviour movies: decode JPEGs to luma (see `videoFrames`). */
  decode?: boolean;
  /** Movies: largest read in bytes (see `frames`). */
  maxBatchBytes?: number;
}

type SeriesMember = Movie | CellSet | EventSet | GpioSet;

/**
 * Consecutive recordings of one kind streamed as one; `checkSeries` first refuses files that cannot be
 * parts of one recording. Frames keep counting across files (the second file's frame 0 follows the first
 * file's last frame) and keep each file's own timestamps. Cells are matched by position; each record's trace is the
 * concatenation of the files' traces, with `timestampsUs` from each file and the first file's footprint.
 * Events and GPIO/IMU samples are each file's records in turn, offsets as stored in their own file.
 */
export function series(sets: readonly BehaviorMovie[], options?: SeriesOptions): AsyncGenerator<VideoFrameRecord>;
export function series(sets: readonly Movie[], options?: SeriesOptions): AsyncGenerator<FrameRecord>;
export function series(sets: readonly CellSet[], options?: SeriesOptions): AsyncGenerator<CellRecord>;
export function series(sets: readonly EventSet[], options?: SeriesOptions): AsyncGenerator<EventRecord>;
export function series(sets: readonly GpioSet[], options?: SeriesOptions): AsyncGenerator<SampleRecord>;
export function series(sets: readonly SeriesMember[], options?: SeriesOptions): AsyncGenerator<FrameRecord | VideoFrameRecord | CellRecord | EventRecord | SampleRecord>;
export function series(sets: readonly SeriesMember[], options: SeriesOptions = {}): AsyncGenerator<unknown> {
  const records = seriesRecords(sets, options);
  return options.closeOnEnd ? closing(records, sets) : records;
}

async function* seriesRecords(sets: readonly SeriesMember[], options: SeriesOptions): AsyncGenerator<unknown> {
  if (sets.length === 0) throw new IsxError('E_ARGUMENT', 'a series needs at least one file');
  checkSeries(sets);
  const first = sets[0]!;
  if (first instanceof BehaviorMovie) {
    let base = 0;
    for (const movie of sameKind(sets, (s): s is BehaviorMovie => s instanceof BehaviorMovie)) {
      yield* videoFrames(movie, { decode: options.decode ?? false, indexBase: base });
      base += movie.timing.numSamples;
    }
  } else if (first instanceof Movie) {
    const movies = sameKind(sets, (s): s is Movie => s instanceof Movie && !(s instanceof BehaviorMovie));
    let base = 0;
    for (const movie of movies) {
      yield* frames(movie, { indexBase: base, ...(options.maxBatchBytes === undefined ? {} : { maxBatchBytes: options.maxBatchBytes }) });
      base += movie.timing.numSamples;
    }
  } else if (first instanceof CellSet) {
    yield* seriesCells(sameKind(sets, (s): s is CellSet => s instanceof CellSet));
  } else if (first instanceof EventSet) {
    for (const set of sameKind(sets, (s): s is EventSet => s instanceof EventSet)) yield* events(set);
  } else {
    for (const set of sameKind(sets, (s): s is GpioSet => s instanceof GpioSet)) yield* samples(set);
  }
}

async function* seriesCells(sets: readonly CellSet[]): AsyncGenerator<CellRecord> {
  const first = sets[0]!;
  const timestampsUs = concatFloat64(sets.map((set) => sampleTimesUs(set.timing, 0, set.timing.numSamples)));
  for (let index = 0; index < first.numCells; index++) {
    const parts = await Promise.all(sets.map((set) => set.readCell(index)));
    const trace = new Float32Array(timestampsUs.length);
    let at = 0;
    for (const part of parts) {
      trace.set(part.trace, at);
      at += part.trace.length;
    }
    yield {
      index,
      name: first.getCellName(index),
      status: first.getCellStatus(index),
      color: first.getCellColor(index),
      active: first.getCellActive(index),
      trace,
      footprint: parts[0]!.footprint,
      timestampsUs,
      firstSampleIndex: 0,
    };
  }
}

function sameKind<T extends SeriesMember>(sets: readonly SeriesMember[], isKind: (set: SeriesMember) => set is T): T[] {
  for (const set of sets) {
    if (!isKind(set)) {
      throw new IsxError('E_ARGUMENT', `a series holds files of one kind; this one is a ${set.kind}, the first is a ${sets[0]!.kind}`, {
        path: set.filePath,
      });
    }
  }
  return sets as T[];
}

function concatFloat64(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
