import { AsyncByteQueue, RecordBatchFileWriter, RecordBatchStreamWriter, type RecordBatch, type Schema } from 'apache-arrow';
import { asIsxError } from '../errors.js';
import { openDestination, type ByteDestination, type DestinationOptions, type SinkDestination } from './byteDestination.js';
import { checkWritableBatch } from './checkWritableBatch.js';
import { finishOrAbort } from './finishOrAbort.js';
import type { TableSink } from './tableSink.js';

/** `file`: the IPC file format (`.arrow`, random access); `stream`: the IPC stream format (`.arrows`). */
export type ArrowIpcFormat = 'file' | 'stream';

/**
 * Catches the writer's output pieces synchronously instead of queueing them for an async reader, so each
 * batch's bytes go to the destination before the next batch is taken (bounded memory, backpressure).
 */
class PieceCollector extends AsyncByteQueue {
  pieces: Uint8Array[] = [];

  override write(value: Uint8Array): void {
    if (value.byteLength > 0) this.pieces.push(value);
  }

  take(): Uint8Array[] {
    const pieces = this.pieces;
    this.pieces = [];
    return pieces;
  }
}

/**
 * Arrow IPC output. The schema (and for the file format its magic) is written at open, so a table with no
 * batches is still a valid file; one fixed dictionary per categorical column keeps the file format valid.
 */
export class ArrowIpcSink implements TableSink {
  private done = false;
  /** A file is written before `write` resolves; a stream may still hold the batch's buffers. */
  readonly doneWithBatchOnWrite: boolean;

  private constructor(
    private readonly writer: RecordBatchFileWriter | RecordBatchStreamWriter,
    private readonly collector: PieceCollector,
    private readonly destination: ByteDestination,
    private readonly schema: Schema,
  ) {
    this.doneWithBatchOnWrite = destination.writtenOnResolve;
  }

  static async open(
    destination: SinkDestination,
    schema: Schema,
    format: ArrowIpcFormat,
    options: DestinationOptions = {},
  ): Promise<ArrowIpcSink> {
    const collector = new PieceCollector();
    const writer = format === 'file' ? new RecordBatchFileWriter() : new RecordBatchStreamWriter();
    writer.reset(collector, schema);
    const sink = new ArrowIpcSink(writer, collector, await openDestination(destination, options), schema);
    await sink.drain();
    return sink;
  }

  async write(batch: RecordBatch): Promise<void> {
    checkWritableBatch(this.done, batch, this.schema, this.destination);
    try {
      this.writer.write(batch);
    } catch (cause) {
      throw asIsxError(cause, 'encoding Arrow IPC', this.destination.name);
    }
    await this.drain();
  }

  async close(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await finishOrAbort(this.destination, async () => {
      this.writer.close();
      await this.drain();
    });
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.destination.abort();
  }

  private async drain(): Promise<void> {
    for (const piece of this.collector.take()) await this.destination.write(piece);
  }
}
