import { CompactWriter } from './thriftCompact.js';

/** parquet-format's enums (parquet.thrift), as numbers in the Thrift encoding. */
export const PhysicalType = { BOOLEAN: 0, INT32: 1, INT64: 2, FLOAT: 4, DOUBLE: 5, BYTE_ARRAY: 6 } as const;
export const Encoding = { PLAIN: 0, RLE: 3, DELTA_BINARY_PACKED: 5, RLE_DICTIONARY: 8, BYTE_STREAM_SPLIT: 9 } as const;
export const Codec = { UNCOMPRESSED: 0, ZSTD: 6 } as const;
const ConvertedType = { UTF8: 0, TIMESTAMP_MICROS: 10, UINT_8: 11, UINT_16: 12, UINT_32: 13, UINT_64: 14, INT_8: 15, INT_16: 16, INT_32: 17, INT_64: 18 } as const;
const PageType = { DATA_PAGE_V2: 3, DICTIONARY_PAGE: 2 } as const;
const Repetition = { REQUIRED: 0, OPTIONAL: 1 } as const;

/** A column's annotation beyond its physical type. */
export type LogicalType = { kind: 'string' } | { kind: 'integer'; bitWidth: 8 | 16 | 32 | 64; signed: boolean } | { kind: 'timestampMicrosUtc' };

export interface LeafSchema {
  name: string;
  physicalType: number;
  nullable: boolean;
  logicalType?: LogicalType;
}

export interface Statistics {
  nullCount: number;
  /** Plain-encoded min and max (absent when not computed). */
  min?: Uint8Array;
  max?: Uint8Array;
  /** Whether the values order as signed numbers: then the deprecated min/max fields are written too. */
  signed: boolean;
}

export interface ColumnChunkMeta {
  physicalType: number;
  encodings: number[];
  path: string;
  codec: number;
  numValues: number;
  uncompressedBytes: number;
  compressedBytes: number;
  dataPageOffset: number;
  dictionaryPageOffset?: number;
  statistics?: Statistics;
}

export interface RowGroupMeta {
  columns: ColumnChunkMeta[];
  numRows: number;
  fileOffset: number;
}

export interface FileMeta {
  leaves: LeafSchema[];
  numRows: number;
  rowGroups: RowGroupMeta[];
  keyValues: [string, string][];
  createdBy: string;
}

export function dataPageV2Header(page: { uncompressedBytes: number; compressedBytes: number; numValues: number; numNulls: number; encoding: number; levelBytes: number; compressed: boolean }): Uint8Array {
  return new CompactWriter()
    .i32(1, PageType.DATA_PAGE_V2)
    .i32(2, page.uncompressedBytes)
    .i32(3, page.compressedBytes)
    .struct(8, (w) =>
      w
        .i32(1, page.numValues)
        .i32(2, page.numNulls)
        .i32(3, page.numValues)
        .i32(4, page.encoding)
        .i32(5, page.levelBytes)
        .i32(6, 0)
        .bool(7, page.compressed),
    )
    .end();
}

export function dictionaryPageHeader(page: { uncompressedBytes: number; compressedBytes: number; numValues: number }): Uint8Array {
  return new CompactWriter()
    .i32(1, PageType.DICTIONARY_PAGE)
    .i32(2, page.uncompressedBytes)
    .i32(3, page.compressedBytes)
    .struct(7, (w) => w.i32(1, page.numValues).i32(2, Encoding.PLAIN).bool(3, false))
    .end();
}

export function fileMetaData(meta: FileMeta): Uint8Array {
  return new CompactWriter()
    .i32(1, 2)
    .structList(2, [undefined, ...meta.leaves], (w, leaf) => {
      if (leaf === undefined) {
        w.binary(4, 'schema').i32(5, meta.leaves.length);
      } else {
        writeLeaf(w, leaf);
      }
    })
    .i64(3, meta.numRows)
    .structList(4, meta.rowGroups, (w, group) => {
      w.structList(1, group.columns, (c, column) => c.i64(2, column.dictionaryPageOffset ?? column.dataPageOffset).struct(3, (m) => writeColumnMeta(m, column)));
      w.i64(2, sum(group.columns, (c) => c.uncompressedBytes))
        .i64(3, group.numRows)
        .i64(5, group.fileOffset)
        .i64(6, sum(group.columns, (c) => c.compressedBytes))
        .i16(7, meta.rowGroups.indexOf(group));
    })
    .structList(5, meta.keyValues, (w, [key, value]) => w.binary(1, key).binary(2, value))
    .binary(6, meta.createdBy)
    // TypeDefinedOrder for every column: readers may then use min_value/max_value.
    .structList(7, meta.leaves, (w) => w.struct(1, () => undefined))
    .end();
}

function writeLeaf(w: CompactWriter, leaf: LeafSchema): void {
  w.i32(1, leaf.physicalType).i32(3, leaf.nullable ? Repetition.OPTIONAL : Repetition.REQUIRED).binary(4, leaf.name);
  const logical = leaf.logicalType;
  if (logical === undefined) return;
  switch (logical.kind) {
    case 'string':
      w.i32(6, ConvertedType.UTF8).struct(10, (l) => l.struct(1, () => undefined));
      return;
    case 'timestampMicrosUtc':
      w.i32(6, ConvertedType.TIMESTAMP_MICROS).struct(10, (l) => l.struct(8, (t) => t.bool(1, true).struct(2, (u) => u.struct(2, () => undefined))));
      return;
    case 'integer': {
      const converted = logical.signed ? SIGNED[logical.bitWidth] : UNSIGNED[logical.bitWidth];
      w.i32(6, converted).struct(10, (l) => l.struct(10, (t) => t.i8(1, logical.bitWidth).bool(2, logical.signed)));
      return;
    }
  }
}

const SIGNED = { 8: ConvertedType.INT_8, 16: ConvertedType.INT_16, 32: ConvertedType.INT_32, 64: ConvertedType.INT_64 };
const UNSIGNED = { 8: ConvertedType.UINT_8, 16: ConvertedType.UINT_16, 32: ConvertedType.UINT_32, 64: ConvertedType.UINT_64 };

function writeColumnMeta(w: CompactWriter, column: ColumnChunkMeta): void {
  w.i32(1, column.physicalType)
    .i32List(2, column.encodings)
    .binaryList(3, [column.path])
    .i32(4, column.codec)
    .i64(5, column.numValues)
    .i64(6, column.uncompressedBytes)
    .i64(7, column.compressedBytes)
    .i64(9, column.dataPageOffset);
  if (column.dictionaryPageOffset !== undefined) w.i64(11, column.dictionaryPageOffset);
  const stats = column.statistics;
  if (stats === undefined) return;
  w.struct(12, (s) => {
    if (stats.signed && stats.max !== undefined && stats.min !== undefined) s.binary(1, stats.max).binary(2, stats.min);
    s.i64(3, stats.nullCount);
    if (stats.max !== undefined && stats.min !== undefined) s.binary(5, stats.max).binary(6, stats.min);
  });
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0);
}
