import type { Readable } from 'node:stream';
import { closeAll } from '../core/closeAll.js';
import type { SourceRecord } from '../core/records.js';
import { IsxError } from '../errors.js';
import { open } from './open.js';
import { toReadable } from '../sources/toReadable.js';
import type { RecordOptions } from './descriptor.js';
import type { AnyDataSet } from './kindName.js';
import { kindOf } from './registry.js';
import { series } from './series.js';

/** Every source's options; each source uses the ones that apply to it. */
export type StreamOptions = Omit<RecordOptions, 'indexBase'>;

/**
 * The main records of any opened data set, from the source for its kind: frames of a movie, video frames
 * of a behaviour movie, cells, events, GPIO/IMU samples or vessels.
 */
export function records(dataSet: AnyDataSet, options: StreamOptions = {}): AsyncGenerator<SourceRecord> {
  const kind = kindOf(dataSet);
  if (hasRange(options) && !kind.options.includes('range')) {
    const noun = kind.members?.(dataSet as never).noun ?? 'record';
    throw new IsxError('E_ARGUMENT', `${kind.label}s stream whole ${noun}s; a range does not apply`, { path: dataSet.filePath });
  }
  return kind.records(dataSet as never, options);
}

/**
 * An object-mode Readable of the records of one data set, or of a series of them (an array: see
 * `series`). Backpressure and `destroy()` behave as `toReadable` says.
 */
export function stream(dataSets: AnyDataSet | readonly AnyDataSet[], options: StreamOptions = {}): Readable {
  if (!Array.isArray(dataSets)) return toReadable(records(dataSets as AnyDataSet, options));
  const list = dataSets as readonly AnyDataSet[];
  const whole = list.find((set) => !kindOf(set).options.includes('range'));
  if (whole !== undefined) throw new IsxError('E_ARGUMENT', `a ${kindOf(whole).label} cannot be streamed as a series`, { path: whole.filePath });
  if (hasRange(options)) throw new IsxError('E_ARGUMENT', 'a range does not apply to a series; window the stream with timeWindow instead');
  return toReadable(series(list, options));
}

/**
 * Opens `paths` (one file, or several as a series) and streams their records; the files are closed when
 * the stream ends, fails or is destroyed, unless `closeOnEnd: false`. If opening a later file of a series
 * fails, the ones already open are closed before the error is thrown.
 */
export async function openStream(paths: string | readonly string[], options: StreamOptions = {}): Promise<Readable> {
  const list = typeof paths === 'string' ? [paths] : paths;
  const opened: AnyDataSet[] = [];
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
async function closeAfterFailure(sets: readonly AnyDataSet[], error: unknown): Promise<never> {
  const failures = await closeAll(sets);
  throw failures.length === 0 ? error : new AggregateError([error, ...failures], 'opening failed, then closing the files failed too');
}

function hasRange(options: StreamOptions): boolean {
  return [options.startIndex, options.startSec, options.startUs, options.endIndex, options.endSec, options.endUs].some((v) => v !== undefined);
}
