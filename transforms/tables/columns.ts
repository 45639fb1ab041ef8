import {
  Binary,
  Bool,
  Data,
  Dictionary,
  Field,
  FixedSizeList,
  Float32,
  Float64,
  type DataType,
  Int8,
  Int32,
  Int64,
  List,
  RecordBatch,
  Schema,
  Struct,
  TimestampMicrosecond,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Utf8,
  makeData,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import { IsxError } from '../../lib/errors.js';
import type { Column } from './tableSpec.js';

/**
 * Column builders over typed arrays (design 2: `makeData` is zero-copy; Arrow builders are 5-10x slower on
 * frames). Every function takes values already laid out as Arrow wants them and wraps them without copying.
 */

/** Timestamps are microseconds since the Unix epoch, in UTC (design 5). */
export const TIMESTAMP_US = new TimestampMicrosecond('UTC');

/** Packs flags into an Arrow bitmap (least significant bit first). */
function packBits(flags: ArrayLike<boolean>): Uint8Array {
  const bitmap = new Uint8Array(Math.ceil(flags.length / 8));
  for (let i = 0; i < flags.length; i++) if (flags[i]) bitmap[i >> 3]! |= 1 << (i & 7);
  return bitmap;
}

/** Arrow validity from per-row flags; no bitmap when every row is valid. */
function packValidity(valid: ArrayLike<boolean>): { nullBitmap?: Uint8Array; nullCount: number } {
  let nullCount = 0;
  for (let i = 0; i < valid.length; i++) if (!valid[i]) nullCount++;
  return nullCount === 0 ? { nullCount } : { nullBitmap: packBits(valid), nullCount };
}

/** int32 values; rows whose `valid` flag is false are null. */
export function makeInt32Data(values: Int32Array, valid?: ArrayLike<boolean>): Data<Int32> {
  return makeData({ type: new Int32(), length: values.length, data: values, ...(valid ? packValidity(valid) : {}) });
}

export function makeUint32Data(values: Uint32Array): Data<Uint32> {
  return makeData({ type: new Uint32(), length: values.length, data: values });
}

/** int64 values; rows whose `valid` flag is false are null. */
export function makeInt64Data(values: BigInt64Array, valid?: ArrayLike<boolean>): Data<Int64> {
  return makeData({ type: new Int64(), length: values.length, data: values, ...(valid ? packValidity(valid) : {}) });
}

/** uint64 hardware counters stay bigint end to end: exact beyond 2^53. */
export function makeUint64Data(values: BigUint64Array, valid?: ArrayLike<boolean>): Data<Uint64> {
  return makeData({ type: new Uint64(), length: values.length, data: values, ...(valid ? packValidity(valid) : {}) });
}

/** float32 values; rows whose `valid` flag is false are null. */
export function makeFloat32Data(values: Float32Array, valid?: ArrayLike<boolean>): Data<Float32> {
  return makeData({ type: new Float32(), length: values.length, data: values, ...(valid ? packValidity(valid) : {}) });
}

export function makeTimestampData(microseconds: BigInt64Array): Data<TimestampMicrosecond> {
  return makeData({ type: TIMESTAMP_US, length: microseconds.length, data: microseconds });
}

/** The `timestamp` column of one row per record. */
export function timestampColumn<R extends { timestampUs: number }>(): Column<readonly R[]> {
  return { field: new Field('timestamp', TIMESTAMP_US, false), build: (rs) => makeTimestampData(BigInt64Array.from(rs, (r) => BigInt(r.timestampUs))) };
}

/**
 * `time_s` of a sample: float64 seconds since the recording's start, `(timestamp − start) / 10^6`, so it is
 * what the `timestamp` column and the recording's start give (both whole microseconds), correctly rounded.
 */
export function secondsSince(timestampUs: number, startUs: number): number {
  return (timestampUs - startUs) / 1e6;
}

/** The `time_s` column of one row per record. */
export function timeSecondsColumn<R extends { timestampUs: number }>(startUs: number): Column<readonly R[]> {
  return { field: fieldWithUnit('time_s', new Float64(), false, 's'), build: (rs) => makeFloat64Data(Float64Array.from(rs, (r) => secondsSince(r.timestampUs, startUs))) };
}

export function makeFloat64Data(values: Float64Array): Data<Float64> {
  return makeData({ type: new Float64(), length: values.length, data: values });
}

/** The `frame_index` column of one row per frame. */
export function frameIndexColumn<R extends { index: number }>(): Column<readonly R[]> {
  return { field: new Field('frame_index', new Int64(), false), build: (rs) => makeInt64Data(BigInt64Array.from(rs, (r) => BigInt(r.index))) };
}

export function makeBoolData(values: ArrayLike<boolean>): Data<Bool> {
  return makeData({ type: new Bool(), length: values.length, data: packBits(values) });
}

/** utf8 strings; with `counts`, string i fills counts[i] consecutive rows (long tables). */
export function makeUtf8Data(strings: readonly (string | undefined)[], counts?: readonly number[]): Data<Utf8> {
  // Row strings repeat (channel names, units, statuses): each distinct one is encoded once.
  const bytesOf = new Map<string, Uint8Array>();
  const encoded = strings.map((s) => {
    if (s === undefined) return undefined;
    let bytes = bytesOf.get(s);
    if (bytes === undefined) bytesOf.set(s, (bytes = Buffer.from(s, 'utf8')));
    return bytes;
  });
  if (counts === undefined) {
    const { valueOffsets, data } = concatenate(encoded);
    return makeData({ type: new Utf8(), length: encoded.length, valueOffsets, data, ...packValidity(encoded.map((e) => e !== undefined)) });
  }
  const { valueOffsets, data } = repeatChunks(encoded, counts);
  const length = valueOffsets.length - 1;
  const validity = encoded.includes(undefined) ? packValidity(encoded.flatMap((e, i) => new Array<boolean>(counts[i]!).fill(e !== undefined))) : { nullCount: 0 };
  return makeData({ type: new Utf8(), length, valueOffsets, data, ...validity });
}

/**
 * Chunk i repeated counts[i] times, without a per-row array: a long table (one row per cell and sample)
 * repeats each cell's name thousands of times, and building one array entry per row cost most of its time.
 */
function repeatChunks(chunks: readonly (Uint8Array | undefined)[], counts: readonly number[]): { valueOffsets: Int32Array; data: Uint8Array } {
  const ends = runEnds(chunks.length, counts);
  const valueOffsets = new Int32Array(ends[chunks.length]! + 1);
  const data = new Uint8Array(chunks.reduce((sum, chunk, i) => sum + (chunk?.byteLength ?? 0) * counts[i]!, 0));
  let position = 0;
  chunks.forEach((chunk, i) => {
    const width = chunk?.byteLength ?? 0;
    for (let row = ends[i]!; row < ends[i + 1]!; row++) valueOffsets[row + 1] = valueOffsets[row]! + width;
    if (chunk === undefined || width === 0) return;
    const runBytes = width * counts[i]!;
    data.set(chunk, position);
    // Doubling copies: log2(count) copyWithin calls instead of one set per row.
    for (let filled = width; filled < runBytes; filled *= 2) data.copyWithin(position + filled, position, position + Math.min(filled, runBytes - filled));
    position += runBytes;
  });
  return { valueOffsets, data };
}

/** Variable-length bytes (JPEG images); `undefined` rows are null. */
export function makeBinaryData(chunks: readonly (Uint8Array | undefined)[]): Data<Binary> {
  const { valueOffsets, data } = concatenate(chunks);
  return makeData({ type: new Binary(), length: chunks.length, valueOffsets, data, ...packValidity(chunks.map((c) => c !== undefined)) });
}

/** Element types of variable-length list columns, and the typed arrays their values are gathered into. */
export type ListChild = Uint8 | Uint16 | Float32 | Int64;
type ListValues = Uint8Array | Uint16Array | Float32Array | BigInt64Array;

/**
 * The values of list rows as one contiguous array: a view when the rows already lie back to back in one
 * buffer (the frames of one read, issue 9: no copy of the pixels), else a copy (a memcpy per row).
 */
function listValues(rows: readonly (ArrayLike<number> | ArrayLike<bigint> | undefined)[], valueOffsets: Int32Array, ArrayType: { new (n: number): ListValues }): ListValues {
  const total = valueOffsets[rows.length]!;
  const present = rows.filter((row): row is ListValues => row !== undefined);
  const first = present[0];
  if (first !== undefined && total > 0 && present.every((row) => row instanceof ArrayType) && liesBackToBack(present)) {
    return new (ArrayType as unknown as new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ListValues)(first.buffer, first.byteOffset, total);
  }
  const values = new ArrayType(total);
  rows.forEach((row, i) => row && (values as Float32Array).set(row as ArrayLike<number>, valueOffsets[i]!));
  return values;
}

/** True when each row starts in the same buffer where the one before it ends. */
function liesBackToBack(rows: readonly ListValues[]): boolean {
  for (let i = 1; i < rows.length; i++) {
    const before = rows[i - 1]!;
    const row = rows[i]!;
    if (row.buffer !== before.buffer || row.byteOffset !== before.byteOffset + before.byteLength) return false;
  }
  return true;
}

/**
 * A variable-length list column (`list<T>`): row i holds `rows[i]`, null when undefined. Lists keep one
 * schema whatever a file's image size or trace length (a fixed_size_list's length is part of its type, so
 * files of different sizes would not read as one table). Values are gathered by listValues.
 */
export function makeListData<T extends ListChild>(
  element: T,
  ArrayType: { new (n: number): ListValues },
  rows: readonly (ArrayLike<number> | ArrayLike<bigint> | undefined)[],
): Data<List<T>> {
  const valueOffsets = new Int32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) valueOffsets[i + 1] = valueOffsets[i]! + (rows[i]?.length ?? 0);
  const values = listValues(rows, valueOffsets, ArrayType);
  const child = makeData({ type: element, length: values.length, data: values } as never) as unknown as Data<T>;
  return makeData({ type: listType(element), length: rows.length, valueOffsets, child, ...packValidity(rows.map((r) => r !== undefined)) });
}

