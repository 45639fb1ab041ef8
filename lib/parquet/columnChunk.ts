import { DataType, Precision, TimeUnit, type Data, type Field } from 'apache-arrow';
import { IsxError } from '../errors.js';
import { ByteBuffer } from '../core/byteBuffer.js';
import { bitWidth, byteStreamSplit, deltaBinaryPacked, rleHybrid, Runs } from './encodings.js';
import { Encoding, PhysicalType, type LeafSchema, type LogicalType, type Statistics } from './format.js';

/**
 * One column of a row group, encoded: its pages' value bytes before compression. The dictionary page (text
 * columns) holds PLAIN values; the data page holds the definition levels (nullable columns, never
 * compressed in a V2 page) and the values.
 */
export interface EncodedColumn {
  dictionary?: { values: Uint8Array; count: number };
  levels: Uint8Array;
  values: Uint8Array;
  encoding: number;
  numValues: number;
  numNulls: number;
  statistics?: Statistics;
}

/** How one Arrow column is stored: its Parquet leaf, and the encoder of a row group's pieces of it. */
export interface ColumnPlan {
  leaf: LeafSchema;
  encode(pieces: readonly Data[]): EncodedColumn;
}

/**
 * The plan for a flat Arrow column, or undefined for a type this writer does not store (lists, structs,
 * binary, other time units: parquet-wasm writes those tables). Integers are delta-encoded (64-bit ones
 * when every value of the chunk lies within ±2^51, else PLAIN), floats byte-stream-split, text
 * dictionary-encoded; integer and timestamp columns carry min/max statistics, float and text columns none
 * (parquetSink.ts says why).
 */
export function columnPlan(field: Field): ColumnPlan | undefined {
  const plan = leafAndEncoder(field);
  if (plan === undefined) return undefined;
  return {
    leaf: plan.leaf,
    encode(pieces) {
      if (!field.nullable && pieces.some((p) => p.nullCount > 0)) {
        throw new IsxError('E_ARGUMENT', `column "${field.name}" holds nulls but its field is not nullable`);
      }
      return plan.encode(pieces);
    },
  };
}

function leafAndEncoder(field: Field): ColumnPlan | undefined {
  const type = field.type;
  const nullable = field.nullable;
  const leaf = (physicalType: number, logicalType?: LogicalType): LeafSchema => ({ name: field.name, physicalType, nullable, ...(logicalType ? { logicalType } : {}) });
  if (DataType.isInt(type)) {
    const logical: LogicalType = { kind: 'integer', bitWidth: type.bitWidth as 8 | 16 | 32 | 64, signed: type.isSigned };
    if (type.bitWidth === 64) return { leaf: leaf(PhysicalType.INT64, logical), encode: (pieces) => encodeInt64(pieces, nullable, type.isSigned) };
    return { leaf: leaf(PhysicalType.INT32, logical), encode: (pieces) => encodeInt32(pieces, nullable, type.isSigned) };
  }
  if (DataType.isTimestamp(type) && type.unit === TimeUnit.MICROSECOND && type.timezone === 'UTC') {
    return { leaf: leaf(PhysicalType.INT64, { kind: 'timestampMicrosUtc' }), encode: (pieces) => encodeInt64(pieces, nullable, true) };
  }
  if (DataType.isFloat(type) && type.precision !== Precision.HALF) {
    const width = type.precision === Precision.SINGLE ? 4 : 8;
    return { leaf: leaf(width === 4 ? PhysicalType.FLOAT : PhysicalType.DOUBLE), encode: (pieces) => encodeFloats(pieces, nullable, width) };
  }
  if (DataType.isBool(type)) return { leaf: leaf(PhysicalType.BOOLEAN), encode: (pieces) => encodeBooleans(pieces, nullable) };
  if (DataType.isUtf8(type) || (DataType.isDictionary(type) && DataType.isUtf8(type.dictionary))) {
    return { leaf: leaf(PhysicalType.BYTE_ARRAY, { kind: 'string' }), encode: (pieces) => encodeText(pieces, nullable) };
  }
  return undefined;
}

