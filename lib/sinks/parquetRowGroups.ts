import { DataType, type Field, type Schema } from 'apache-arrow';

/** Target uncompressed bytes of a row group when no row count is given. */
const DEFAULT_ROW_GROUP_BYTES = 16 * 1024 * 1024;
/** arrow-rs's own default row group length, kept as the cap for narrow tables. */
const MAX_ROW_GROUP_ROWS = 1024 * 1024;

export interface RowGroupSizing {
  /** Rows per row group (a conversion's rows per batch). Default: as many as fit in `rowGroupBytes`. */
  batchRows?: number;
  /** Target uncompressed bytes per row group when `batchRows` is not given (default 16 MiB). */
  rowGroupBytes?: number;
  /**
   * Uncompressed bytes of a typical row, for tables whose schema cannot tell (variable-length lists of
   * pixels or traces: their length is not part of the type). Default: estimated from the schema.
   */
  rowBytes?: number;
}

/** Rows per row group: `batchRows`, or as many rows as fit in the byte target (at least 1, at most 1 Mi). */
export function rowGroupRows(schema: Schema, sizing: RowGroupSizing): number {
  if (sizing.batchRows !== undefined) return sizing.batchRows;
  return Math.max(1, Math.min(MAX_ROW_GROUP_ROWS, Math.floor((sizing.rowGroupBytes ?? DEFAULT_ROW_GROUP_BYTES) / rowBytes(schema, sizing))));
}

/** Uncompressed bytes of a typical row: `rowBytes`, or the schema's estimate. */
export function rowBytes(schema: Schema, sizing: RowGroupSizing): number {
  return sizing.rowBytes ?? schema.fields.reduce((sum, f) => sum + estimateBytes(f), 0);
}

/** Width of one value; variable-length values are guessed (JPEG frames: 64 KiB). */
export function estimateBytes(field: Field): number {
  const type = field.type;
  if (DataType.isFixedSizeList(type)) return type.listSize * estimateBytes(type.children[0]!);
  if (DataType.isBinary(type)) return 64 * 1024;
  if (DataType.isUtf8(type)) return 32;
  if (DataType.isList(type)) return 64 * 1024;
  if (DataType.isDictionary(type)) return 1;
  if (DataType.isInt(type)) return type.bitWidth / 8;
  if (DataType.isFloat(type)) return [2, 4, 8][type.precision]!;
  return 8;
}
