import { Readable, type Duplex } from 'node:stream';
import type { Data, RecordBatch } from 'apache-arrow';
import { asStream, chainUnchecked, gen } from 'stream-chain';
import { asIsxError, IsxError } from '../errors.js';
import { releaseReadBuffer } from '../io/readBuffers.js';
import type { TableSink } from './tableSink.js';

/**
 * Records the source and each function stage may queue. stream-chain's default, 16 a side, let a movie
 * conversion hold about 50 frames of 2 MB between its stages (issue 9).
 */
const QUEUED_RECORDS = 2;

/** A stage between source and sink: a stream-chain function (record in; record, several or `none` out) or a Duplex. */
export type PipeStage = Duplex | ((item: never) => unknown);

export interface WriteTableOptions {
  /** Stop after this many rows (the last batch is cut). */
  limit?: number;
  /** Aborting stops the pump and aborts the sink (no output appears). */
  signal?: AbortSignal;
  /** Called after each batch is written, with the rows written so far. */
  onBatch?: (rowsWritten: number) => void;
}

/**
 * The one pump of isx-stream: moves `source` through `stages` into `sink` and returns the rows written.
 * The last stage must yield `RecordBatch`es (e.g. `toRecordBatchStream(table)`); with no stages the
 * source yields batches itself. The sink is closed on success (the output appears) and aborted on any
 * failure or abort (no output appears); the error is rethrown.
 *
 * Memory stays bounded by a few batches (design 7) only when no stream holds more than one finished
 * batch: give `toRecordBatchStream` (its own Duplex, one queued batch) as the last stage; the pump's
 * chain queues one more. Measured with a plain `toRecordBatches` function instead: both default to 16
 * queued objects, and RSS grew with the file (16 MiB batches: 250 → 490 MiB for 105 → 419 MB).
 *
 * Once a sink is done with a batch, every read buffer (lib/io/readBuffers.ts) that one of its columns
 * covers whole goes back for reuse: the frames of one read, batched together, are a view of their read
 * buffer (transforms/tables/columns.ts), and a later read overwrites it. So a stage that keeps a record's
 * typed arrays after passing the record on must copy them.
 */
export async function writeTable(
  source: AsyncIterable<unknown> | Iterable<unknown> | Readable,
  sink: TableSink,
  stages: readonly PipeStage[] = [],
  options: WriteTableOptions = {},
): Promise<number> {
  const { limit, signal } = options;
  const input = source instanceof Readable ? source : Readable.from(source, { objectMode: true, highWaterMark: QUEUED_RECORDS });
  const batches = stages.length === 0 ? input : chainUnchecked([input, ...boundedStreams(stages)], { readableHighWaterMark: 1 });
  const stop = (): void => {
    batches.destroy(abortedError(signal!));
  };
  signal?.addEventListener('abort', stop, { once: true });
  let rowsWritten = 0;
  try {
    signal?.throwIfAborted();
    for await (const produced of batches) {
      let batch = produced as RecordBatch;
      if (limit !== undefined && rowsWritten + batch.numRows > limit) batch = batch.slice(0, limit - rowsWritten);
      await sink.write(batch);
      if (sink.doneWithBatchOnWrite) releaseWholeReadBuffers(batch.data);
      rowsWritten += batch.numRows;
      options.onBatch?.(rowsWritten);
      if (limit !== undefined && rowsWritten >= limit) break;
    }
    signal?.throwIfAborted();
    await sink.close();
  } catch (error) {
    // The one error contract: an abort is E_ABORTED whatever the signal's reason; anything else not
    // already an IsxError (an apache-arrow RangeError building a batch, a caller's stage) is wrapped.
    const failure = signal?.aborted ? abortedError(signal) : asIsxError(error, 'writing the table');
    batches.destroy();
    await sink.abort(failure);
    throw failure;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  if (input !== batches) input.destroy();
  return rowsWritten;
}

function abortedError(signal: AbortSignal): IsxError {
  if (signal.reason instanceof IsxError && signal.reason.code === 'E_ABORTED') return signal.reason;
  const why = signal.reason instanceof Error ? `: ${signal.reason.message}` : '';
  return new IsxError('E_ABORTED', `stopped before the table was finished${why}`, { cause: signal.reason });
}

/**
 * Hands back the read buffers that a column's values cover whole. Only whole buffers: a read whose frames
 * went into two batches is still read by the other one.
 */
function releaseWholeReadBuffers(data: Data): void {
  const values = data.values as ArrayBufferView | undefined;
  if (values !== undefined && values.byteOffset === 0 && values.byteLength === values.buffer.byteLength) releaseReadBuffer(values.buffer);
  for (const child of data.children) releaseWholeReadBuffers(child);
}

/** Function stages as streams with small queues; consecutive functions run as one stage, as chain() does. */
function boundedStreams(stages: readonly PipeStage[]): Duplex[] {
  const streams: Duplex[] = [];
  let functions: ((item: never) => unknown)[] = [];
  const takeFunctions = (): void => {
    if (functions.length === 0) return;
    const fn = functions.length === 1 ? functions[0]! : gen(...(functions as never[]));
    streams.push(
      asStream(fn as (item: unknown) => unknown, {
        writableObjectMode: true,
        readableObjectMode: true,
        writableHighWaterMark: QUEUED_RECORDS,
        readableHighWaterMark: QUEUED_RECORDS,
      }),
    );
    functions = [];
  };
  for (const stage of stages) {
    if (typeof stage === 'function') {
      functions.push(stage);
    } else {
      takeFunctions();
      streams.push(stage);
    }
  }
  takeFunctions();
  return streams;
}
