import { IsxError } from '../errors.js';
import type { ByteSource } from '../io/byteSource.js';
import type { ByteRange } from './isxbHeader.js';

/** Where each stored JPEG image lies in the file, found by the marker scan of spec 8.5. */
export interface JpegIndex {
  /** Absolute offset of image `r`'s SOI marker. */
  starts: Float64Array;
  /** Absolute offset just past image `r`'s EOI marker. */
  ends: Float64Array;
  /** Frame width and height from each image's SOF segment (0 when an image has none). */
  widths: Uint16Array;
  heights: Uint16Array;
}

const MARKER = 0xff;
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const TEM = 0x01;
const RST0 = 0xd0;
const RST7 = 0xd7;
/** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** Bytes read per refill; the scan keeps one window of the video section in memory. */
const WINDOW_BYTES = 4 << 20;

/**
 * Scans `[video.offset, video.offset + video.size)` once for `numFrames` JPEG images (spec 8.5: no
 * index table is stored). Any other count, a marker that is not a marker, or a segment running past
 * the video section is E_CORRUPT with the offsets involved.
 */
export async function scanJpegIndex(source: ByteSource, video: ByteRange, numFrames: number): Promise<JpegIndex> {
  const reader = new WindowReader(source, video);
  const end = video.offset + video.size;
  const index: JpegIndex = {
    starts: new Float64Array(numFrames),
    ends: new Float64Array(numFrames),
    widths: new Uint16Array(numFrames),
    heights: new Uint16Array(numFrames),
  };
  const corrupt = (detail: string, offset: number): IsxError =>
    new IsxError('E_CORRUPT', `video section [${video.offset}, ${end}): ${detail}`, { path: source.path, offset });
  let pos = video.offset;
  for (let r = 0; r < numFrames; r++) {
    const start = await reader.findSoi(pos);
    if (start < 0) throw corrupt(`found ${r} JPEG images; the header says numFrames ${numFrames}`, end);
    index.starts[r] = start;
    pos = start + 2;
    for (;;) {
      if (pos >= end) throw corrupt(`image ${r} (starting at ${start}) runs past the end of the video section`, pos);
      const first = await reader.byteAt(pos);
      if (first !== MARKER) {
        throw corrupt(`image ${r} (starting at ${start}) has byte 0x${hex(first)} at offset ${pos} where a marker should be`, pos);
      }
      // Fill bytes: any number of extra FF before the marker code.
      while (pos < end && (await reader.byteAt(pos)) === MARKER) pos++;
      if (pos >= end) throw corrupt(`image ${r} (starting at ${start}) runs past the end of the video section`, pos);
      const marker = await reader.byteAt(pos);
      pos++;
      if (marker === EOI) break;
      if ((marker >= RST0 && marker <= RST7) || marker === TEM) continue;
      if (pos + 2 > end) throw corrupt(`image ${r}: marker FF${hex(marker)} at offset ${pos - 2} has no length before the section ends`, pos - 2);
      const length = ((await reader.byteAt(pos)) << 8) | (await reader.byteAt(pos + 1));
      if (length < 2) throw corrupt(`image ${r}: segment FF${hex(marker)} at offset ${pos - 2} declares length ${length}; the least is 2`, pos - 2);
      if (pos + length > end) {
        throw corrupt(`image ${r}: segment FF${hex(marker)} at offset ${pos - 2} declares ${length} bytes, past the end of the video section`, pos - 2);
      }
      if (isStartOfFrame(marker) && length >= 8) {
        index.heights[r] = ((await reader.byteAt(pos + 3)) << 8) | (await reader.byteAt(pos + 4));
        index.widths[r] = ((await reader.byteAt(pos + 5)) << 8) | (await reader.byteAt(pos + 6));
      }
      pos += length;
      if (marker === SOS) {
        pos = await reader.skipEntropyData(pos);
        if (pos >= end) throw corrupt(`image ${r} (starting at ${start}): scan data runs past the end of the video section`, pos);
      }
    }
    index.ends[r] = pos;
  }
  const extra = await reader.findSoi(pos);
  if (extra >= 0) throw corrupt(`holds more JPEG images than the header's numFrames ${numFrames} (another starts at offset ${extra})`, extra);
  return index;
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

/** Sequential access to a byte range through one reusable window (random small reads stay in memory). */
class WindowReader {
  private window: Uint8Array = new Uint8Array(0);
  private windowStart = 0;
  private readonly end: number;

  constructor(
    private readonly source: ByteSource,
    range: ByteRange,
  ) {
    this.end = range.offset + range.size;
  }

  async byteAt(pos: number): Promise<number> {
    if (pos < this.windowStart || pos >= this.windowStart + this.window.byteLength) await this.load(pos);
    return this.window[pos - this.windowStart]!;
  }

  /** Offset of the next FF D8 at or after `pos`, or -1 when the range ends first. */
  async findSoi(pos: number): Promise<number> {
    while (pos + 1 < this.end) {
      const found = await this.findMarkerByte(pos);
      if (found < 0 || found + 1 >= this.end) return -1;
      if ((await this.byteAt(found + 1)) === SOI) return found;
      pos = found + 1;
    }
    return -1;
  }

  /**
   * Skips entropy-coded data starting at `pos` (spec 8.5: FF 00 and FF D0..D7 are data) and returns the
   * offset of the next real marker's FF, or the range end.
   */
  async skipEntropyData(pos: number): Promise<number> {
    for (;;) {
      const found = await this.findMarkerByte(pos);
      if (found < 0 || found + 1 >= this.end) return this.end;
      const next = await this.byteAt(found + 1);
      if (next === 0x00 || (next >= RST0 && next <= RST7)) pos = found + 2;
      else if (next === MARKER) pos = found + 1;
      else return found;
    }
  }

  /** Offset of the next FF byte at or after `pos`, or -1. */
  private async findMarkerByte(pos: number): Promise<number> {
    while (pos < this.end) {
      if (pos < this.windowStart || pos >= this.windowStart + this.window.byteLength) await this.load(pos);
      const at = this.window.indexOf(MARKER, pos - this.windowStart);
      if (at >= 0) return this.windowStart + at;
      pos = this.windowStart + this.window.byteLength;
    }
    return -1;
  }

  private async load(pos: number): Promise<void> {
    const length = Math.min(WINDOW_BYTES, this.end - pos);
    this.window = await this.source.readAt(pos, length, 'video section');
    this.windowStart = pos;
  }
}
