import { Field, Schema } from 'apache-arrow';
import { IsxError } from '../../lib/errors.js';
import { FixedDictionary, makeBatch } from './columns.js';
import type { TableSpec } from './tableSpec.js';

/** A string key of a recording and its value (`recording`, `subject`, `kind`, ...). */
export type KeyValue = readonly [name: string, value: string];

/** Dictionary ids of key columns: after those of the tables' own categorical columns (0, 1). */
const FIRST_KEY_DICTIONARY_ID = 100;

/**
 * `spec` with one constant column per key appended, the same value in every row: the keys of a recording
 * that are not Hive partition folders, so that flat outputs, stdout streams and `cat` carry them too
 * (issue 10.1). Each is a dictionary<utf8, int8> of its one value: one byte per row, where the text in
 * every row of a 36 M-row traces table made its Arrow file 2.7 GB and its Parquet conversion 1.5x slower.
 * Works for any table; a key named like one of the table's columns is refused.
 */
export function withKeyColumns<R>(spec: TableSpec<R>, keys: readonly KeyValue[]): TableSpec<R> {
  if (keys.length === 0) return spec;
  for (const [name] of keys) {
    if (spec.schema.fields.some((field) => field.name === name)) {
      throw new IsxError('E_ARGUMENT', `key "${name}" is also a column of the ${spec.name} table: rename the key`);
    }
  }
  const dictionaries = keys.map(([, value], i) => new FixedDictionary(FIRST_KEY_DICTIONARY_ID + i, [value]));
  const schema = new Schema([...spec.schema.fields, ...keys.map(([name], i) => new Field(name, dictionaries[i]!.type, false))], spec.schema.metadata);
  const keyBytes = keys.length;
  return {
    name: spec.name,
    schema,
    rowCountOf: (record) => spec.rowCountOf(record),
    byteLengthOf: (record) => spec.byteLengthOf(record) + spec.rowCountOf(record) * keyBytes,
    // Parquet sizes row groups by it: without it a frames table's groups held the whole movie in wasm.
    ...(spec.rowBytes === undefined ? {} : { rowBytes: spec.rowBytes + keyBytes }),
    toBatch(records) {
      const batch = spec.toBatch(records);
      const keyColumns = keys.map(([, value], i) => dictionaries[i]!.makeData([value], [batch.numRows]));
      return makeBatch(schema, [...batch.data.children, ...keyColumns], batch.numRows);
    },
  };
}
