import type { PixelArray } from '../core/dataType.js';
import { RECORDS_PER_YIELD, yieldToEventLoop } from '../core/yieldToEventLoop.js';
import type { Movie } from '../isxd/movie.js';
import { closing } from './closing.js';
import { resolveIndexRange, type RangeOptions } from './range.js';
import type { FrameRecord } from '../core/records.js';

export interface FrameSourceOptions extends RangeOptions {
  /**
   * Largest read in bytes (default just under 4 MiB; at least one frame). One batch is read ahead while
   * the previous one is consumed, so at most about three batches are alive at once.
   */
  maxBatchBytes?: number;
  /** Read each valid frame's header for `efocus` and `tsc` when the movie stores headers (default true). */
  headers?: boolean;
  /** Close the movie when the stream ends, fails or is destroyed (default false: the caller owns it). */
  closeOnEnd?: boolean;
  /** Added to every frame index (series continue their indices across files). */
  indexBase?: number;
}

/**
 * The default batch of transforms/batch.ts (4 MiB of records) less room for its per-record bookkeeping
 * (32 bytes a frame), so a default batch holds exactly the frames of one read and its pixels stay a view
 * of the read buffer; when a batch spans two reads, its pixels are copied (issue 9: a copy per batch and
 * a fresh 16 MiB buffer per read cost 18% of a conversion in GC).
 */
export const DEFAULT_MAX_BATCH_BYTES = 4 * 1024 * 1024 - 64 * 1024;

/**
 * Most frames in one batch, whatever their size: a batch keeps per-frame state (headers), so tiny frames
 * (1x1 px) in 16 MiB batches meant 8M-entry arrays, seconds without an event-loop turn and 490 MB RSS.
 */
export const MAX_BATCH_FRAMES = 65_536;

interface FrameBatch {
  first: number;
  /** null when every frame of the batch is invalid: their records share one zero frame. */
  pixels: PixelArray | null;
  headers: ({ efocus: number; tsc: bigint } | null)[];
}

/**
 * One record per frame of a movie (design section 4), in time order. Pixels are read in contiguous
 * batches (`Movie.readFrames`) and each record's `data` is a view into its batch; invalid frames are all
 * zeros, as isx returns them; a batch of only invalid frames reads nothing and its records share one
 * zero frame. Through `writeTable`, a batch's read buffer is reused once the sink has written it, so a
 * stage that keeps a record's `data` must copy it. Never holds more than a few batches, whatever the
 * movie's length. A behaviour movie given here yields decoded luma frames; `videoFrames` passes its JPEG
 * bytes and tracking.
 */
export function frames(movie: Movie, options: FrameSourceOptions = {}): AsyncGenerator<FrameRecord> {
  const records = readFrameRecords(movie, options);
  return options.closeOnEnd ? closing(records, movie) : records;
}

async function* readFrameRecords(movie: Movie, options: FrameSourceOptions): AsyncGenerator<FrameRecord> {
  const { timing, spacing } = movie;
  const [rows, cols] = spacing.numPixels;
  const pixelCount = spacing.pixelCount;
  const [first, end] = resolveIndexRange(timing, options, movie.filePath);
  const frameBytes = Math.max(1, pixelCount * movie.dataTypeInfo.bytesPerPixel);
  const perBatch = Math.max(1, Math.min(MAX_BATCH_FRAMES, Math.floor((options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES) / frameBytes)));
  const wantHeaders = options.headers ?? true;
  const indexBase = options.indexBase ?? 0;

  let zeroFrame: PixelArray | undefined;
  const readBatch = (start: number): Promise<FrameBatch> => {
    const count = Math.min(perBatch, end - start);
    const batch =
      timing.validCountBefore(start + count) === timing.validCountBefore(start)
        ? Promise.resolve<FrameBatch>({ first: start, pixels: null, headers: new Array(count).fill(null) })
        : Promise.all([movie.readFrames(start, count), readHeaders(movie, start, count, wantHeaders)]).then(
            ([pixels, headers]): FrameBatch => ({ first: start, pixels, headers }),
          );
    // A read-ahead can fail while the consumer is still busy with earlier frames: mark it handled now, so
    // Node does not report it as unhandled, and rethrow it in order when the loop awaits it.
    batch.catch(ignore);
    return batch;
  };

  let pending: Promise<FrameBatch> | null = first < end ? readBatch(first) : null;
  let made = 0;
  try {
    while (pending !== null) {
      const batch = await pending;
      const next = batch.first + batch.headers.length;
      // Read ahead: the next batch loads while this one's frames go downstream.
      pending = next < end ? readBatch(next) : null;
      const { pixels } = batch;
      if (pixels === null) zeroFrame ??= new movie.dataTypeInfo.ArrayType(pixelCount);
      for (let k = 0; k < batch.headers.length; k++) {
        // Runs of invalid frames never wait on I/O: let signals and timers in now and then.
        if (++made % RECORDS_PER_YIELD === 0) await yieldToEventLoop();
        const index = batch.first + k;
        const record: FrameRecord = {
          index: indexBase + index,
          timestampUs: timing.timestampUs(index),
          offsetUs: timing.offsetUs(index),
          status: timing.statusOf(index),
          data: pixels === null ? zeroFrame! : pixels.subarray(k * pixelCount, (k + 1) * pixelCount),
          rows,
          cols,
        };
        const header = batch.headers[k];
        if (header) {
          record.efocus = header.efocus;
          // spec 4.5: the header's counter is a timestamp only for acquisition software >= 1.1.1.
          if (movie.hasFrameTimestamps) record.tsc = header.tsc;
        }
        yield record;
      }
    }
  } finally {
    // Stopped early with a read-ahead in flight: let it settle before the file can be closed. Its frames
    // were not asked for, so its outcome, error included, has no one to go to.
    if (pending !== null) await pending.then(ignore, ignore);
  }
}

/** Headers of frames `[start, start+count)`; null for invalid frames and movies without headers. */
async function readHeaders(movie: Movie, start: number, count: number, wanted: boolean): Promise<FrameBatch['headers']> {
  if (!wanted) return new Array(count).fill(null);
  const headers: FrameBatch['headers'] = [];
  for (let i = start; i < start + count; i++) headers.push(await movie.getFrameHeader(i));
  return headers;
}

function ignore(): void {}
