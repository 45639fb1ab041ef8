import type { RecordBatch, Schema } from 'apache-arrow';
import { IsxError } from '../errors.js';

/**
 * Refuses a batch whose columns differ from the schema the sink opened with: apache-arrow's writers would
 * otherwise start a new schema (or close) silently, and parquet-wasm would fail deep inside.
 */
export function checkBatchSchema(batch: RecordBatch, schema: Schema, destination: string): void {
  const found = batch.schema.fields;
  const same =
    found.length === schema.fields.length &&
    found.every((f, i) => f.name === schema.fields[i]!.name && String(f.type) === String(schema.fields[i]!.type));
  if (!same) {
    const describe = (s: Schema | RecordBatch['schema']) => s.fields.map((f) => `${f.name}: ${f.type}`).join(', ');
    throw new IsxError('E_ARGUMENT', `batch columns (${describe(batch.schema)}) differ from the table's schema (${describe(schema)})`, {
      path: destination,
    });
  }
}
