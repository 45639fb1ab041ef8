import { extname } from 'node:path';
import { getAcquisitionInfo } from '../core/acquisitionInfo.js';
import { DataSet } from '../core/dataSet.js';
import type { FrameStore } from '../core/frameStore.js';
import { Ratio } from '../core/ratio.js';
import type { Spacing } from '../core/spacing.js';
import { checkTimingRange, Timing, type SampleStatus } from '../core/timing.js';
import { compareVersions, parseVersion } from '../core/version.js';
import { IsxError } from '../errors.js';
import type { ByteSource } from '../io/byteSource.js';
import { openFileWith } from '../io/openFileWith.js';
import { isJsonObject } from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import type { DataTypeInfo, DataTypeName, PixelArray } from '../core/dataType.js';
import { readFooter } from './footer.js';
import type { FrameHeader } from './frameHeader.js';
import { IsxdFrameStore } from './isxdFrameStore.js';
import { parseMovieFooter, type MovieLayout } from './movieFooter.js';

export type MovieKind = 'movie' | 'image' | 'behavior_movie';

export interface MovieInit {
  kind: MovieKind;
  timing: Timing;
  spacing: Spacing;
  dataType: DataTypeInfo;
  store: FrameStore;
}

/** The first version of the acquisition software that wrote usable frame timestamps (spec 4.5). */
const FIRST_TIMESTAMP_VERSION = [1, 1, 1] as const;

/**
 * A microscope movie or image (`.isxd` type 0 or 4), the isx `Movie`. Time indices count every sample;
 * dropped, cropped and blank samples read as all-zero frames without touching the file (spec 4.3).
 */
export class Movie extends DataSet {
  readonly kind: MovieKind;
  /** With the period measured from frame timestamps when the movie has them (spec 4.5). */
  readonly timing: Timing;
  readonly spacing: Spacing;
  readonly dataType: DataTypeName;
  readonly dataTypeInfo: DataTypeInfo;
  protected readonly store: FrameStore;

  protected constructor(source: ByteSource, metadata: JsonObject, init: MovieInit) {
    super(source, metadata);
    this.kind = init.kind;
    this.timing = init.timing;
    this.spacing = init.spacing;
    this.dataTypeInfo = init.dataType;
    this.dataType = init.dataType.name;
    this.store = init.store;
  }

  /** Opens an `.isxd` movie or image, or an `.isxb` behaviour movie (as a `BehaviorMovie`), like isx `Movie.read`. */
  static async read(path: string): Promise<Movie> {
    if (extname(path).toLowerCase() === '.isxb') {
      // Loaded on demand: BehaviorMovie extends Movie, so a static import here would be a cycle.
      const { BehaviorMovie } = await import('../isxb/behaviorMovie.js');
      return BehaviorMovie.read(path);
    }
    return openFileWith(path, (source) => Movie.fromSource(source));
  }

  /** Opens a movie or image `.isxd` from an open source; the movie owns the source afterwards. */
  static async fromSource(source: ByteSource): Promise<Movie> {
    const footer = await readFooter(source);
    const layout = parseMovieFooter(footer);
    const store = new IsxdFrameStore(source, layout, hasFrameTimestamps(layout));
    const timing = store.hasTimestamps ? await overridePeriod(layout.timing, store) : layout.timing;
    // The measured period comes from frame headers, not the footer: its timestamps need the same check.
    if (timing !== layout.timing) checkTimingRange(timing, 'timingInfo', { ...footer.site, document: 'frame timestamps and footer' });
    return new Movie(source, footer.json, { kind: layout.kind, timing, spacing: layout.spacing, dataType: layout.dataType, store });
  }

  /** True when every valid frame carries a hardware timestamp (spec 4.5). */
  get hasFrameTimestamps(): boolean {
    return this.store.hasTimestamps;
  }

  /**
   * Pixels of frame `index`, `rows·cols` row-major; all zeros for dropped, cropped and blank frames.
   * With `into` (an array of the movie's pixel type and `rows·cols` length) the pixels are read into it
   * and it is returned: a loop over frames that reuses one array reads at the speed of `fs.readSync`,
   * where a fresh array per frame costs page faults on every frame.
   */
  async getFrameData(index: number, into?: PixelArray): Promise<PixelArray> {
    this.checkIndex(index);
    const r = this.timing.recordedIndex(index);
    if (into === undefined) return r < 0 ? new this.dataTypeInfo.ArrayType(this.spacing.pixelCount) : this.store.readFrame(r);
    this.checkFrameArray(into);
    const bytes = new Uint8Array(into.buffer, into.byteOffset, into.byteLength);
    if (r < 0) bytes.fill(0);
    else await this.store.readFrameInto(r, bytes);
    return into;
  }

