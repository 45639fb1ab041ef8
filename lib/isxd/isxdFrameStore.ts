import type { FrameStore } from '../core/frameStore.js';
import type { ByteSource } from '../io/byteSource.js';
import type { PixelArray } from '../core/dataType.js';
import { decodeFrameHeader, decodeTsc, FRAME_HEADER_BYTES, FRAME_HEADER_WORDS, TSC_INDEX, TSC_WORDS, type FrameHeader } from './frameHeader.js';
import type { MovieLayout } from './movieFooter.js';

/**
 * Recorded frames of a movie `.isxd` payload (spec 4.2): frame `r` occupies `[r·S, (r+1)·S)`, its
 * pixels after a 5120-byte header when the movie has headers. `parseMovieFooter` has checked that
 * every recorded frame lies inside the payload.
 */
export class IsxdFrameStore implements FrameStore {
  constructor(
    private readonly source: ByteSource,
    private readonly layout: MovieLayout,
    readonly hasTimestamps: boolean,
  ) {}

  get hasHeaderFooter(): boolean {
    return this.layout.hasHeaderFooter;
  }

  async readFrame(recordedIndex: number): Promise<PixelArray> {
    return this.readFrames(recordedIndex, 1);
  }

  async readFrameInto(recordedIndex: number, target: Uint8Array): Promise<void> {
    const header = this.layout.hasHeaderFooter ? FRAME_HEADER_BYTES : 0;
    await this.source.readInto(target, recordedIndex * this.layout.strideBytes + header, `pixels of stored frame ${recordedIndex}`);
  }

  async readFrames(firstRecordedIndex: number, count: number): Promise<PixelArray> {
    const { pixelBytes, strideBytes, hasHeaderFooter, dataType } = this.layout;
    const what = count === 1 ? `frame ${firstRecordedIndex}` : `frames ${firstRecordedIndex}-${firstRecordedIndex + count - 1}`;
    let bytes: Uint8Array;
    if (!hasHeaderFooter) {
      // Stored frames are back to back: one read for the whole run (the conversion path).
      bytes = await this.source.readAt(firstRecordedIndex * strideBytes, count * pixelBytes, `pixels of stored ${what}`);
    } else {
      bytes = new Uint8Array(new ArrayBuffer(count * pixelBytes));
      for (let k = 0; k < count; k++) await this.readFrameInto(firstRecordedIndex + k, bytes.subarray(k * pixelBytes, (k + 1) * pixelBytes));
    }
    // readAt and fresh ArrayBuffers are 8-byte aligned, so a typed view needs no copy. Views read host
    // order; pixels are little-endian and so is every host isxcore supports (spec 0).
    return new dataType.ArrayType(bytes.buffer as ArrayBuffer, bytes.byteOffset, count * pixelBytes / dataType.bytesPerPixel);
  }

  /** The hardware timestamp of a stored frame (spec 4.4); only the 8 timestamp words are read. */
  async readTimestamp(recordedIndex: number): Promise<bigint> {
    const at = recordedIndex * this.layout.strideBytes + TSC_INDEX * 2;
    const bytes = await this.source.readAt(at, TSC_WORDS * 2, `timestamp of stored frame ${recordedIndex}`);
    return decodeTsc(new Uint16Array(bytes.buffer, bytes.byteOffset, TSC_WORDS), 0);
  }

  /** The decoded header of a stored frame; only for movies with headers. */
  async readHeader(recordedIndex: number): Promise<FrameHeader> {
    const bytes = await this.source.readAt(recordedIndex * this.layout.strideBytes, FRAME_HEADER_BYTES, `header of stored frame ${recordedIndex}`);
    return decodeFrameHeader(new Uint16Array(bytes.buffer, bytes.byteOffset, FRAME_HEADER_WORDS));
  }
}
