import { Field, Float32, Int32, Int64, Utf8 } from 'apache-arrow';
import { makeFloat32Data, makeInt32Data, makeInt64Data, makeUtf8Data, timestampColumn } from './columns.js';
import { columnLayout, tableMetadata, type TableSource, type TableSpec } from './tableSpec.js';

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
}

/** One row per record: owner index and name, offset and timestamp (µs), float32 value (design 5). */
export function timedValuesTable<R extends TimedValue>(options: TableSource, layout: TimedValueLayout<R>): TableSpec<R> {
  const [indexName, indexOf] = layout.index;
  const [labelName, labelOf] = layout.label;
  const [valueName, valueOf] = layout.value;
  const { schema, toBatch } = columnLayout<readonly R[]>(
    [
      { field: new Field(indexName, new Int32(), false), build: (rs) => makeInt32Data(Int32Array.from(rs, indexOf)) },
      { field: new Field(labelName, new Utf8(), false), build: (rs) => makeUtf8Data(rs.map(labelOf)) },
      { field: new Field('offset_us', new Int64(), false), build: (rs) => makeInt64Data(BigInt64Array.from(rs, (r) => BigInt(r.offsetUs))) },
      timestampColumn(),
      { field: new Field(valueName, new Float32(), false), build: (rs) => makeFloat32Data(Float32Array.from(rs, valueOf)) },
    ],
    tableMetadata(options),
  );
  return {
    name: layout.table,
    schema,
    rowCountOf: () => 1,
    byteLengthOf: (record) => labelOf(record).length + 24,
    toBatch: (records) => toBatch(records, records.length),
  };
}
