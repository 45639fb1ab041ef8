import type { Duplex, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RecordBatch } from 'apache-arrow';
import { toSinkWritable } from './sinkWritable.js';
import type { TableSink } from './tableSink.js';

/**
 * Writes every batch of `source` (after the optional `stages`, e.g. records → `toRecordBatchStream`) to
 * `sink` with `pipeline` semantics: resolves once the output is complete; if the source, a stage or the
 * sink fails, all are destroyed, the output is aborted (no file appears) and the promise rejects with the
 * first error.
 *
 * Pass stages here rather than wrapping them in stream-chain's `chain()`: its outer Duplex queues up to
 * 16 finished batches when the sink is the slow end (measured: peak RSS grew with the input size; with
 * the stages given here it stayed flat).
 */
export async function writeTable(
  source: AsyncIterable<unknown> | Iterable<RecordBatch> | Readable,
  sink: TableSink,
  stages: readonly Duplex[] = [],
): Promise<void> {
  const writable = toSinkWritable(sink);
  try {
    await (pipeline as (...streams: unknown[]) => Promise<void>)(source, ...stages, writable);
  } catch (error) {
    // pipeline rejects as soon as a stream errors; the abort (temp file removal) runs in the sink's
    // destroy, which has finished only once the Writable emits 'close'.
    await closedOf(writable);
    throw error;
  }
}

function closedOf(writable: Writable): Promise<void> {
  return new Promise((resolve) => (writable.closed ? resolve() : writable.once('close', () => resolve())));
}
