import { DataType, Precision, type Data, type RecordBatch, type Vector } from 'apache-arrow';
import type { JsonValue } from '../json/jsonValue.js';
import { stringifyJson } from '../json/stringifyJson.js';
import { digitCount, TextBytes, writeDigits } from './textBytes.js';

/** How a format writes the few values NDJSON and CSV write differently. */
export interface TextSyntax {
  /** A text value: a string, a dictionary label, a timestamp, base64. */
  text(value: string): string;
  /** A text value known to hold only ASCII letters, digits and `+-.:` (timestamps): nothing to escape. */
  plainText(value: string): string;
  /** Null, NaN and ±Infinity. */
  missing: string;
  /** A list, given as its JSON array text. */
  list(json: string): string;
}

/** A column's value at a row of the batch, as the format's text. */
export type ColumnText = (row: number) => string;

/** Writes a column's value at a row of the batch, as the format's text. */
export type ColumnWriter = (row: number, out: TextBytes) => void;

/**
 * Each column of `batch` as text in `syntax`, for the people formats (NDJSON, CSV). Their conventions:
 * - timestamps: ISO-8601 UTC with microseconds, `2022-04-01T07:27:06.332000Z` (exact: read from the raw
 *   int64 microseconds, since apache-arrow's `get()` returns milliseconds);
 * - int64 / uint64: exact integers, never rounded through a double;
 * - float32 (traces, amplitudes, GPIO values): the shortest decimal that reads back as the same float32
 *   (`0.3822034`, not the float64 expansion `0.3822034001350403`); float64: JS's shortest float64 form;
 * - NaN and ±Infinity: `null` (JSON has no NaN; CSV writes an empty field);
 * - lists (pixels, footprints, traces, line points): JSON arrays;
 * - binary (JPEG): base64 text; dictionaries: their label; nulls: `null`.
 *
 * The common columns (numbers, timestamps, text, dictionary labels) read their arrays directly, write
 * bytes without making strings, and skip validity when a column has no nulls; a dictionary's labels are
 * encoded once per batch, a text column's value once per run of equal rows, a timestamp's date once per
 * second. Through apache-arrow's `get()` per value, NDJSON of traces ran at 0.15 M rows/s (issue 9).
 */
export function columnWriters(batch: RecordBatch, syntax: TextSyntax): ColumnWriter[] {
  return batch.schema.fields.map((_, j) => columnWriter(batch.getChildAt(j)!, syntax));
}

/** Whether this host stores numbers little-endian, so that an int64 is its low word, then its high word. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function columnWriter(vector: Vector, syntax: TextSyntax): ColumnWriter {
  const type = vector.type;
  const data = vector.data.length === 1 ? vector.data[0]! : undefined;
  const valid = validity(vector, data);
  const missing = Buffer.from(syntax.missing);
  const orMissing = (write: ColumnWriter): ColumnWriter => (valid === null ? write : (row, out) => (valid(row) ? write(row, out) : out.append(missing)));
  if (data !== undefined && DataType.isDictionary(type) && !(data.values instanceof BigInt64Array || data.values instanceof BigUint64Array)) {
    const keys = data.values as ArrayLike<number>;
    const labels = eachValueBytes(data.dictionary!, syntax);
    return orMissing((row, out) => out.append(labels[keys[row]!]!));
  }
  if (data !== undefined && DataType.isUtf8(type)) return orMissing(utf8Writer(data, syntax));
  if (data !== undefined && DataType.isTimestamp(type)) return orMissing(timestampWriter(data.values as BigInt64Array, syntax));
  if (data !== undefined && (DataType.isInt(type) || (DataType.isFloat(type) && type.precision !== Precision.HALF)) && ArrayBuffer.isView(data.values)) {
    const values = data.values as unknown as ArrayLike<number | bigint>;
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) return orMissing(int64Writer(values));
    const numbers = values as ArrayLike<number>;
    if (isFloat32(type)) return orMissing((row, out) => (Number.isFinite(numbers[row]!) ? writeFloat32(out, numbers[row]!) : out.append(missing)));
    if (DataType.isFloat(type)) return orMissing((row, out) => (Number.isFinite(numbers[row]!) ? writeNumber(out, numbers[row]!) : out.append(missing)));
    return orMissing((row, out) => out.putInteger(numbers[row]!));
  }
  if (DataType.isFixedSizeList(type) || DataType.isList(type)) {
    const itemType = type.children[0]!.type;
    if (DataType.isInt(itemType) && itemType.bitWidth < 64) return orMissing(listWriter(vector, syntax, integerItemsWriter(itemType.bitWidth)));
    if (isFloat32(itemType)) return orMissing(listWriter(vector, syntax, writeFloat32Items));
  }
  const text = columnText(vector, syntax);
  return (row, out) => out.putString(text(row));
}

/**
 * A list column as JSON arrays, written straight into the text: no array of a million JS values per
 * movie frame to stringify (movie NDJSON ran at 7 MB/s and held 360 MB, issue 9), and no string of it.
 */
