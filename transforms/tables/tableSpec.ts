import { Schema, type Data, type Field, type RecordBatch } from 'apache-arrow';
import type { JsonValue } from '../../lib/json/jsonValue.js';
import { stringifyJsonPieces } from '../../lib/json/stringifyJson.js';
import { packageVersion } from '../../lib/core/packageVersion.js';
import { makeBatch } from './columns.js';
import { metadataEntries, placeMetadata, type MetadataPlacement } from './sourceMetadata.js';

/** Where a table comes from: goes into every output's schema metadata (design 5). */
export interface TableSource {
  /** Data set kind, e.g. `movie`, `cell_set`, `event_set`, `gpio`, `imu`, `vessel_set`, `behavior_movie`. */
  kind: string;
  /** File name of the input (no folder). */
  source: string;
  /** The file's whole JSON metadata (footer or session JSON). */
  metadata: JsonValue;
  /**
   * How the tables carry `metadata`, decided once for the input (tableSourceOf; a conversion names its
   * sidecar file here). Absent: each table stringifies it, and leaves it out when over the cap.
   */
  metadataPlacement?: MetadataPlacement;
}

/**
 * One table contract of design 5: its Arrow schema (known before any record, so sinks can open and an
 * empty input still gives a valid file) and how a run of records becomes one `RecordBatch`.
 */
export interface TableSpec<R> {
  /** Table name used in output file names (`<stem>.<name>.<ext>`). */
  readonly name: string;
  readonly schema: Schema;
  /** Rows this record adds (one for most tables; one per sample for the long trace tables). */
  rowCountOf(record: R): number;
  /** Approximate bytes this record adds, for byte-bounded batches. */
  byteLengthOf(record: R): number;
  toBatch(records: readonly R[]): RecordBatch;
  /**
   * Uncompressed bytes of a typical row where the schema cannot tell (list columns have no length in their
   * type): sizes Parquet row groups. Absent: estimated from the schema.
   */
  readonly rowBytes?: number;
}

/** A table whose rows are samples in time: `time_s` counts from the recording's start. */
export interface TimedTableSource extends TableSource {
  /** The recording's start (its first file's), microseconds since the Unix epoch. */
  startUs: number;
}

/**
 * The version of the table contracts (the README's): raised when a column is added, removed, renamed or
 * retyped, so a dataset reader can tell outputs of different contracts apart. 2: list columns with
 * rows/cols/num_samples, float32 pixels, `behavior_frames`, `time_s`, units, `recordings` and `members`;
 * 3: key columns of data tables are dictionary<utf8, int8> (were utf8).
 */
export const TABLE_SCHEMA_VERSION = '3';

/** The version keys every output carries, whatever its table. */
export function versionMetadata(): [string, string][] {
  return [
    ['isx-stream:version', packageVersion()],
    ['isx-stream:schema-version', TABLE_SCHEMA_VERSION],
  ];
}

/**
 * Metadata keys every table of a file carries; `isx:metadata` is bigint-exact JSON text (or, over the cap,
 * `isx:metadata-file` or `isx:metadata-omitted` with `isx:metadata-bytes`: sourceMetadata.ts).
 */
export function tableMetadata(source: TableSource, extra: Record<string, string> = {}): Map<string, string> {
  const placement = source.metadataPlacement ?? placeMetadata(stringifyJsonPieces(source.metadata));
  return new Map([
    ['isx:kind', source.kind],
    ['isx:source', source.source],
    ...metadataEntries(placement),
    ...versionMetadata(),
    ...Object.entries(extra),
  ]);
}

/** The `isx:rows`/`isx:cols` keys of tables holding pixels. */
export function pixelShapeMetadata(rows: number, cols: number): Record<string, string> {
  return { 'isx:rows': String(rows), 'isx:cols': String(cols) };
}


/** One column of a table, declared once: its field and how the rows of a batch become its data. */
export interface Column<Rows> {
  readonly field: Field;
  build(rows: Rows): Data;
}

/**
 * The schema of a column list and the batch of a run of rows, so a table's schema and its batches come from
 * the same declarations and cannot drift apart. `length` is the batch's row count.
 */
export function columnLayout<Rows>(
  columns: readonly Column<Rows>[],
  metadata: Map<string, string>,
): { schema: Schema; toBatch(rows: Rows, length: number): RecordBatch } {
  const schema = new Schema(
    columns.map((c) => c.field),
    metadata,
  );
  return {
    schema,
    toBatch: (rows, length) =>
      makeBatch(
        schema,
        columns.map((c) => c.build(rows)),
        length,
      ),
  };
}
