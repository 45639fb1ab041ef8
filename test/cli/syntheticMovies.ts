import { Ratio } from '../../lib/core/ratio.js';
import { Spacing } from '../../lib/core/spacing.js';
import { Time } from '../../lib/core/time.js';
import { MAX_UNBACKED_SAMPLES, Timing } from '../../lib/core/timing.js';
import { MovieWriter } from '../../lib/isxd/writeMovie.js';

/** 2024-01-01T00:00:00Z */
export const MOVIE_START_US = 1_704_067_200_000_000n;

/**
 * A uint16 movie of `numFrames` frames (10 ms apart) whose pixel k of frame i is `i*1000 + k`, so any
 * output pixel says where it came from. `dropped` frames are not stored (they read as zeros).
 */
export async function writeCountingMovie(path: string, numCols: number, numRows: number, numFrames: number, dropped: number[] = []): Promise<void> {
  const timing = new Timing({ numSamples: numFrames, period: new Ratio(10, 1000), start: Time.fromMicros(MOVIE_START_US), dropped });
  const writer = await MovieWriter.create(path, { timing, spacing: new Spacing(numCols, numRows), dataType: 'uint16' });
  for (const index of timing.validIndices()) {
    await writer.writeFrame(index, Uint16Array.from({ length: numCols * numRows }, (_, k) => index * 1000 + k));
  }
  await writer.finish();
}

/** A large movie of holes (all zeros, sparse on disk): slow enough to convert that it can be interrupted. */
export async function writeLargeSparseMovie(path: string, numFrames: number): Promise<void> {
  const timing = new Timing({ numSamples: numFrames, period: new Ratio(10, 1000), start: Time.fromMicros(MOVIE_START_US) });
  const writer = await MovieWriter.create(path, { timing, spacing: new Spacing(1024, 1024), dataType: 'uint16' });
  for (let index = 0; index < numFrames; index++) await writer.writeHoleFrame(index);
  await writer.finish();
}

/**
 * A 1 KB movie of 2^26 1x1 frames, all cropped but the first two: the most records a file may declare
 * without bytes behind them (MAX_UNBACKED_SAMPLES). Converting it takes minutes of work that never
 * waits on I/O: the hostile case for interrupts and memory.
 */
export async function writeMostlyCroppedMovie(path: string): Promise<void> {
  const numFrames = MAX_UNBACKED_SAMPLES;
  const timing = new Timing({ numSamples: numFrames, period: new Ratio(10, 1000), start: Time.fromMicros(MOVIE_START_US), cropped: [[2, numFrames - 1]] });
  const writer = await MovieWriter.create(path, { timing, spacing: new Spacing(1, 1), dataType: 'uint16' });
  for (const index of timing.validIndices()) await writer.writeFrame(index, Uint16Array.of(index));
  await writer.finish();
}
