import type { PixelArray } from './dataType.js';

/**
 * Where a movie's stored frames come from. `Movie` maps time indices to recorded indices (skipping
 * dropped, cropped and blank samples) and asks its store for recorded frames, so one Movie class
 * serves `.isxd` payloads and `.isxb` JPEG streams alike.
 */
export interface FrameStore {
  /** Pixels of recorded frame `recordedIndex`, row-major, in the movie's data type. */
  readFrame(recordedIndex: number): Promise<PixelArray>;
  /**
   * Pixels of `count` consecutive recorded frames as one contiguous array (the conversion path reads
   * whole batches with one call).
   */
  readFrames(firstRecordedIndex: number, count: number): Promise<PixelArray>;
  /** Pixels of recorded frame `recordedIndex` into `target`, which holds exactly one frame's bytes. */
  readFrameInto(recordedIndex: number, target: Uint8Array): Promise<void>;
  /** True when every recorded frame carries a hardware timestamp (tsc, microseconds). */
  readonly hasTimestamps: boolean;
  /** The hardware timestamp of a recorded frame; only called when `hasTimestamps`. */
  readTimestamp(recordedIndex: number): Promise<bigint>;
}
