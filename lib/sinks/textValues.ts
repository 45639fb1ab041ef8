import { DataType, type RecordBatch, type Vector } from 'apache-arrow';
import type { JsonValue } from '../json/jsonValue.js';

/**
 * Row values of a batch for the people formats (NDJSON, CSV). Conventions, shared by both:
 * - timestamps: ISO-8601 UTC with microseconds, `2022-04-01T07:27:06.332000Z` (exact: read from the raw
 *   int64 microseconds, since apache-arrow's `get()` returns milliseconds);
 * - int64 / uint64: exact integers (bigint), never rounded through a double;
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
    return (row) => (vector.isValid(row) ? listToJson((vector.get(row) as Vector).toArray() as ArrayLike<number | bigint>) : null);
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

function listToJson(values: ArrayLike<number | bigint>): JsonValue[] {
  const out = new Array<JsonValue>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = scalarToJson(values[i]);
  return out;
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
  const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, -5);
  return `${whole}.${fraction.toString().padStart(6, '0')}Z`;
}

const MAX_EXACT_US = BigInt(Number.MAX_SAFE_INTEGER);
let lastSecond = Number.NaN;
let lastWhole = '';
