import { Field, Float64, Int32, Int64, Utf8 } from 'apache-arrow';
import { IsxError } from '../../lib/errors.js';
import { TIMESTAMP_US, fieldWithUnit, makeFloat64Data, makeInt32Data, makeInt64Data, makeTimestampData, makeUtf8Data } from './columns.js';
import { columnLayout, versionMetadata, type Column, type TableSpec } from './tableSpec.js';

/** One converted input, as the `recordings` table has it (lib/convert/describeRecording.ts builds it). */
export interface RecordingRow {
  /** The input's keys (`recording`, path-pattern keys, ...): one string column each. */
  keys: Readonly<Record<string, string>>;
  kind: string;
  /** The input's path relative to the folder or glob base it was found under (`/`-separated). */
  sourcePath: string;
  sizeBytes: number;
  /** The recording's start, µs since the epoch: what `time_s` counts from. */
  startUs: number;
  periodS: number;
  numSamples: number;
  durationS: number;
  /** Image shape and pixel type, where the kind has images. */
  rows?: number;
  cols?: number;
  pixelType?: string;
  /** The unit every value shares (traces, channels), as the file states it. */
  unit?: string;
  numCells?: number;
  numVessels?: number;
  numChannels?: number;
  numEvents?: number;
  /** getAcquisitionInfo() as JSON text (spec 13); undefined when the file has none. */
  acquisitionInfo?: string;
  isxStreamVersion: string;
  /** The conversion options used, as JSON text. */
  options: string;
}

/** Names of the key columns, in order: the keys an output does not hold as partition folders. */
export interface KeyColumns {
  keyNames: readonly string[];
}

/** String columns for the keys, read from each row's `keys` (a key a row lacks is refused: every row has every key). */
export function keyColumns<R extends { keys: Readonly<Record<string, string>> }>(keyNames: readonly string[]): Column<readonly R[]>[] {
  return keyNames.map((key) => ({
    field: new Field(key, new Utf8(), false),
    build: (rows) =>
      makeUtf8Data(
        rows.map((r) => {
          const value = r.keys[key];
          if (value === undefined) throw new IsxError('E_ARGUMENT', `key "${key}" is missing from a row whose keys are ${Object.keys(r.keys).join(', ') || 'none'}`);
          return value;
        }),
      ),
  }));
}

type Rows = readonly RecordingRow[];

const optionalInt32 = (name: string, pick: (r: RecordingRow) => number | undefined): Column<Rows> => ({
  field: new Field(name, new Int32(), true),
  build: (rs) => makeInt32Data(Int32Array.from(rs, (r) => pick(r) ?? 0), rs.map((r) => pick(r) !== undefined)),
});
const optionalUtf8 = (name: string, pick: (r: RecordingRow) => string | undefined): Column<Rows> => ({
  field: new Field(name, new Utf8(), true),
  build: (rs) => makeUtf8Data(rs.map(pick)),
});
const utf8 = (name: string, pick: (r: RecordingRow) => string): Column<Rows> => ({ field: new Field(name, new Utf8(), false), build: (rs) => makeUtf8Data(rs.map(pick)) });
const float64 = (name: string, unit: string, pick: (r: RecordingRow) => number): Column<Rows> => ({
  field: fieldWithUnit(name, new Float64(), false, unit),
  build: (rs) => makeFloat64Data(Float64Array.from(rs, pick)),
});

const RECORDING_COLUMNS: Column<Rows>[] = [
  utf8('kind', (r) => r.kind),
  utf8('source_path', (r) => r.sourcePath),
  { field: fieldWithUnit('size_bytes', new Int64(), false, 'B'), build: (rs) => makeInt64Data(BigInt64Array.from(rs, (r) => BigInt(r.sizeBytes))) },
  { field: new Field('start', TIMESTAMP_US, false), build: (rs) => makeTimestampData(BigInt64Array.from(rs, (r) => BigInt(r.startUs))) },
  float64('period_s', 's', (r) => r.periodS),
  { field: new Field('num_samples', new Int64(), false), build: (rs) => makeInt64Data(BigInt64Array.from(rs, (r) => BigInt(r.numSamples))) },
  float64('duration_s', 's', (r) => r.durationS),
  optionalInt32('rows', (r) => r.rows),
  optionalInt32('cols', (r) => r.cols),
  optionalUtf8('pixel_type', (r) => r.pixelType),
  optionalUtf8('unit', (r) => r.unit),
  optionalInt32('num_cells', (r) => r.numCells),
  optionalInt32('num_vessels', (r) => r.numVessels),
  optionalInt32('num_channels', (r) => r.numChannels),
  {
    field: new Field('num_events', new Int64(), true),
    build: (rs) => makeInt64Data(BigInt64Array.from(rs, (r) => BigInt(r.numEvents ?? 0)), rs.map((r) => r.numEvents !== undefined)),
  },
  optionalUtf8('acquisition_info', (r) => r.acquisitionInfo),
  utf8('isx_stream_version', (r) => r.isxStreamVersion),
  utf8('options', (r) => r.options),
];

/**
 * The `recordings` table: one row per converted input, so a dataset answers "what was converted, how long,
 * how large, with what" without parsing any file's metadata. Its key columns come first.
 */
export function recordingsTable(options: KeyColumns): TableSpec<RecordingRow> {
  const { schema, toBatch } = columnLayout([...keyColumns<RecordingRow>(options.keyNames), ...RECORDING_COLUMNS], new Map(versionMetadata()));
  return {
    name: 'recordings',
    schema,
    rowCountOf: () => 1,
    byteLengthOf: (row) => row.options.length + (row.acquisitionInfo?.length ?? 0) + 256,
    toBatch: (rows) => toBatch(rows, rows.length),
  };
}
