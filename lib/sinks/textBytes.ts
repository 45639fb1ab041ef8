/**
 * Text being built as bytes for the people formats (NDJSON, CSV): values are written straight into one
 * buffer, which grows to the longest row and goes out in pieces. Building strings per value and encoding
 * them per piece spent two thirds of a traces table's NDJSON time in string concatenation, encoding and
 * the garbage collector (issue 9).
 */
export class TextBytes {
  bytes: Buffer;
  at = 0;

  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafe(capacity);
  }

  /** Makes room for `count` more bytes. */
  room(count: number): void {
    if (this.at + count <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.at + count));
    this.bytes.copy(grown, 0, 0, this.at);
    this.bytes = grown;
  }

  put(source: Uint8Array): void {
    const count = source.length;
    this.room(count);
    // A loop beats a native copy for the few bytes of a separator or a label.
    if (count <= 32) {
      const bytes = this.bytes;
      let at = this.at;
      for (let i = 0; i < count; i++) bytes[at++] = source[i]!;
      this.at = at;
    } else {
      this.bytes.set(source, this.at);
      this.at += count;
    }
  }

  putString(text: string): void {
    this.room(3 * text.length);
    this.at += this.bytes.write(text, this.at, 'utf8');
  }

  /** An integer with |value| < 2^53 in decimal, as String writes it. */
  putInteger(value: number): void {
    this.room(17);
    if (value < 0) {
      this.bytes[this.at++] = MINUS;
      value = -value;
    }
    this.at = writeDigits(this.bytes, this.at, value, digitCount(value));
  }

  /** `digits`·10^-k (digits < 2^53, k >= 0) in fixed notation, as String writes a double of that value. */
  putFixed(negative: boolean, digits: number, k: number): void {
    this.room(19 + k);
    if (negative) this.bytes[this.at++] = MINUS;
    if (k === 0) {
      this.at = writeDigits(this.bytes, this.at, digits, digitCount(digits));
      return;
    }
    const bytes = this.bytes;
    const count = digitCount(digits);
    const end = this.at + (count > k ? count - k : 1) + 1 + k;
    let at = end - 1;
    let rest = digits;
    for (let i = 0; i < k; i++) {
      const next = Math.floor(rest / 10);
      bytes[at--] = ZERO + (rest - 10 * next);
      rest = next;
    }
    bytes[at--] = DOT;
    writeDigits(bytes, this.at, rest, end - 1 - k - this.at);
    this.at = end;
  }

  /**
   * The bytes written since the last `take`; with `fresh`, later writes go to a new buffer of the same
   * size, so that the taker may keep these.
   */
  take(fresh: boolean): Uint8Array {
    const piece = this.bytes.subarray(0, this.at);
    this.at = 0;
    if (fresh) this.bytes = Buffer.allocUnsafe(this.bytes.length);
    return piece;
  }
}

const ZERO = 0x30;
const MINUS = 0x2d;
const DOT = 0x2e;

/** Decimal digits of a non-negative integer below 2^53 (at least 1). */
export function digitCount(value: number): number {
  // Pixel values and most others have few digits: compared directly, without a loop.
  if (value < 1e3) return value < 10 ? 1 : value < 100 ? 2 : 3;
  if (value < 1e5) return value < 1e4 ? 4 : 5;
  let count = 6;
  for (let power = 1e6; power <= value; power *= 10) count++;
  return count;
}

/**
 * Writes the non-negative integer `value` (< 2^53) as exactly `count` digits ending at `at + count`,
 * zero-padded on the left; returns `at + count`.
 */
export function writeDigits(bytes: Uint8Array, at: number, value: number, count: number): number {
  for (let i = at + count - 1; i >= at; i--) {
    const rest = Math.floor(value / 10);
    bytes[i] = ZERO + (value - 10 * rest);
    value = rest;
  }
  return at + count;
}
