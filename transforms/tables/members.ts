import { Field, Int32, Int64, Utf8 } from 'apache-arrow';
import { makeInt32Data, makeInt64Data, makeUtf8Data } from './columns.js';
import { keyColumns, type KeyColumns } from './recordings.js';
import { columnLayout, versionMetadata, type Column, type TableSpec } from './tableSpec.js';

/** One named member of a recording: a cell, vessel or channel (lib/convert/describeRecording.ts builds it). */
export interface MemberRow {
  keys: Readonly<Record<string, string>>;
  kind: string;
  member: 'cell' | 'vessel' | 'channel';
  index: number;
  name: string;
  status?: string;
  unit?: string;
  /** Event-set cells: their events (0 for a cell that has none). */
  numEvents?: number;
  /** Trace samples (cells, vessels) or packets (GPIO/IMU channels). */
  numSamples?: number;
}

type Rows = readonly MemberRow[];

const optionalUtf8 = (name: string, pick: (r: MemberRow) => string | undefined): Column<Rows> => ({
  field: new Field(name, new Utf8(), true),
  build: (rs) => makeUtf8Data(rs.map(pick)),
});
const optionalInt64 = (name: string, pick: (r: MemberRow) => number | undefined): Column<Rows> => ({
  field: new Field(name, new Int64(), true),
  build: (rs) => makeInt64Data(BigInt64Array.from(rs, (r) => BigInt(pick(r) ?? 0)), rs.map((r) => pick(r) !== undefined)),
});

const MEMBER_COLUMNS: Column<Rows>[] = [
  { field: new Field('kind', new Utf8(), false), build: (rs) => makeUtf8Data(rs.map((r) => r.kind)) },
  { field: new Field('member', new Utf8(), false), build: (rs) => makeUtf8Data(rs.map((r) => r.member)) },
  { field: new Field('member_index', new Int32(), false), build: (rs) => makeInt32Data(Int32Array.from(rs, (r) => r.index)) },
  { field: new Field('name', new Utf8(), false), build: (rs) => makeUtf8Data(rs.map((r) => r.name)) },
  optionalUtf8('status', (r) => r.status),
  optionalUtf8('unit', (r) => r.unit),
  optionalInt64('num_events', (r) => r.numEvents),
  optionalInt64('num_samples', (r) => r.numSamples),
];

/**
 * The `members` table: one row per cell, vessel or channel of every recording that has them, so an
 * event-set cell without events, or a GPIO channel that never changed, is still listed with its count.
 */
export function membersTable(options: KeyColumns): TableSpec<MemberRow> {
  const { schema, toBatch } = columnLayout([...keyColumns<MemberRow>(options.keyNames), ...MEMBER_COLUMNS], new Map(versionMetadata()));
  return {
    name: 'members',
    schema,
    rowCountOf: () => 1,
    byteLengthOf: (row) => row.name.length + 64,
    toBatch: (rows) => toBatch(rows, rows.length),
  };
}