/** The rows of a column's pieces: how many, how many null, and each row's validity (1 valid, 0 null) when any is null. */
interface Rows {
  flags: Uint8Array | undefined;
  rows: number;
  nulls: number;
}

function rowsOf(pieces: readonly Data[]): Rows {
  const rows = pieces.reduce((n, p) => n + p.length, 0);
  if (pieces.every((p) => p.nullCount === 0)) return { flags: undefined, rows, nulls: 0 };
  const flags = new Uint8Array(rows);
  let row = 0;
  let valid = 0;
  for (const piece of pieces) {
    const bitmap = piece.nullBitmap;
    for (let i = 0; i < piece.length; i++, row++) {
      const bit = piece.offset + i;
      flags[row] = piece.nullCount === 0 || bitmap === undefined || bitmap.length === 0 ? 1 : (bitmap[bit >> 3]! >> (bit & 7)) & 1;
      valid += flags[row]!;
    }
  }
  return { flags, rows, nulls: rows - valid };
}

/** Definition levels of a nullable column (RLE, bit width 1); none for a required one. */
function levelsOf(nullable: boolean, flags: Uint8Array | undefined, rows: number): Uint8Array {
  if (!nullable) return new Uint8Array(0);
  const out = new ByteBuffer(64);
  if (flags === undefined) {
    out.varint(rows * 2);
    out.byte(1);
  } else {
    rleHybrid(out, Runs.of(flags, flags.length), 1);
  }
  return out.view();
}

/**
 * The bytes of the non-null values, `width` bytes each, aligned to `width`: a view of the one piece's values
 * when that is all they are (always so in an encoder thread, which gets exact copies), else a copy.
 */
function denseBytes(pieces: readonly Data[], width: number, { flags, rows, nulls }: Rows): Uint8Array {
  const only = pieces.length === 1 ? (pieces[0]!.values as ArrayBufferView) : undefined;
  if (flags === undefined && only !== undefined && only.byteOffset % width === 0) return new Uint8Array(only.buffer, only.byteOffset, rows * width);
  const out = new Uint8Array((rows - nulls) * width);
  let position = 0;
  let row = 0;
  for (const piece of pieces) {
    // arrow-js slices fixed-width value buffers with the data, so value 0 is the piece's first row.
    const values = piece.values as ArrayBufferView;
    const bytes = new Uint8Array(values.buffer, values.byteOffset, piece.length * width);
    if (flags === undefined) {
      out.set(bytes, position);
      position += bytes.length;
      row += piece.length;
      continue;
    }
    for (let i = 0; i < piece.length; i++, row++) {
      if (flags[row] === 0) continue;
      out.set(bytes.subarray(i * width, (i + 1) * width), position);
      position += width;
    }
  }
  return out;
}

function encodeInt32(pieces: readonly Data[], nullable: boolean, signed: boolean): EncodedColumn {
  const { flags, rows, nulls } = rowsOf(pieces);
  const values = new Int32Array(rows - nulls);
  let position = 0;
  let row = 0;
  for (const piece of pieces) {
    const source = (piece.values as Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array).subarray(0, piece.length);
    if (flags === undefined) {
      values.set(source, position);
      position += source.length;
      continue;
    }
    for (let i = 0; i < piece.length; i++, row++) if (flags[row] === 1) values[position++] = source[i]!;
  }
  const out = new ByteBuffer(64 + values.length);
  deltaBinaryPacked(out, values, values.length, true);
  let statistics: Statistics = { nullCount: nulls, signed };
  if (values.length > 0) {
    // Unsigned 32-bit values sit in the INT32 array as their bit patterns; they compare as unsigned.
    const ordered = signed ? values : new Uint32Array(values.buffer);
    let min = ordered[0]!;
    let max = min;
    for (let i = 1; i < ordered.length; i++) {
      const v = ordered[i]!;
      if (v < min) min = v;
      else if (v > max) max = v;
    }
    statistics = { ...statistics, min: int32Bytes(min), max: int32Bytes(max) };
  }
  return { levels: levelsOf(nullable, flags, rows), values: out.view(), encoding: Encoding.DELTA_BINARY_PACKED, numValues: rows, numNulls: nulls, statistics };
}

