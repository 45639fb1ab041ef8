import {
  Binary,
  Bool,
  Data,
  Dictionary,
  Field,
  FixedSizeList,
  Float32,
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
import type { PixelArray } from '../../lib/core/dataType.js';
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

export function makeInt32Data(values: Int32Array): Data<Int32> {
  return makeData({ type: new Int32(), length: values.length, data: values });
}

export function makeUint32Data(values: Uint32Array): Data<Uint32> {
  return makeData({ type: new Uint32(), length: values.length, data: values });
}

export function makeInt64Data(values: BigInt64Array): Data<Int64> {
  return makeData({ type: new Int64(), length: values.length, data: values });
}

/** uint64 hardware counters stay bigint end to end: exact beyond 2^53. */
export function makeUint64Data(values: BigUint64Array, valid?: ArrayLike<boolean>): Data<Uint64> {
  return makeData({ type: new Uint64(), length: values.length, data: values, ...(valid ? packValidity(valid) : {}) });
}

export function makeFloat32Data(values: Float32Array): Data<Float32> {
  return makeData({ type: new Float32(), length: values.length, data: values });
}

export function makeTimestampData(microseconds: BigInt64Array): Data<TimestampMicrosecond> {
  return makeData({ type: TIMESTAMP_US, length: microseconds.length, data: microseconds });
}

/** The `timestamp` column of one row per record. */
export function timestampColumn<R extends { timestampUs: number }>(): Column<readonly R[]> {
  return { field: new Field('timestamp', TIMESTAMP_US, false), build: (rs) => makeTimestampData(BigInt64Array.from(rs, (r) => BigInt(r.timestampUs))) };
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
  const encoded = strings.map((s) => (s === undefined ? undefined : Buffer.from(s, 'utf8')));
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

/** Variable-length float32 lists (vessel correlation heatmaps, whose size differs per vessel). */
export function makeFloat32ListData(lists: readonly (Float32Array | undefined)[]): Data<List<Float32>> {
  const valueOffsets = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) valueOffsets[i + 1] = valueOffsets[i]! + (lists[i]?.length ?? 0);
  const values = new Float32Array(valueOffsets[lists.length]!);
  lists.forEach((list, i) => list && values.set(list, valueOffsets[i]!));
  const type = new List(new Field('item', new Float32(), false));
  return makeData({ type, length: lists.length, valueOffsets, child: makeFloat32Data(values), ...packValidity(lists.map((l) => l !== undefined)) });
}

export type FixedListChild = Uint8 | Uint16 | Float32 | Int64;
export type FixedListValues = PixelArray | BigInt64Array;

export function fixedListType(element: FixedListChild, listSize: number): FixedSizeList<FixedListChild> {
  return new FixedSizeList(listSize, new Field('item', element, false));
}

/**
 * A fixed_size_list column over ONE contiguous buffer holding `length * listSize` values; rows whose
 * `valid` flag is false are null (their slots stay in the buffer, as Arrow requires).
 */
export function makeFixedListData(
  type: FixedSizeList<FixedListChild>,
  values: FixedListValues,
  valid?: ArrayLike<boolean>,
): Data<FixedSizeList<FixedListChild>> {
  const length = type.listSize === 0 ? (valid?.length ?? 0) : values.length / type.listSize;
  const child = makeData({ type: type.children[0]!.type, length: values.length, data: values } as never) as unknown as Data<FixedListChild>;
  return makeData({ type, length, child, ...(valid ? packValidity(valid) : {}) });
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

/**
 * The rows as one contiguous array: a view when they already lie back to back in one buffer (the frames
 * of one read, issue 9), else a copy (a memcpy per row, no per-value work).
 */
export function concatenateRows<A extends FixedListValues>(rows: readonly A[], rowLength: number, ArrayType: { new (n: number): A; readonly name: string }): A {
  rows.forEach((row, i) => {
    if (!(row instanceof ArrayType)) {
      throw new IsxError('E_ARGUMENT', `row ${i} holds ${row.constructor.name}; the table's schema needs ${ArrayType.name}`);
    }
    if (row.length !== rowLength) {
      throw new IsxError('E_ARGUMENT', `row ${i} has ${row.length} values; the table's schema needs ${rowLength}`);
    }
  });
  const first = rows[0];
  if (first !== undefined && rowLength > 0 && liesBackToBack(rows)) {
    return new (ArrayType as unknown as TypedArrayOver<A>)(first.buffer, first.byteOffset, rows.length * rowLength);
  }
  const out = new ArrayType(rows.length * rowLength);
  rows.forEach((row, i) => (out as Uint8Array).set(row as Uint8Array, i * rowLength));
  return out;
}

type TypedArrayOver<A> = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => A;

/** True when each row starts in the same buffer where the one before it ends. */
function liesBackToBack(rows: readonly FixedListValues[]): boolean {
  for (let i = 1; i < rows.length; i++) {
    const before = rows[i - 1]!;
    const row = rows[i]!;
    if (row.buffer !== before.buffer || row.byteOffset !== before.byteOffset + before.byteLength) return false;
  }
  return true;
}

function concatenate(chunks: readonly (Uint8Array | undefined)[]): { valueOffsets: Int32Array; data: Uint8Array } {
  const valueOffsets = new Int32Array(chunks.length + 1);
  for (let i = 0; i < chunks.length; i++) valueOffsets[i + 1] = valueOffsets[i]! + (chunks[i]?.byteLength ?? 0);
  const data = new Uint8Array(valueOffsets[chunks.length]!);
  chunks.forEach((chunk, i) => chunk && data.set(chunk, valueOffsets[i]!));
  return { valueOffsets, data };
}