function listWriter(vector: Vector, syntax: TextSyntax, writeItems: (values: ArrayLike<number>, out: TextBytes) => void): ColumnWriter {
  // What the syntax puts around a list's JSON text, with a comma in it and without (CSV quotes a field with one).
  const several = listWrapping(syntax, '[0,0]');
  const single = listWrapping(syntax, '[0]');
  return (row, out) => {
    const values = (vector.get(row) as Vector).toArray() as ArrayLike<number>;
    const [open, close] = values.length > 1 ? several : single;
    out.append(open);
    out.byte(0x5b);
    writeItems(values, out);
    out.byte(0x5d);
    out.append(close);
  };
}

/** The items of an 8- to 32-bit integer list (pixels), comma-separated, digit by digit. */
function integerItemsWriter(bitWidth: number): (values: ArrayLike<number>, out: TextBytes) => void {
  // The most characters a value and its comma take: "-128,", "-32768,", "-2147483648,".
  const valueChars = bitWidth === 8 ? 5 : bitWidth === 16 ? 7 : 12;
  return (values, out) => {
    const bytes = out.reserve(valueChars * values.length);
    let at = out.length;
    for (let i = 0; i < values.length; i++) {
      if (i > 0) bytes[at++] = 0x2c;
      let value = values[i]!;
      if (value < 0) {
        bytes[at++] = 0x2d;
        value = -value;
      }
      at = writeDigits(bytes, at, value, digitCount(value));
    }
    out.length = at;
  };
}

/** The items of a float32 list, comma-separated: the shortest decimals, null for NaN and ±Infinity. */
function writeFloat32Items(values: ArrayLike<number>, out: TextBytes): void {
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out.byte(0x2c);
    if (Number.isFinite(values[i]!)) writeFloat32(out, values[i]!);
    else out.append(JSON_NULL);
  }
}

const JSON_NULL = Buffer.from('null');

/** The bytes `syntax.list` puts before and after the list text `json`. */
function listWrapping(syntax: TextSyntax, json: string): [Uint8Array, Uint8Array] {
  const text = syntax.list(json);
  const start = text.indexOf(json);
  return [Buffer.from(text.slice(0, start)), Buffer.from(text.slice(start + json.length))];
}

/** The text of every value of a (dictionary's) vector, as bytes. */
function eachValueBytes(vector: Vector, syntax: TextSyntax): Uint8Array[] {
  const write = columnWriter(vector, syntax);
  const scratch = new TextBytes(256);
  return Array.from({ length: vector.length }, (_, i) => {
    write(i, scratch);
    return Uint8Array.from(scratch.take(false));
  });
}

/**
 * A string column's text, encoded again only when a row's bytes differ from the row before: long tables
 * repeat a value over runs of rows (a cell's name over each of its samples).
 */
function utf8Writer(data: Data, syntax: TextSyntax): ColumnWriter {
  const offsets = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  let lastStart = 0;
  let lastLength = -1;
  let lastText = new Uint8Array(0);
  return (row, out) => {
    const start = offsets[row]!;
    const length = offsets[row + 1]! - start;
    if (length !== lastLength || !sameBytes(bytes, start, lastStart, length)) {
      lastText = Buffer.from(syntax.text(UTF8.decode(bytes.subarray(start, start + length))));
      lastLength = length;
    }
    lastStart = start;
    out.append(lastText);
  };
}

/**
 * Exact int64 / uint64 integers. Values below 2^53 in magnitude are read as their two 32-bit words and
 * written as numbers; a `bigint` per row (what the array's own index gives) cost an allocation each.
 */
function int64Writer(values: BigInt64Array | BigUint64Array): ColumnWriter {
  const slow: ColumnWriter = (row, out) => out.putString(values[row]!.toString());
  if (!LITTLE_ENDIAN) return slow;
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);
  const signed = values instanceof BigInt64Array;
  return (row, out) => {
    const low = words[2 * row]!;
    const high = words[2 * row + 1]!;
    if (high < 2 ** 21) out.putInteger(high * 2 ** 32 + low);
    else if (signed && high > 2 ** 32 - 2 ** 21) out.putInteger((high - 2 ** 32) * 2 ** 32 + low);
    else slow(row, out);
  };
}

