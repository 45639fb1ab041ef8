import { closeAll } from '../core/closeAll.js';
import { countBefore } from '../core/countBefore.js';
import type { SampleStatus } from '../core/timing.js';
import type { Time } from '../core/time.js';
import { IsxError } from '../errors.js';
import { BehaviorMovie, type BehaviorFrameMetadata, type BehaviorMovieOptions } from './behaviorMovie.js';

/** Where a frame of a series is, and when it was taken. */
export interface SeriesFrame {
  /** Position in the whole series, counting dropped frames. */
  globalIndex: number;
  /** Which file (0-based). */
  movieNumber: number;
  /** Frame index inside that file. */
  localIndex: number;
  status: SampleStatus;
  /** Hardware timestamp (µs); null for dropped frames. */
  tsc: bigint | null;
  /** `tsc - firstTsc` of the series, µs; null for dropped frames. */
  offsetUs: bigint | null;
  /** Series start (first file's start) plus `offsetUs`, µs since the Unix epoch; null for dropped frames. */
  timestampUs: number | null;
}

/**
 * Consecutive `.isxb` files of one recording (nVision splits long sessions), read as one sequence the
 * way the reference tracking and timestamp exports number it: global frame numbers run on across files,
 * and every time is the frame's tsc minus the first frame's tsc of the first file, so times continue
 * across files without gaps or resets.
 */
export class BehaviorSeries implements AsyncDisposable {
  /** Total frames, dropped ones included. */
  readonly numSamples: number;
  /**
   * tsc of the series' first frame. When that frame was dropped it is estimated from the first stored
   * frame and the period, as the reference export does.
   */
  readonly firstTsc: bigint;
  private readonly firstGlobal: number[];

  private constructor(readonly movies: readonly BehaviorMovie[]) {
    this.firstGlobal = [];
    let total = 0;
    for (const movie of movies) {
      this.firstGlobal.push(total);
      total += movie.timing.numSamples;
    }
    this.numSamples = total;
    this.firstTsc = estimateFirstTsc(movies[0]!);
  }

  /** Opens `paths` in order; all are closed again if any fails. */
  static async read(paths: readonly string[], options: BehaviorMovieOptions = {}): Promise<BehaviorSeries> {
    const movies: BehaviorMovie[] = [];
    try {
      for (const path of paths) movies.push(await BehaviorMovie.read(path, options));
      return BehaviorSeries.fromMovies(movies);
    } catch (error) {
      const closeErrors = await closeAll(movies);
      // Keep a close failure with the error that caused it rather than dropping it.
      throw closeErrors.length === 0 ? error : new AggregateError([error, ...closeErrors], 'opening failed, then closing the files failed too');
    }
  }

  /**
   * A series of open movies (the series owns them afterwards). They must all store frame timestamps,
   * have one frame size, and start in order.
   */
  static fromMovies(movies: readonly BehaviorMovie[]): BehaviorSeries {
    const first = movies[0];
    if (!first) throw new IsxError('E_ARGUMENT', 'a series needs at least one .isxb file');
    movies.forEach((movie, i) => {
      if (!movie.hasFrameTimestamps) {
        throw new IsxError('E_NO_TIMESTAMPS', `series member ${i} stores no frame timestamps; a series is timed by them`, { path: movie.filePath });
      }
      const [rows, cols] = movie.spacing.numPixels;
      const [rows0, cols0] = first.spacing.numPixels;
      if (rows !== rows0 || cols !== cols0) {
        throw new IsxError('E_ARGUMENT', `series member ${i} is ${cols} x ${rows}; member 0 (${first.filePath}) is ${cols0} x ${rows0}`, { path: movie.filePath });
      }
      const previous = movies[i - 1];
      if (previous && movie.timing.start.secsSinceEpoch.compare(previous.timing.start.secsSinceEpoch) < 0) {
        throw new IsxError('E_ARGUMENT', `series member ${i} starts before member ${i - 1} (${previous.filePath}); list the files in time order`, {
          path: movie.filePath,
        });
      }
    });
    return new BehaviorSeries(movies);
  }

  /** The first file's start time. */
  get start(): Time {
    return this.movies[0]!.timing.start;
  }

  /** Which file holds global frame `globalIndex`, and its index there. */
  locate(globalIndex: number): { movieNumber: number; localIndex: number } {
    if (!Number.isSafeInteger(globalIndex) || globalIndex < 0 || globalIndex >= this.numSamples) {
      throw new IsxError('E_RANGE', `series frame ${globalIndex} is out of range (0-${this.numSamples - 1})`, { path: this.movies[0]!.filePath });
    }
    // The last file that starts at or before the frame (files start in ascending order).
    const movieNumber = countBefore(this.firstGlobal.length, (i) => this.firstGlobal[i]! <= globalIndex) - 1;
    return { movieNumber, localIndex: globalIndex - this.firstGlobal[movieNumber]! };
  }

  /** Numbering, status and times of global frame `globalIndex`. */
  getFrame(globalIndex: number): SeriesFrame {
    const { movieNumber, localIndex } = this.locate(globalIndex);
    const movie = this.movies[movieNumber]!;
    const status = movie.getFrameStatus(localIndex);
    const tsc = movie.getFrameMetadata(localIndex)?.tsc ?? null;
    const offsetUs = tsc === null ? null : tsc - this.firstTsc;
    const timestampUs = offsetUs === null ? null : Number(this.start.toMicros() + offsetUs);
    return { globalIndex, movieNumber, localIndex, status, tsc, offsetUs, timestampUs };
  }

  getFrameData(globalIndex: number): Promise<Uint8Array> {
    const { movieNumber, localIndex } = this.locate(globalIndex);
    return this.movies[movieNumber]!.getFrameData(localIndex);
  }

  getFrameJpeg(globalIndex: number): Promise<Uint8Array | null> {
    const { movieNumber, localIndex } = this.locate(globalIndex);
    return this.movies[movieNumber]!.getFrameJpeg(localIndex);
  }

  getFrameMetadata(globalIndex: number): BehaviorFrameMetadata | null {
    const { movieNumber, localIndex } = this.locate(globalIndex);
    return this.movies[movieNumber]!.getFrameMetadata(localIndex);
  }

  async close(): Promise<void> {
    const closeErrors = await closeAll(this.movies);
    if (closeErrors.length === 1) throw closeErrors[0];
    if (closeErrors.length > 1) throw new AggregateError(closeErrors, `closing ${closeErrors.length} files of the series failed`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** First frame's tsc; for a dropped first frame, the first stored tsc minus its index times the period. */
function estimateFirstTsc(movie: BehaviorMovie): bigint {
  const first = movie.timing.findValidIndex(0, 1);
  const tsc = first < 0 ? undefined : movie.getFrameMetadata(first)?.tsc;
  if (tsc === undefined) {
    throw new IsxError('E_NO_TIMESTAMPS', 'the first file of the series has no stored frame to time the series by', { path: movie.filePath });
  }
  return tsc - movie.timing.offset(first).toMicrosRounded();
}
