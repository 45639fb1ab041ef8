import { Field, Float32, Int32, Int64, Utf8 } from 'apache-arrow';
import { fieldWithUnit, makeFloat32Data, makeInt32Data, makeInt64Data, makeUtf8Data, timeSecondsColumn, timestampColumn } from './columns.js';
import { columnLayout, tableMetadata, type Column, type TableSpec, type TimedTableSource } from './tableSpec.js';

/** A record holding one timed value of a numbered, named owner (a cell's event, a channel's sample). */
interface TimedValue {
  offsetUs: number;
  timestampUs: number;
}

/** How one table names its owner and value columns and reads them from its records. */
interface TimedValueLayout<R extends TimedValue> {
  table: string;
  index: [column: string, of: (record: R) => number];
  label: [column: string, of: (record: R) => string];
  value: [column: string, of: (record: R) => number];
  /** The value column's unit (field metadata `unit`) when every owner shares one. */
  unit?: string;
  /** A `unit` column: each row's unit by owner label, for tables whose owners differ (GPIO/IMU channels). */
  unitOf?: (label: string) => string | undefined;
}

/** One row per record: owner index and name, offset, timestamp and `time_s`, float32 value (design 5). */
export function timedValuesTable<R extends TimedValue>(options: TimedTableSource, layout: TimedValueLayout<R>): TableSpec<R> {
  const [indexName, indexOf] = layout.index;
  const [labelName, labelOf] = layout.label;
  const [valueName, valueOf] = layout.value;
  const columns: Column<readonly R[]>[] = [
    { field: new Field(indexName, new Int32(), false), build: (rs) => makeInt32Data(Int32Array.from(rs, indexOf)) },
    { field: new Field(labelName, new Utf8(), false), build: (rs) => makeUtf8Data(rs.map(labelOf)) },
    { field: fieldWithUnit('offset_us', new Int64(), false, 'us'), build: (rs) => makeInt64Data(BigInt64Array.from(rs, (r) => BigInt(r.offsetUs))) },
    timestampColumn(),
    timeSecondsColumn(options.startUs),
    { field: fieldWithUnit(valueName, new Float32(), false, layout.unit), build: (rs) => makeFloat32Data(Float32Array.from(rs, valueOf)) },
  ];
  const { unitOf } = layout;
  if (unitOf !== undefined) columns.push({ field: new Field('unit', new Utf8(), true), build: (rs) => makeUtf8Data(rs.map((r) => unitOf(labelOf(r)))) });
  const { schema, toBatch } = columnLayout(columns, tableMetadata(options));
  return {
    name: layout.table,
    schema,
    rowCountOf: () => 1,
    byteLengthOf: (record) => labelOf(record).length + 40,
    toBatch: (records) => toBatch(records, records.length),
  };
}
