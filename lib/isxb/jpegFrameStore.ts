import type { FrameStore } from '../core/frameStore.js';
import type { Spacing } from '../core/spacing.js';
import type { Timing } from '../core/timing.js';
import type { ByteSource } from '../io/byteSource.js';
import { decodeFrameLuma, type LumaDecoder } from './decodeLuma.js';
import type { FrameSample } from './frameMetadata.js';
import type { ByteRange } from './isxbHeader.js';
import { scanJpegIndex, type JpegIndex } from './jpegIndex.js';

/** Frames decoded at once by `readFrames` (sharp decodes on libuv's thread pool). */
const DECODE_CONCURRENCY = 4;

/**
 * The stored frames of an `.isxb` movie: one JPEG per recorded frame in the video section (spec 8.5),
 * decoded to their luma plane (spec 8.6). The JPEG index is built by one scan, on first use, and kept.
 */
export class JpegFrameStore implements FrameStore {
  readonly hasTimestamps: boolean;
  private index: Promise<JpegIndex> | undefined;
  /** Time index of each recorded frame, for messages. */
  private readonly timeIndices: number[];

  constructor(
    private readonly source: ByteSource,
    private readonly video: ByteRange,
    private readonly numFrames: number,
    private readonly samples: readonly FrameSample[] | null,
    private readonly spacing: Spacing,
    timing: Timing,
    readonly decoder: LumaDecoder,
  ) {
    this.hasTimestamps = samples !== null;
    this.timeIndices = timing.validIndices();
  }

  /** The JPEG index, scanned once per open file; a failed scan is retried on the next call. */
  getIndex(): Promise<JpegIndex> {
    this.index ??= scanJpegIndex(this.source, this.video, this.numFrames).catch((error: unknown) => {
      this.index = undefined;
      throw error;
    });
    return this.index;
  }

  /** The stored bytes of recorded frame `r`, untouched. */
  async readJpeg(recordedIndex: number): Promise<Uint8Array> {
    const index = await this.getIndex();
    const start = index.starts[recordedIndex]!;
    return this.source.readAt(start, index.ends[recordedIndex]! - start, `JPEG of frame ${this.timeIndices[recordedIndex]}`);
  }

  async readFrame(recordedIndex: number): Promise<Uint8Array> {
    return this.readFrames(recordedIndex, 1);
  }

  async readFrameInto(recordedIndex: number, target: Uint8Array): Promise<void> {
    const start = (await this.getIndex()).starts[recordedIndex]!;
    await this.decodeInto(recordedIndex, await this.readJpeg(recordedIndex), start, target);
  }

  async readFrames(firstRecordedIndex: number, count: number): Promise<Uint8Array> {
    const pixels = this.spacing.pixelCount;
    const out = new Uint8Array(count * pixels);
    if (count === 0) return out;
    const index = await this.getIndex();
    // The images are back to back: one read covers the whole run.
    const from = index.starts[firstRecordedIndex]!;
    const bytes = await this.source.readAt(from, index.ends[firstRecordedIndex + count - 1]! - from, 'video frames');
    const decodeOne = (k: number): Promise<void> => {
      const r = firstRecordedIndex + k;
      const start = index.starts[r]!;
      return this.decodeInto(r, bytes.subarray(start - from, index.ends[r]! - from), start, out.subarray(k * pixels, (k + 1) * pixels));
    };
    for (let k = 0; k < count; k += DECODE_CONCURRENCY) {
      const batch: Promise<void>[] = [];
      for (let j = k; j < Math.min(count, k + DECODE_CONCURRENCY); j++) batch.push(decodeOne(j));
      await Promise.all(batch);
    }
    return out;
  }

  /** Decodes the JPEG of recorded frame `recordedIndex`, stored at file offset `start`, into `target`. */
  private decodeInto(recordedIndex: number, jpeg: Uint8Array, start: number, target: Uint8Array): Promise<void> {
    const site = { path: this.source.path, index: this.timeIndices[recordedIndex]!, offset: start };
    return decodeFrameLuma(this.decoder, jpeg, target, this.spacing.numRows, this.spacing.numCols, site);
  }

  async readTimestamp(recordedIndex: number): Promise<bigint> {
    return this.samples![recordedIndex]!.tsc;
  }
}
