import type { Readable } from 'node:stream';
import { closeAll } from '../core/closeAll.js';
import { IsxError } from '../errors.js';
import { EventSet } from '../events/eventSet.js';
import { GpioSet } from '../gpio/gpioSet.js';
import { BehaviorMovie } from '../isxb/behaviorMovie.js';
import { CellSet } from '../isxd/cellSet.js';
import { Movie } from '../isxd/movie.js';
import { VesselSet } from '../isxd/vesselSet.js';
import { open } from '../open.js';
import { cells } from './cells.js';
import { events } from './events.js';
import { frames } from './frames.js';
import type { RangeOptions } from './range.js';
import type { CellRecord, EventRecord, FrameRecord, SampleRecord, VesselRecord, VideoFrameRecord } from '../core/records.js';
import { samples } from './samples.js';
import { series } from './series.js';
import { toReadable } from './toReadable.js';
import { vessels } from './vessels.js';
import { videoFrames } from './videoFrames.js';

export type StreamableDataSet = Movie | CellSet | EventSet | GpioSet | VesselSet;
export type SourceRecord = FrameRecord | VideoFrameRecord | CellRecord | EventRecord | SampleRecord | VesselRecord;

/** Every source's options; each source uses the ones that apply to it. */
export interface StreamOptions extends RangeOptions {
  /** Close the file(s) when the stream ends, fails or is destroyed (default false). */
  closeOnEnd?: boolean;
  /** Behaviour movies: decoded luma instead of JPEG bytes. */
  decode?: boolean;
  /** Movies: largest read in bytes. */
  maxBatchBytes?: number;
  /** Movies: read frame headers for `efocus` and `tsc` (default true). */
  headers?: boolean;
}

/**
 * The main records of any opened data set, from the source for its kind: frames of a movie, video frames
 * of a behaviour movie, cells, events, GPIO/IMU samples or vessels.
 */
export function records(dataSet: StreamableDataSet, options: StreamOptions = {}): AsyncGenerator<SourceRecord> {
  if (dataSet instanceof BehaviorMovie) return videoFrames(dataSet, options);
  if (dataSet instanceof Movie) return frames(dataSet, options);
  if (dataSet instanceof CellSet) return cells(dataSet, options);
  if (dataSet instanceof EventSet) return events(dataSet, options);
  if (dataSet instanceof GpioSet) return samples(dataSet, options);
  if (dataSet instanceof VesselSet) {
    if (hasRange(options)) throw new IsxError('E_ARGUMENT', 'vessel sets stream whole vessels; a range does not apply', { path: dataSet.filePath });
    return vessels(dataSet, options);
  }
  throw new IsxError('E_ARGUMENT', `no source streams data sets of kind ${(dataSet as { kind?: string }).kind}`);
}

/**
 * An object-mode Readable of the records of one data set, or of a series of them (an array: see
 * `series`; ranges do not apply to a series). Backpressure and `destroy()` behave as `toReadable` says.
 */
export function stream(dataSets: StreamableDataSet | readonly StreamableDataSet[], options: StreamOptions = {}): Readable {
  if (!Array.isArray(dataSets)) return toReadable(records(dataSets as StreamableDataSet, options));
  const list = dataSets as readonly StreamableDataSet[];
  const vessel = list.find((set) => set instanceof VesselSet);
  if (vessel !== undefined) throw new IsxError('E_ARGUMENT', 'vessel sets cannot be streamed as a series', { path: vessel.filePath });
  if (hasRange(options)) throw new IsxError('E_ARGUMENT', 'a range does not apply to a series; window the stream with timeWindow instead');
  return toReadable(series(list as Exclude<StreamableDataSet, VesselSet>[], options));
}

/**
 * Opens `paths` (one file, or several as a series) and streams their records; the files are closed when
 * the stream ends, fails or is destroyed, unless `closeOnEnd: false`. If opening a later file of a series
 * fails, the ones already open are closed before the error is thrown.
 */
export async function openStream(paths: string | readonly string[], options: StreamOptions = {}): Promise<Readable> {
  const list = typeof paths === 'string' ? [paths] : paths;
  const opened: StreamableDataSet[] = [];
  try {
    for (const path of list) opened.push(await open(path));
  } catch (error) {
    return closeAfterFailure(opened, error);
  }
  const streamOptions = { ...options, closeOnEnd: options.closeOnEnd ?? true };
  try {
    return stream(typeof paths === 'string' ? opened[0]! : opened, streamOptions);
  } catch (error) {
    return closeAfterFailure(opened, error);
  }
}

/** Closes what was opened and rethrows `error`, together with any close failure. */
async function closeAfterFailure(sets: readonly StreamableDataSet[], error: unknown): Promise<never> {
  const failures = await closeAll(sets);
  throw failures.length === 0 ? error : new AggregateError([error, ...failures], 'opening failed, then closing the files failed too');
}

function hasRange(options: RangeOptions): boolean {
  return [options.startIndex, options.startSec, options.startUs, options.endIndex, options.endSec, options.endUs].some((v) => v !== undefined);
}