/**
 * Timestamps as ISO-8601 text: each second's date is formatted once as a template, and a row writes its
 * six fraction digits into a copy of it. Templates are kept by second across batches, since a long table
 * returns to the same seconds (every cell of a cell set has the same sample times).
 */
function timestampWriter(values: BigInt64Array, syntax: TextSyntax): ColumnWriter {
  const slow: ColumnWriter = (row, out) => out.putString(syntax.plainText(formatTimestampUs(values[row]!)));
  if (!LITTLE_ENDIAN) return slow;
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);
  let templates = TIMESTAMP_TEMPLATES.get(syntax);
  if (templates === undefined) TIMESTAMP_TEMPLATES.set(syntax, (templates = new Map()));
  // Where the fraction's digits start: the same in every template of this fixed-width form.
  const fractionAt = syntax.plainText(formatTimestampUs(0n)).lastIndexOf('.') + 1;
  return (row, out) => {
    const high = words[2 * row + 1]!;
    // Negative (before 1970) or beyond 2^53 µs: the exact path.
    if (high >= 2 ** 21) return slow(row, out);
    const us = high * 2 ** 32 + words[2 * row]!;
    const second = Math.floor(us / 1_000_000);
    let template = templates.get(second);
    if (template === undefined) {
      if (templates.size >= MAX_TIMESTAMP_TEMPLATES) templates.clear();
      template = Buffer.from(syntax.plainText(formatTimestampUs(BigInt(second) * 1_000_000n)), 'latin1');
      templates.set(second, template);
    }
    const start = out.length;
    out.append(template);
    writeDigits(out.bytes, start + fractionAt, us - second * 1_000_000, 6);
  };
}

/** By syntax, the date templates of the seconds met so far, kept across batches; at most 65,536 (2 MB) each. */
const TIMESTAMP_TEMPLATES = new WeakMap<TextSyntax, Map<number, Uint8Array>>();
const MAX_TIMESTAMP_TEMPLATES = 65_536;

/**
 * A column's text as strings, for the columns without a writer of their own (64-bit and float lists,
 * binary, booleans, structs). Each becomes a string per row, which the column's writer encodes.
 */
function columnText(vector: Vector, syntax: TextSyntax): ColumnText {
  const type = vector.type;
  const data = vector.data.length === 1 ? vector.data[0]! : undefined;
  const valid = validity(vector, data);
  const { missing } = syntax;
  const orMissing = (text: ColumnText): ColumnText => (valid === null ? text : (row) => (valid(row) ? text(row) : missing));
  if (DataType.isFixedSizeList(type) || DataType.isList(type)) {
    const items = (row: number): unknown => (vector.get(row) as Vector).toArray();
    const itemType = type.children[0]!.type;
    // 64-bit integers by their own join (smaller ones and float32 have a writer).
    if (DataType.isInt(itemType)) return orMissing((row) => syntax.list(`[${(items(row) as BigInt64Array).join(',')}]`));
    return orMissing((row) => syntax.list(stringifyJson(Array.from(items(row) as ArrayLike<unknown>, scalarToJson))));
  }
  if (DataType.isBinary(type)) {
    return orMissing((row) => syntax.text(Buffer.from(vector.get(row) as Uint8Array).toString('base64')));
  }
  return (row) => {
    const value = scalarToJson(vector.isValid(row) ? vector.get(row) : null);
    if (value === null) return missing;
    return typeof value === 'string' ? syntax.text(value) : String(value);
  };
}

const UTF8 = new TextDecoder();