/** `list<element>` with non-null items. */
export function listType<T extends ListChild>(element: T): List<T> {
  return new List(new Field('item', element, false));
}

/** A field whose values carry a unit (Arrow field metadata `unit`); no metadata when the file names none. */
export function fieldWithUnit(name: string, type: DataType, nullable: boolean, unit: string | undefined): Field {
  return new Field(name, type, nullable, unit === undefined ? undefined : new Map([['unit', unit]]));
}

/** `fixed_size_list<float64>[listSize]`: for values whose count is the same in every file (tracking boxes). */
export function fixedListType(listSize: number): FixedSizeList<Float64> {
  return new FixedSizeList(listSize, new Field('item', new Float64(), false));
}

/** A fixed_size_list<float64> column over ONE contiguous buffer holding `length * listSize` values. */
export function makeFixedListData(type: FixedSizeList<Float64>, values: Float64Array): Data<FixedSizeList<Float64>> {
  const child = makeData({ type: type.children[0]!.type, length: values.length, data: values });
  return makeData({ type, length: values.length / type.listSize, child });
}

/**
 * A categorical column with ONE dictionary for the whole table: the IPC file format rejects replacement
 * dictionaries (design 2), and arrow-js only recognises "the same dictionary" by identity of its data.
 */
export class FixedDictionary<T extends string> {
  readonly type: Dictionary<Utf8, Int8>;
  private readonly vector: Vector<Utf8>;
  private readonly codes: Map<string, number>;