function int32Bytes(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value | 0, true);
  return bytes;
}

/** Within ±2^51 every delta of two values, and its distance from a block's smallest, is an exact number. */
const DELTA_LIMIT = 2 ** 51;

function encodeInt64(pieces: readonly Data[], nullable: boolean, signed: boolean): EncodedColumn {
  const { flags, rows, nulls } = rowsOf(pieces);
  const bytes = denseBytes(pieces, 8, { flags, rows, nulls });
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const n = words.length / 2;
  const values = new Float64Array(n);
  // An unsigned value's high word reads as negative from 2^63 on: it is then beyond the delta range too.
  const highBias = signed ? 0 : 0x100000000 * 0x100000000;
  let min = Infinity;
  let max = -Infinity;
  let minIndex = 0;
  let maxIndex = 0;
  for (let i = 0; i < n; i++) {
    const high = words[2 * i + 1]!;
    const v = high * 0x100000000 + (words[2 * i]! >>> 0) + (high < 0 ? highBias : 0);
    values[i] = v;
    if (v < min) {
      min = v;
      minIndex = i;
    }
    if (v > max) {
      max = v;
      maxIndex = i;
    }
  }
  const statistics: Statistics = { nullCount: nulls, signed };
  const levels = levelsOf(nullable, flags, rows);
  if (n > 0 && (min < -DELTA_LIMIT || max >= DELTA_LIMIT)) {
    // Beyond ±2^51 deltas are not exact as numbers, nor min and max beyond 2^53: PLAIN, no statistics.
    return { levels, values: bytes, encoding: Encoding.PLAIN, numValues: rows, numNulls: nulls, statistics };
  }
  const out = new ByteBuffer(64 + n);
  deltaBinaryPacked(out, values, n, false);
  return {
    levels,
    values: out.view(),
    encoding: Encoding.DELTA_BINARY_PACKED,
    numValues: rows,
    numNulls: nulls,
    statistics: n === 0 ? statistics : { ...statistics, min: int64Bytes(bytes, minIndex), max: int64Bytes(bytes, maxIndex) },
  };
}

function int64Bytes(bytes: Uint8Array, index: number): Uint8Array {
  return bytes.slice(index * 8, index * 8 + 8);
}

function encodeFloats(pieces: readonly Data[], nullable: boolean, width: 4 | 8): EncodedColumn {
  const { flags, rows, nulls } = rowsOf(pieces);
  return {
    levels: levelsOf(nullable, flags, rows),
    values: byteStreamSplit(denseBytes(pieces, width, { flags, rows, nulls }), width),
    encoding: Encoding.BYTE_STREAM_SPLIT,
    numValues: rows,
    numNulls: nulls,
  };
}

function encodeBooleans(pieces: readonly Data[], nullable: boolean): EncodedColumn {
  const { flags, rows, nulls } = rowsOf(pieces);
  const packed = new Uint8Array(Math.ceil((rows - nulls) / 8));
  let position = 0;
  let row = 0;
  for (const piece of pieces) {
    // Boolean values are bits, not sliced with the data: bit `offset + i` is row i.
    const bits = piece.values as Uint8Array;
    for (let i = 0; i < piece.length; i++, row++) {
      if (flags !== undefined && flags[row] === 0) continue;
      const bit = piece.offset + i;
      if ((bits[bit >> 3]! >> (bit & 7)) & 1) packed[position >> 3]! |= 1 << (position & 7);
      position++;
    }
  }
  return { levels: levelsOf(nullable, flags, rows), values: packed, encoding: Encoding.PLAIN, numValues: rows, numNulls: nulls };
}

