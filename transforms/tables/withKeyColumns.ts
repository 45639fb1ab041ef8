import { Field, Schema, Utf8 } from 'apache-arrow';
import { IsxError } from '../../lib/errors.js';
import { makeBatch, makeUtf8Data } from './columns.js';
import type { TableSpec } from './tableSpec.js';

/** A string key of a recording and its value (`recording`, `subject`, `kind`, ...). */
export type KeyValue = readonly [name: string, value: string];

/**
 * `spec` with one constant utf8 column per key appended, the same value in every row: the keys of a
 * recording that are not Hive partition folders, so that flat outputs, stdout streams and `cat` carry
 * them too (issue 10.1). Works for any table; a key named like one of the table's columns is refused.
 */
export function withKeyColumns<R>(spec: TableSpec<R>, keys: readonly KeyValue[]): TableSpec<R> {
  if (keys.length === 0) return spec;
  for (const [name] of keys) {
    if (spec.schema.fields.some((field) => field.name === name)) {
      throw new IsxError('E_ARGUMENT', `key "${name}" is also a column of the ${spec.name} table: rename the key`);
    }
  }
  const schema = new Schema([...spec.schema.fields, ...keys.map(([name]) => new Field(name, new Utf8(), false))], spec.schema.metadata);
  const keyBytes = keys.reduce((sum, [, value]) => sum + Buffer.byteLength(value, 'utf8') + 4, 0);
  return {
    name: spec.name,
    schema,
    rowCountOf: (record) => spec.rowCountOf(record),
    byteLengthOf: (record) => spec.byteLengthOf(record) + spec.rowCountOf(record) * keyBytes,
    // Parquet sizes row groups by it: without it a frames table's groups held the whole movie in wasm.
    ...(spec.rowBytes === undefined ? {} : { rowBytes: spec.rowBytes + keyBytes }),
    toBatch(records) {
      const batch = spec.toBatch(records);
      const keyColumns = keys.map(([, value]) => makeUtf8Data([value], [batch.numRows]));
      return makeBatch(schema, [...batch.data.children, ...keyColumns], batch.numRows);
    },
  };
}
