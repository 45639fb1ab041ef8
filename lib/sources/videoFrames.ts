import type { BehaviorMovie } from '../isxb/behaviorMovie.js';
import { RECORDS_PER_YIELD, yieldToEventLoop } from '../core/yieldToEventLoop.js';
import { closing } from './closing.js';
import { resolveIndexRange, type RangeOptions } from './range.js';
import type { VideoFrameRecord } from '../core/records.js';

export interface VideoFrameSourceOptions extends RangeOptions {
  /** Decode each JPEG to its luma plane (`data`) instead of passing the stored bytes (`jpeg`). Default false. */
  decode?: boolean;
  /** Close the movie when the stream ends, fails or is destroyed (default false). */
  closeOnEnd?: boolean;
  /** Added to every frame index (series continue their indices across files). */
  indexBase?: number;
}

/**
 * One record per frame of a behaviour movie (design section 4), in time order: the stored JPEG bytes
 * untouched (the default, no decoding cost) or, with `decode`, the luma plane (spec 8.6). Dropped frames
 * have status `dropped`, no `jpeg`, zero luma with `decode`, and `fc`/`tsc` 0 (spec 8.7: no per-frame
 * metadata is stored for them).
 */
export function videoFrames(movie: BehaviorMovie, options: VideoFrameSourceOptions = {}): AsyncGenerator<VideoFrameRecord> {
  const records = readVideoFrameRecords(movie, options);
  return options.closeOnEnd ? closing(records, movie) : records;
}

async function* readVideoFrameRecords(movie: BehaviorMovie, options: VideoFrameSourceOptions): AsyncGenerator<VideoFrameRecord> {
  const { timing } = movie;
  const [rows, cols] = movie.spacing.numPixels;
  const [first, end] = resolveIndexRange(timing, options, movie.filePath);
  const indexBase = options.indexBase ?? 0;
  // Invalid frames share one zero luma plane: a run of them costs no memory.
  let zeroFrame: Uint8Array | undefined;
  for (let index = first; index < end; index++) {
    // Invalid frames never wait on I/O: let signals and timers in now and then.
    if ((index - first) % RECORDS_PER_YIELD === RECORDS_PER_YIELD - 1) await yieldToEventLoop();
    const metadata = movie.getFrameMetadata(index);
    const record: VideoFrameRecord = {
      index: indexBase + index,
      timestampUs: timing.timestampUs(index),
      offsetUs: timing.offsetUs(index),
      tsc: metadata?.tsc ?? 0n,
      fc: metadata?.fc ?? 0n,
      status: timing.isValid(index) ? 'valid' : 'dropped',
      rows,
      cols,
    };
    if (options.decode) record.data = record.status === 'valid' ? await movie.getFrameData(index) : (zeroFrame ??= new Uint8Array(rows * cols));
    else {
      const jpeg = await movie.getFrameJpeg(index);
      if (jpeg !== null) record.jpeg = jpeg;
    }
    if (metadata?.tracking !== undefined) record.tracking = metadata.tracking;
    yield record;
  }
}
