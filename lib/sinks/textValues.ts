import { DataType, Precision, type RecordBatch, type Vector } from 'apache-arrow';
import type { JsonValue } from '../json/jsonValue.js';

/**
 * Row values of a batch for the people formats (NDJSON, CSV). Conventions, shared by both:
 * - timestamps: ISO-8601 UTC with microseconds, `2022-04-01T07:27:06.332000Z` (exact: read from the raw
 *   int64 microseconds, since apache-arrow's `get()` returns milliseconds);
 * - int64 / uint64: exact integers (bigint), never rounded through a double;
 * - float32 (traces, amplitudes, GPIO values): the shortest decimal that reads back as the same float32
 *   (`0.3822034`, not the float64 expansion `0.3822034001350403`); float64: JS's shortest float64 form;
 * - NaN and ±Infinity: `null` (JSON has no NaN; CSV writes an empty field);
 * - lists (pixels, footprints, traces, line points): JSON arrays;
 * - binary (JPEG): base64 text; dictionaries: their label; nulls: `null`.
 */
export type ColumnReader = (row: number) => JsonValue;

export function readColumns(batch: RecordBatch): { name: string; read: ColumnReader }[] {
  return batch.schema.fields.map((field, j) => ({ name: field.name, read: columnReader(batch.getChildAt(j)!) }));
}

function columnReader(vector: Vector): ColumnReader {
  const type = vector.type;
  if (DataType.isTimestamp(type)) {
    const values = vector.data[0]!.values as BigInt64Array;
    return (row) => (vector.isValid(row) ? formatTimestampUs(values[row]!) : null);
  }
  if (DataType.isFixedSizeList(type) || DataType.isList(type)) {
    const items = (row: number): unknown => (vector.get(row) as Vector).toArray();
    if (isFloat32(type.children[0]!.type)) return (row) => (vector.isValid(row) ? listToJson(items(row) as Float32Array, float32ToJson) : null);
    return (row) => (vector.isValid(row) ? listToJson(items(row) as ArrayLike<number | bigint>, scalarToJson) : null);
  }
  if (isFloat32(type)) {
    const values = vector.data[0]!.values as Float32Array;
    return (row) => (vector.isValid(row) ? float32ToJson(values[row]!) : null);
  }
  if (DataType.isBinary(type)) {
    return (row) => (vector.isValid(row) ? Buffer.from(vector.get(row) as Uint8Array).toString('base64') : null);
  }
  return (row) => scalarToJson(vector.isValid(row) ? vector.get(row) : null);
}

function scalarToJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

function listToJson<T extends number | bigint>(values: ArrayLike<T>, itemToJson: (value: T) => JsonValue): JsonValue[] {
  const out = new Array<JsonValue>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = itemToJson(values[i]!);
  return out;
}

function isFloat32(type: DataType): boolean {
  return DataType.isFloat(type) && type.precision === Precision.SINGLE;
}

function float32ToJson(value: number): JsonValue {
  return Number.isFinite(value) ? shortestFloat32(value) : null;
}

const float32View = new Float32Array(1);
const float32Bits = new Uint32Array(float32View.buffer);
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact doubles up to 10^22
/**
 * By a float32's biased exponent: the smallest k for which the decimal grid 10^-k is no wider than the
 * spacing of float32s there (2^(exponent - 150); subnormals share exponent 1's spacing).
 */
const FINE_ENOUGH_GRID = Array.from({ length: 256 }, (_, e) => Math.ceil((150 - Math.max(e, 1)) * Math.log10(2)));

/**
 * The double nearest to the shortest decimal that reads back as the float32 `value` (finite), so that
 * `String()` prints that decimal: 0.1f gives 0.1, not 0.10000000149011612.
 *
 * The decimals with k fraction digits (grid 10^-k) are nested as k grows, and the grid point nearest to
 * `value` reads back as `value` exactly when some grid point lies in the float32's rounding interval; so
 * the shortest decimal is on the coarsest grid that passes. A grid as fine as the float32 spacing almost
 * always passes, so the search starts one coarser and usually ends after two tries. On grids up to
 * 10^±22 the nearest point is one exact multiply or divide and a rounding, with no string work; values
 * beyond (|value| < ~1e-13 or > ~1e29) take toPrecision.
 */
export function shortestFloat32(value: number): number {
  if (value === 0) return value;
  const magnitude = Math.abs(value);
  float32View[0] = magnitude;
  let k = FINE_ENOUGH_GRID[float32Bits[0]! >>> 23]! - 1;
  if (k < -22 || k > 21) return shortestFloat32ByPrecision(value);
  let best = nearestOnGrid(magnitude, k);
  if (Math.fround(best) === magnitude) {
    for (let coarser = k - 1; coarser >= -22; coarser--) {
      const candidate = nearestOnGrid(magnitude, coarser);
      if (Math.fround(candidate) !== magnitude) break;
      best = candidate;
    }
  } else {
    do best = nearestOnGrid(magnitude, ++k);
    while (Math.fround(best) !== magnitude && k < 22);
    if (Math.fround(best) !== magnitude) return shortestFloat32ByPrecision(value);
  }
  return value < 0 ? -best : best;
}

/** The multiple of 10^-k nearest to `magnitude`, as the double nearest to it (|k| <= 22). */
function nearestOnGrid(magnitude: number, k: number): number {
  return k >= 0 ? Math.round(magnitude * POWERS_OF_TEN[k]!) / POWERS_OF_TEN[k]! : Math.round(magnitude / POWERS_OF_TEN[-k]!) * POWERS_OF_TEN[-k]!;
}

/** The same by fewest significant digits first: a float32 needs at most 9. */
function shortestFloat32ByPrecision(value: number): number {
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return Number(value.toPrecision(9));
}

/** Exact microseconds since the epoch as ISO-8601 UTC with six fraction digits. */
export function formatTimestampUs(microseconds: bigint): string {
  // Fast path for the usual case: exact in a double, and rows of a table share their second (one date
  // formatted per second instead of one per row: this was a third of NDJSON's time on traces, issue 9).
  if (microseconds >= 0n && microseconds <= MAX_EXACT_US) {
    const us = Number(microseconds);
    const second = Math.floor(us / 1_000_000);
    if (second !== lastSecond) {
      lastSecond = second;
      lastWhole = new Date(second * 1000).toISOString().slice(0, -5);
    }
    return `${lastWhole}.${String(us - second * 1_000_000).padStart(6, '0')}Z`;
  }
  let seconds = microseconds / 1_000_000n;
  let fraction = microseconds % 1_000_000n;
  if (fraction < 0n) {
    fraction += 1_000_000n;
    seconds -= 1n;
  }
  return `${new Date(Number(seconds) * 1000).toISOString().slice(0, -5)}.${fraction.toString().padStart(6, '0')}Z`;
}

const MAX_EXACT_US = BigInt(Number.MAX_SAFE_INTEGER);
let lastSecond = Number.NaN;
let lastWhole = '';