/**
 * Text as a dictionary page of the distinct strings and RLE indices. A long table repeats each string over
 * a run of rows (a cell's name over its samples): a run is found by comparing doubling spans of the value
 * bytes with themselves shifted by one string (native memcmp), and its string is looked up once.
 * Dictionary columns map their own dictionary and find runs in their keys.
 */
function encodeText(pieces: readonly Data[], nullable: boolean): EncodedColumn {
  const { flags, rows, nulls } = rowsOf(pieces);
  const runs = new Runs();
  const dictionary = new Map<string, number>();
  const page = new ByteBuffer(1024);
  const entry = (bytes: Uint8Array): number => {
    const text = DECODER.decode(bytes);
    let index = dictionary.get(text);
    if (index === undefined) {
      index = dictionary.size;
      dictionary.set(text, index);
      page.littleEndian(bytes.length, 4);
      page.append(bytes);
    }
    return index;
  };
  let row = 0;
  for (const piece of pieces) {
    const valid = (i: number): boolean => flags === undefined || flags[row + i] === 1;
    if (DataType.isDictionary(piece.type)) {
      const labels = piece.dictionary!;
      const codes = Int32Array.from({ length: labels.length }, (_, code) => entry(ENCODER.encode(String(labels.get(code)))));
      const keys = piece.values as Int8Array | Int16Array | Int32Array;
      let start = 0;
      while (start < piece.length) {
        const key = keys[start]!;
        let end = start + 1;
        while (end < piece.length && keys[end] === key && valid(end) === valid(start)) end++;
        if (valid(start)) runs.push(codes[key]!, end - start);
        start = end;
      }
    } else {
      const offsets = piece.valueOffsets as Int32Array;
      const data = piece.values as Uint8Array;
      let start = 0;
      while (start < piece.length) {
        if (!valid(start)) {
          start++;
          continue;
        }
        const index = entry(data.subarray(offsets[start]!, offsets[start + 1]!));
        const end = flags === undefined ? runEnd(offsets, data, start, piece.length) : start + 1;
        runs.push(index, end - start);
        start = end;
      }
    }
    row += piece.length;
  }
  const width = Math.max(1, bitWidth(Math.max(0, dictionary.size - 1)));
  const out = new ByteBuffer(64 + runs.values.length * 2);
  out.byte(width);
  rleHybrid(out, runs, width);
  return {
    dictionary: { values: page.view(), count: dictionary.size },
    levels: levelsOf(nullable, flags, rows),
    values: out.view(),
    encoding: Encoding.RLE_DICTIONARY,
    numValues: rows,
    numNulls: nulls,
  };
}

/** The end of the run of strings equal to string `start` (exclusive, at most `length`). */
function runEnd(offsets: Int32Array, data: Uint8Array, start: number, length: number): number {
  const width = offsets[start + 1]! - offsets[start]!;
  let end = start + 1;
  let step = 1;
  while (end < length) {
    const stepEnd = Math.min(length, end + step);
    const from = offsets[end]!;
    const to = offsets[stepEnd]!;
    // Strings end..stepEnd equal string `start` iff they are as wide and their bytes repeat with its width.
    if (to - from === (stepEnd - end) * width && (width === 0 || bytesView(data, from, to).equals(bytesView(data, from - width, to - width)))) {
      end = stepEnd;
      step *= 2;
    } else if (step > 1) {
      step = 1;
    } else {
      break;
    }
  }
  return end;
}

function bytesView(data: Uint8Array, from: number, to: number): Buffer {
  return Buffer.from(data.buffer, data.byteOffset + from, to - from);
}

const DECODER = new TextDecoder();
const ENCODER = new TextEncoder();
