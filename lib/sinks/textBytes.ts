import { ByteBuffer } from '../core/byteBuffer.js';

/**
 * Text being built as bytes for the people formats (NDJSON, CSV): values are written straight into one
 * buffer, which grows to the longest row and goes out in pieces. Building strings per value and encoding
 * them per piece spent two thirds of a traces table's NDJSON time in string concatenation, encoding and
 * the garbage collector (issue 9).
 */
export class TextBytes extends ByteBuffer {
  putString(text: string): void {
    this.reserve(3 * text.length);
    this.length += this.bytes.write(text, this.length, 'utf8');
  }

  /** An integer with |value| < 2^53 in decimal, as String writes it. */
  putInteger(value: number): void {
    const bytes = this.reserve(17);
    if (value < 0) {
      bytes[this.length++] = MINUS;
      value = -value;
    }
    this.length = writeDigits(bytes, this.length, value, digitCount(value));
  }

  /** `digits`·10^-k (digits < 2^53, k >= 0) in fixed notation, as String writes a double of that value. */
  putFixed(negative: boolean, digits: number, k: number): void {
    const bytes = this.reserve(19 + k);
    if (negative) bytes[this.length++] = MINUS;
    if (k === 0) {
      this.length = writeDigits(bytes, this.length, digits, digitCount(digits));
      return;
    }
    const count = digitCount(digits);
    const end = this.length + (count > k ? count - k : 1) + 1 + k;
    let at = end - 1;
    let rest = digits;
    for (let i = 0; i < k; i++) {
      const next = Math.floor(rest / 10);
      bytes[at--] = ZERO + (rest - 10 * next);
      rest = next;
    }
    bytes[at--] = DOT;
    writeDigits(bytes, this.length, rest, end - 1 - k - this.length);
    this.length = end;
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