function sameBytes(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  if (a === b) return true;
  for (let i = 0; i < length; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

/** Whether a row holds a value, or null when every row does. */
function validity(vector: Vector, data: Data | undefined): ((row: number) => boolean) | null {
  if (vector.nullCount === 0) return null;
  if (data === undefined || data.nullBitmap === undefined || data.nullBitmap.length === 0) return (row) => vector.isValid(row);
  const bitmap = data.nullBitmap;
  const offset = data.offset;
  return (row) => (bitmap[(offset + row) >> 3]! & (1 << ((offset + row) & 7))) !== 0;
}

function scalarToJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

function isFloat32(type: DataType): boolean {
  return DataType.isFloat(type) && type.precision === Precision.SINGLE;
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
  const k = shortestGrid(magnitude);
  if (Number.isNaN(k)) return shortestFloat32ByPrecision(value);
  const best = nearestOnGrid(magnitude, k);
  return value < 0 ? -best : best;
}

/** What writeFloat32 writes, as a string. */
export function float32Text(value: number): string {
  return textOf(writeFloat32, value);
}

/**
 * Writes `String(shortestFloat32(value))` for a finite float32, from the grid the search ends on instead
 * of searching again for String's digits.
 */
function writeFloat32(out: TextBytes, value: number): void {
  const magnitude = Math.abs(value);
  const k = float32FixedGrid(magnitude);
  if (k >= 0) out.putFixed(value < 0, Math.round(magnitude * POWERS_OF_TEN[k]!), k);
  else writeNumber(out, shortestFloat32(value));
}

/** The fraction digits k with which a float32 of `magnitude` is written in fixed notation, or NaN when it is not. */
function float32FixedGrid(magnitude: number): number {
  const k = magnitude === 0 ? Number.NaN : shortestGrid(magnitude);
  if (!(k >= 0)) return Number.NaN;
  const digits = Math.round(magnitude * POWERS_OF_TEN[k]!);
  // String writes exponent notation below 10^-6.
  return digits < 2 ** 51 && digits / POWERS_OF_TEN[k]! >= 1e-6 ? k : Number.NaN;
}

/**
 * Fraction digits k of the coarsest grid 10^-k whose point nearest to the float32 `magnitude` (> 0) reads
 * back as it; NaN beyond the grids up to 10^±22.
 */
function shortestGrid(magnitude: number): number {
  float32View[0] = magnitude;
  let k = FINE_ENOUGH_GRID[float32Bits[0]! >>> 23]! - 1;
  if (k < -22 || k > 21) return Number.NaN;
  const readsBack = (grid: number): boolean => Math.fround(nearestOnGrid(magnitude, grid)) === magnitude;
  if (readsBack(k)) {
    while (k > -22 && readsBack(k - 1)) k--;
    return k;
  }
  do k++;
  while (!readsBack(k) && k < 22);
  return readsBack(k) ? k : Number.NaN;
}

/** The multiple of 10^-k nearest to `magnitude`, as the double nearest to it (|k| <= 22). */
function nearestOnGrid(magnitude: number, k: number): number {
  return k >= 0 ? Math.round(magnitude * POWERS_OF_TEN[k]!) / POWERS_OF_TEN[k]! : Math.round(magnitude / POWERS_OF_TEN[-k]!) * POWERS_OF_TEN[-k]!;
}

/** What writeNumber writes, as a string. */
export function numberText(value: number): string {
  return textOf(writeNumber, value);
}

/** What a number writer writes for `value`, as a string. */
function textOf(write: (out: TextBytes, value: number) => void, value: number): string {
  scratch.length = 0;
  write(scratch, value);
  return scratch.bytes.toString('latin1', 0, scratch.length);
}

const scratch = new TextBytes(64);

/**
 * Writes `String(value)` for a finite double, faster for the values long tables hold (seconds since a start,
 * float32 traces): most are a short decimal, found as the fewest fraction digits k for which the multiple
 * of 10^-k nearest to the value reads back as it. While |value|·10^k < 2^51 that multiple is one exact
 * rounding away and no other multiple of 10^-k reads back as the value, so the digits are the shortest,
 * as String's. Others (exponent notation, long expansions) take String. JS's shortest-digit search was
 * a third of NDJSON's time on traces (issue 9).
 */
function writeNumber(out: TextBytes, value: number): void {
  const magnitude = Math.abs(value);
  const k = fixedGrid(magnitude);
  if (k >= 0) out.putFixed(value < 0, Math.round(magnitude * POWERS_OF_TEN[k]!), k);
  else out.putString(String(value));
}

/** The fewest fraction digits k with which a double of `magnitude` is written in fixed notation, or NaN when String writes it. */
function fixedGrid(magnitude: number): number {
  if (magnitude < 1e-6 || !(magnitude < 2 ** 51)) return Number.NaN;
  for (let k = 0; k < POWERS_OF_TEN.length; k++) {
    const scaled = magnitude * POWERS_OF_TEN[k]!;
    if (scaled >= 2 ** 51) break;
    if (Math.round(scaled) / POWERS_OF_TEN[k]! === magnitude) return k;
  }
  return Number.NaN;
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
