/** A growable byte array that encoders append to. */
export class ByteBuffer {
  private bytes: Uint8Array;
  length = 0;

  constructor(capacity = 4096) {
    this.bytes = new Uint8Array(capacity);
  }

  /** The bytes written so far (a view, valid until the next write). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
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
  reserve(extra: number): Uint8Array {
    if (this.length + extra > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
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
