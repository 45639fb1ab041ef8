import { ByteBuffer, zigzag } from '../core/byteBuffer.js';

/**
 * Parquet's value encodings (parquet-format Encodings.md) over dense arrays of non-null values. Integers
 * are JavaScript numbers below 2^53: the callers widen 64-bit columns only when every value fits (see
 * columnChunk.ts).
 */

/**
 * Appends `count` values of `width` bits each, least significant bit first, from `values[start]` on: the
 * bit packing of the RLE/bit-packed hybrid and of DELTA_BINARY_PACKED miniblocks. Values must be below
 * 2^width (and 2^53).
 */
export function packBits(out: ByteBuffer, values: ArrayLike<number>, start: number, count: number, width: number): void {
  if (width === 0 || count === 0) return;
  const bytes = out.reserve(Math.ceil((count * width) / 8));
  let pos = out.length;
  let acc = 0;
  let bits = 0;
  const end = start + count;
  if (width <= 24) {
    for (let i = start; i < end; i++) {
      acc |= values[i]! << bits;
      bits += width;
      while (bits >= 8) {
        bytes[pos++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
    }
  } else {
    // Wider values go in parts of 16 bits, so the accumulator stays a 31-bit integer.
    for (let i = start; i < end; i++) {
      let value = values[i]!;
      for (let left = width; left > 0; left -= 16) {
        const part = value % 0x10000;
        value = (value - part) / 0x10000;
        acc |= part << bits;
        bits += Math.min(16, left);
        while (bits >= 8) {
          bytes[pos++] = acc & 0xff;
          acc >>>= 8;
          bits -= 8;
        }
      }
    }
  }
  if (bits > 0) bytes[pos++] = acc & 0xff;
  out.length = pos;
}

/** Bits needed for a non-negative integer below 2^53 (0 for 0). */
export function bitWidth(value: number): number {
  if (value < 0x100000000) return 32 - Math.clz32(value);
  return 32 + bitWidth(Math.floor(value / 0x100000000));
}

/** Consecutive equal values as (value, length) pairs, a neighbour's equal value extending its run. */
export class Runs {
  readonly values: number[] = [];
  readonly lengths: number[] = [];

  push(value: number, length: number): void {
    const last = this.values.length - 1;
    if (last >= 0 && this.values[last] === value) this.lengths[last]! += length;
    else {
      this.values.push(value);
      this.lengths.push(length);
    }
  }

  static of(values: ArrayLike<number>, count: number): Runs {
    const runs = new Runs();
    let start = 0;
    while (start < count) {
      const value = values[start]!;
      let end = start + 1;
      while (end < count && values[end] === value) end++;
      runs.push(value, end - start);
      start = end;
    }
    return runs;
  }
}

/** Values per bit-packed section: 64 groups of 8, as arrow-rs writes them, which every reader takes. */
const MAX_PACKED_VALUES = 512;

/**
 * The RLE/bit-packed hybrid (definition levels, dictionary indices), without a length prefix: runs of 8 or
 * more equal values as RLE runs, everything else in bit-packed groups of 8 (the last group padded with 0).
 * A bit-packed section is topped up to a whole group from the run that follows it.
 */
export function rleHybrid(out: ByteBuffer, runs: Runs, width: number): void {
  const valueBytes = Math.ceil(width / 8);
  const literal: number[] = [];
  const flushLiteral = (): void => {
    if (literal.length === 0) return;
    const groups = Math.ceil(literal.length / 8);
    out.varint(groups * 2 + 1);
    const packedEnd = out.length + groups * width;
    packBits(out, literal, 0, literal.length, width);
    out.reserve(packedEnd - out.length).fill(0, out.length, packedEnd);
    out.length = packedEnd;
    literal.length = 0;
  };
  for (let r = 0; r < runs.values.length; r++) {
    const value = runs.values[r]!;
    let length = runs.lengths[r]!;
    if (literal.length % 8 !== 0 && length >= 8) {
      const topUp = 8 - (literal.length % 8);
      for (let k = 0; k < topUp; k++) literal.push(value);
      length -= topUp;
    }
    if (length >= 8) {
      flushLiteral();
      out.varint(length * 2);
      out.littleEndian(value, valueBytes);
      continue;
    }
    for (let k = 0; k < length; k++) {
      literal.push(value);
      if (literal.length === MAX_PACKED_VALUES) flushLiteral();
    }
  }
  flushLiteral();
}

const BLOCK_VALUES = 128;
const MINIBLOCKS = 4;
const MINIBLOCK_VALUES = BLOCK_VALUES / MINIBLOCKS;

/**
 * DELTA_BINARY_PACKED: blocks of 128 deltas, each stored as its block's minimum plus four bit-packed
 * miniblocks of 32. `wrap32` takes the deltas modulo 2^32 as an INT32 column's reader adds them; otherwise
 * (INT64) the values must lie within ±2^51, so every delta and its distance from the block minimum is an
 * exact number below 2^53.
 */
export function deltaBinaryPacked(out: ByteBuffer, values: ArrayLike<number>, count: number, wrap32: boolean): void {
  out.varint(BLOCK_VALUES);
  out.varint(MINIBLOCKS);
  out.varint(count);
  out.varint(zigzag(count === 0 ? 0 : values[0]!));
  const adjusted = new Float64Array(BLOCK_VALUES);
  for (let block = 1; block < count; block += BLOCK_VALUES) {
    const n = Math.min(BLOCK_VALUES, count - block);
    let min = Infinity;
    let max = -Infinity;
    for (let k = 0; k < n; k++) {
      const delta = wrap32 ? (values[block + k]! - values[block + k - 1]!) | 0 : values[block + k]! - values[block + k - 1]!;
      adjusted[k] = delta;
      if (delta < min) min = delta;
      if (delta > max) max = delta;
    }
    out.varint(zigzag(min));
    // Equal deltas (a counter, a regular clock, a repeated value): every miniblock is 0 bits wide.
    if (min === max) {
      for (let m = 0; m < MINIBLOCKS; m++) out.byte(0);
      continue;
    }
    adjusted.fill(min, n);
    const widths: number[] = [];
    for (let m = 0; m < MINIBLOCKS; m++) {
      let widest = 0;
      for (let k = m * MINIBLOCK_VALUES; k < (m + 1) * MINIBLOCK_VALUES; k++) {
        adjusted[k]! -= min;
        if (adjusted[k]! > widest) widest = adjusted[k]!;
      }
      widths.push(m * MINIBLOCK_VALUES < n ? bitWidth(widest) : 0);
    }
    for (const width of widths) out.byte(width);
    for (let m = 0; m * MINIBLOCK_VALUES < n; m++) packBits(out, adjusted, m * MINIBLOCK_VALUES, MINIBLOCK_VALUES, widths[m]!);
  }
}

/**
 * BYTE_STREAM_SPLIT: byte k of every value, then byte k+1 of every value, ... (float and double columns).
 * Read as 32-bit words, four bytes a read (2-3x faster than byte reads, and than packing four values'
 * bytes into one word per stream).
 */
export function byteStreamSplit(bytes: Uint8Array, width: 4 | 8): Uint8Array {
  const n = bytes.length / width;
  const out = new Uint8Array(bytes.length);
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const wordsPerValue = width / 4;
  for (let half = 0; half < wordsPerValue; half++) {
    const base = half * 4 * n;
    for (let i = 0, w = half; i < n; i++, w += wordsPerValue) {
      const word = words[w]!;
      out[base + i] = word;
      out[base + n + i] = word >>> 8;
      out[base + 2 * n + i] = word >>> 16;
      out[base + 3 * n + i] = word >>> 24;
    }
  }
  return out;
}
