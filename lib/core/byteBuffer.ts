/**
 * A growable byte array that encoders append to (Parquet pages and footers, NDJSON and CSV text). A
 * Buffer, so that text can be encoded straight into it.
 */
export class ByteBuffer {
  /** The array written into; replaced when it grows, so read it again after a write. */
  bytes: Buffer;
  /** Bytes written so far: the offset of the next write. */
  length = 0;

  constructor(capacity = 4096) {
    this.bytes = Buffer.alloc(capacity);
  }

  /** The bytes written so far (a view, valid until the next write). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  /**
   * The bytes written so far, and starts again from 0; with `fresh`, later writes go to a new array of the
   * same size, so that the taker may keep these.
   */
  take(fresh: boolean): Uint8Array {
    const written = this.view();
    this.length = 0;
    if (fresh) this.bytes = Buffer.alloc(this.bytes.length);
    return written;
  }

  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  append(source: Uint8Array): void {
    const count = source.length;
    const bytes = this.reserve(count);
    // A loop beats a native copy for the few bytes of a separator or a label.
    if (count <= 32) {
      let at = this.length;
      for (let i = 0; i < count; i++) bytes[at++] = source[i]!;
    } else {
      bytes.set(source, this.length);
    }
    this.length += count;
  }

  /** An unsigned LEB128 varint of a non-negative integer below 2^53. */
  varint(value: number): void {
    this.reserve(8);
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.bytes[this.length++] = v;
  }

  /** A little-endian unsigned integer of `width` bytes (at most 6). */
  littleEndian(value: number, width: number): void {
    this.reserve(width);
    let v = value;
    for (let i = 0; i < width; i++) {
      this.bytes[this.length++] = v % 256;
      v = Math.floor(v / 256);
    }
  }

  /** Makes room for `extra` more bytes, and returns the array to write them into at `length`. */
  reserve(extra: number): Buffer {
    if (this.length + extra > this.bytes.length) {
      const grown = Buffer.alloc(Math.max(this.bytes.length * 2, this.length + extra));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    return this.bytes;
  }
}

/** Thrift's and Parquet's zigzag mapping of a signed integer to an unsigned one (0, -1, 1, -2 → 0, 1, 2, 3). */
export function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}
