import type { RecordBatch } from 'apache-arrow';

/**
 * Batches to one output. `close` finishes the output (a path appears only then, atomically); `abort`
 * removes what was written. After either, the sink takes no more batches. Every batch must have the schema
 * the sink was opened with.
 */
export interface TableSink {
  /**
   * True when `write` is done with the batch's buffers once it resolves (encoded, copied or written
   * out), so the pump may hand read buffers back for reuse. Absent: false (the sink may keep them).
   */
  readonly doneWithBatchOnWrite?: boolean;
  write(batch: RecordBatch): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}