  constructor(
    id: number,
    readonly values: readonly T[],
  ) {
    this.type = new Dictionary(new Utf8(), new Int8(), id, false);
    this.vector = vectorFromArray([...values], new Utf8());
    this.codes = new Map(values.map((v, i) => [v, i]));
  }

  /** Codes for `labels`; with `counts`, label i fills counts[i] consecutive rows (long tables). */
  makeData(labels: readonly T[], counts?: readonly number[]): Data<Dictionary<Utf8, Int8>> {
    const ends = runEnds(labels.length, counts);
    const indices = new Int8Array(ends[labels.length]!);
    labels.forEach((label, i) => {
      const code = this.codes.get(label);
      if (code === undefined) {
        throw new IsxError('E_ARGUMENT', `unknown category "${label}"; expected one of ${this.values.join(', ')}`);
      }
      indices.fill(code, ends[i]!, ends[i + 1]!);
    });
    return makeData({ type: this.type, length: indices.length, data: indices, dictionary: this.vector });
  }
}

/** Start offsets of runs of `counts[i]` rows (one row each without counts), plus the total at the end. */
export function runEnds(length: number, counts?: readonly number[]): Int32Array {
  const ends = new Int32Array(length + 1);
  for (let i = 0; i < length; i++) ends[i + 1] = ends[i]! + (counts ? counts[i]! : 1);
  return ends;
}

/** Repeats value i counts[i] times. */
export function makeRepeatedInt32Data(values: readonly number[], counts: readonly number[]): Data<Int32> {
  const ends = runEnds(values.length, counts);
  const out = new Int32Array(ends[values.length]!);
  values.forEach((v, i) => out.fill(v, ends[i]!, ends[i + 1]!));
  return makeInt32Data(out);
}

/** Assembles columns (in schema order) into a batch. */
export function makeBatch(schema: Schema, children: Data[], length: number): RecordBatch {
  const struct = makeData({ type: new Struct(schema.fields), length, children, nullCount: 0 });
  return new RecordBatch(schema, struct);
}

function concatenate(chunks: readonly (Uint8Array | undefined)[]): { valueOffsets: Int32Array; data: Uint8Array } {
  const valueOffsets = new Int32Array(chunks.length + 1);
  for (let i = 0; i < chunks.length; i++) valueOffsets[i + 1] = valueOffsets[i]! + (chunks[i]?.byteLength ?? 0);
  const data = new Uint8Array(valueOffsets[chunks.length]!);
  chunks.forEach((chunk, i) => chunk && data.set(chunk, valueOffsets[i]!));
  return { valueOffsets, data };
}
