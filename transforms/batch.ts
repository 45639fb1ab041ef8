import type { RecordBatch } from 'apache-arrow';
import type { Duplex } from 'node:stream';
import { asStream, flushable, many, none } from 'stream-chain';
import type { Flushable, Many } from 'stream-chain/defs.js';
import { IsxError } from '../lib/errors.js';
import type { TableSpec } from './tables/tableSpec.js';

export interface BatchOptions {
  /** Flush once this many rows are collected (default 65536). */
  batchRows?: number;
  /**
   * Most bytes of records in one batch (default 4 MiB): a batch is flushed before a record that would
   * pass it (a single larger record makes a batch of its own).
   */
  batchBytes?: number;
}

export const DEFAULT_BATCH_ROWS = 65_536;
/**
 * 4 MiB: small enough that a batch and its copies (an IPC hand-off, a row group being encoded) stay
 * cheap, large enough that per-batch costs vanish. 16 MiB batches forced a full GC per read and grew
 * parquet-wasm's memory, which never shrinks (issue 9).
 */
export const DEFAULT_BATCH_BYTES = 4 * 1024 * 1024;

/**
 * A stream-chain stage turning records into `RecordBatch`es of `table`: it collects records until a batch
 * holds `batchRows` rows or `batchBytes` bytes, then emits one batch, and emits the tail when the stream
 * ends. Memory is bounded by the batch size, not the input size (design 7). Records adding no rows (a
 * frame without tracking for the `tracking` table) are dropped. It emits nothing for an empty input: sinks
 * write the schema themselves, so a 0-row table is still a valid file.
 *
 * In a `chain`, a function stage becomes a stream holding up to 16 finished batches when the sink is
 * slower than the reader (measured: peak RSS grew with the file). For bounded memory use
 * `toRecordBatchStream` as a stage of `writeTable` (lib/sinks), outside `chain()`.
 */
export function toRecordBatches<R>(
  table: TableSpec<R>,
  options: BatchOptions = {},
): Flushable<R, RecordBatch | Many<RecordBatch> | typeof none> {
  const batchRows = checkedLimit('batchRows', options.batchRows ?? DEFAULT_BATCH_ROWS);
  const batchBytes = checkedLimit('batchBytes', options.batchBytes ?? DEFAULT_BATCH_BYTES);
  let records: R[] = [];
  let rows = 0;
  let bytes = 0;

  const takeBatch = (): RecordBatch | typeof none => {
    if (records.length === 0) return none;
    const batch = table.toBatch(records);
    records = [];
    rows = 0;
    bytes = 0;
    return batch;
  };

  return flushable(
    (record: R | typeof none) => {
      if (record === none) return takeBatch();
      const recordRows = table.rowCountOf(record);
      if (recordRows === 0) return none;
      const recordBytes = table.byteLengthOf(record);
      // Flushing before the record that would pass batchBytes, not after it, lets a batch end where a
      // source's read ends (frames() reads a little less than the default batch): its pixels are then
      // one view of the read buffer instead of a copy (columns.ts listValues).
      const full = records.length > 0 && bytes + recordBytes > batchBytes ? takeBatch() : none;
      records.push(record);
      rows += recordRows;
      bytes += recordBytes;
      if (rows < batchRows && bytes < batchBytes) return full;
      return full === none ? takeBatch() : many([full, takeBatch() as RecordBatch]);
    },
    null,
    () => {
      records = [];
    },
  );
}

/**
 * `toRecordBatches` as a Duplex that holds at most one finished batch and a few records: memory stays
 * bounded by about three batches (one being filled, one queued, one being written) whatever the input
 * size (design 7). Its input queue is small because records can be large (a 2 MB frame).
 */
export function toRecordBatchStream<R>(table: TableSpec<R>, options: BatchOptions = {}): Duplex {
  return asStream(toRecordBatches(table, options), {
    writableObjectMode: true,
    readableObjectMode: true,
    writableHighWaterMark: 2,
    readableHighWaterMark: 1,
  });
}

function checkedLimit(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new IsxError('E_ARGUMENT', `toRecordBatches: ${name} must be a whole number >= 1, found ${value}`);
  }
  return value;
}