  private checkFrameArray(into: PixelArray): void {
    const { ArrayType, name } = this.dataTypeInfo;
    if (!(into instanceof ArrayType) || into.length !== this.spacing.pixelCount) {
      const given = ArrayBuffer.isView(into) ? `${into.constructor.name} of ${into.length}` : typeof into;
      throw new IsxError('E_ARGUMENT', `getFrameData: 'into' must be a ${ArrayType.name} of ${this.spacing.pixelCount} pixels (${name}), not a ${given}`, {
        path: this.filePath,
      });
    }
  }

  /**
   * `count` frames from `start` as one contiguous array, zeros for invalid frames. Each run of
   * consecutive stored frames is one store read.
   */
  async readFrames(start: number, count: number): Promise<PixelArray> {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(count) || start < 0 || count < 0 || start + count > this.timing.numSamples) {
      throw new IsxError('E_RANGE', `frames ${start}+${count} are out of range (the movie has ${this.timing.numSamples} frames)`, {
        path: this.filePath,
      });
    }
    const pixels = this.spacing.pixelCount;
    const runs = this.storedRuns(start, count);
    const only = runs[0];
    if (runs.length === 1 && only && only.at === 0 && only.count === count) return this.store.readFrames(only.recorded, count);
    const out = new this.dataTypeInfo.ArrayType(count * pixels);
    for (const run of runs) out.set(await this.store.readFrames(run.recorded, run.count), run.at * pixels);
    return out;
  }

  getFrameStatus(index: number): SampleStatus {
    this.checkIndex(index);
    return this.timing.statusOf(index);
  }

  /** Hardware timestamp (tsc, µs) of frame `index`; 0 for invalid frames (spec 4.5). */
  async getFrameTimestamp(index: number): Promise<bigint> {
    if (!this.hasFrameTimestamps) throw new IsxError('E_NO_TIMESTAMPS', 'No frame timestamps stored in movie.', { path: this.filePath });
    this.checkIndex(index);
    const r = this.timing.recordedIndex(index);
    return r < 0 ? 0n : this.store.readTimestamp(r);
  }

  /** The decoded frame header (spec 4.4), or null for invalid frames and movies without headers. */
  async getFrameHeader(index: number): Promise<FrameHeader | null> {
    this.checkIndex(index);
    const r = this.timing.recordedIndex(index);
    if (r < 0 || !(this.store instanceof IsxdFrameStore) || !this.store.hasHeaderFooter) return null;
    return this.store.readHeader(r);
  }

  getAcquisitionInfo(): Record<string, JsonValue> | null {
    return getAcquisitionInfo(this.metadata.extraProperties);
  }

  protected checkIndex(index: number): void {
    const n = this.timing.numSamples;
    if (!Number.isSafeInteger(index) || index < 0 || index >= n) {
      const valid = n === 0 ? 'the movie has no frames' : `0-${n - 1}`;
      throw new IsxError('E_RANGE', `frame index ${index} is out of range (${valid})`, { path: this.filePath });
    }
  }

  /** Runs of consecutive stored frames in `[start, start+count)`: output position, first recorded index, length. */
  private storedRuns(start: number, count: number): { at: number; recorded: number; count: number }[] {
    const runs: { at: number; recorded: number; count: number }[] = [];
    for (let i = this.timing.findValidIndex(start, 1); i >= 0 && i < start + count; ) {
      let end = i + 1;
      while (end < start + count && this.timing.isValid(end)) end++;
      runs.push({ at: i - start, recorded: this.timing.recordedIndex(i), count: end - i });
      i = this.timing.findValidIndex(end, 1);
    }
    return runs;
  }
}

/**
 * spec 4.5: timestamps need frame headers and acquisition software 1.1.1 or later, named by the
 * string `extraProperties.producer.version`.
 */
function hasFrameTimestamps(layout: MovieLayout): boolean {
  if (!layout.hasHeaderFooter || !isJsonObject(layout.extraProperties)) return false;
  const producer = layout.extraProperties.producer;
  const text = isJsonObject(producer) ? producer.version : undefined;
  if (typeof text !== 'string') return false;
  const version = parseVersion(text);
  return version !== null && compareVersions(version, FIRST_TIMESTAMP_VERSION) >= 0;
}

/**
 * spec 4.5: the period becomes the mean timestamp step between the first and last valid frames,
 * `(tsc(l) - tsc(f)) / ((l - f)·10^6)` unreduced, when they are more than one sample apart and the
 * counter increased.
 */
async function overridePeriod(timing: Timing, store: FrameStore): Promise<Timing> {
  const first = timing.findValidIndex(0, 1);
  const last = timing.findValidIndex(timing.numSamples - 1, -1);
  if (first < 0 || last - first <= 1) return timing;
  const tscFirst = await store.readTimestamp(timing.recordedIndex(first));
  const tscLast = await store.readTimestamp(timing.recordedIndex(last));
  if (tscFirst >= tscLast) return timing;
  return new Timing({
    numSamples: timing.numSamples,
    period: new Ratio(tscLast - tscFirst, BigInt(last - first) * 1_000_000n),
    start: timing.start,
    dropped: timing.dropped,
    cropped: timing.cropped,
    blank: timing.blank,
  });
}
