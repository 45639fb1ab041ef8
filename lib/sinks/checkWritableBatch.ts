import type { RecordBatch, Schema } from 'apache-arrow';
import { IsxError } from '../errors.js';
import type { ByteDestination } from './byteDestination.js';

/**
 * Refuses a batch whose columns differ from the schema the sink opened with: apache-arrow's writers would
 * otherwise start a new schema (or close) silently, and parquet-wasm would fail deep inside.
 */
function checkBatchSchema(batch: RecordBatch, schema: Schema, destination: string): void {
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

/** What every sink checks before encoding a batch: it is still open, and the batch has its schema. */
export function checkWritableBatch(done: boolean, batch: RecordBatch, schema: Schema, destination: ByteDestination): void {
  if (done) throw new IsxError('E_ARGUMENT', 'table sink is already closed', { path: destination.name });
  checkBatchSchema(batch, schema, destination.name);
}
