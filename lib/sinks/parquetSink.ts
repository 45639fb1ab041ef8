import type { Writable } from 'node:stream';
import { DataType, RecordBatchStreamWriter, type Field, type RecordBatch, type Schema } from 'apache-arrow';
import * as parquet from 'parquet-wasm';
import { IsxError } from '../errors.js';
import { openDestination, type ByteDestination, type DestinationOptions } from './byteDestination.js';
import { makeEmptyBatch } from './emptyBatch.js';
import { checkBatchSchema } from './schemaCheck.js';
import type { TableSink } from './tableSink.js';

export const PARQUET_CODECS = ['uncompressed', 'snappy', 'zstd', 'lz4', 'gzip', 'brotli'] as const;
export type ParquetCodec = (typeof PARQUET_CODECS)[number];

const CODECS: Record<ParquetCodec, parquet.Compression> = {
  uncompressed: parquet.Compression.UNCOMPRESSED,
  snappy: parquet.Compression.SNAPPY,
  zstd: parquet.Compression.ZSTD,
  // LZ4_RAW: the plain "LZ4" codec is deprecated in the Parquet format and read inconsistently.
  lz4: parquet.Compression.LZ4_RAW,
  gzip: parquet.Compression.GZIP,
  brotli: parquet.Compression.BROTLI,
};

export interface ParquetSinkOptions extends DestinationOptions {
  /** Default zstd. */
  compression?: ParquetCodec;
  /** Rows per row group. Default: as many as fit in `rowGroupBytes`. */
  rowGroupRows?: number;
  /** Target uncompressed bytes per row group when `rowGroupRows` is not given (default 64 MiB). */
  rowGroupBytes?: number;
}

export const DEFAULT_ROW_GROUP_BYTES = 64 * 1024 * 1024;
/** arrow-rs's own default row group length, kept as the cap for narrow tables. */
const MAX_ROW_GROUP_ROWS = 1024 * 1024;

/**
 * Parquet output through parquet-wasm's streaming writer (`transformParquetStream`, arrow-rs
 * AsyncArrowWriter): each batch crosses into wasm as Arrow IPC, and a row group's bytes come out as soon as
 * it holds `rowGroupRows` rows, so memory is bounded by one row group plus one batch, not by the file.
 * (Its byte limit, `setMaxRowGroupBytes`, does not end row groups in 0.8 — measured — so groups are sized
 * in rows from the schema's row width.) wasm memory grows to the largest row group and never shrinks.
 */
export class ParquetSink implements TableSink {
  private controller!: ReadableStreamDefaultController<parquet.RecordBatch>;
  private pulled: (() => void) | undefined;
  private wroteBatch = false;
  private done = false;
  private failure: unknown;
  private readonly pump: Promise<void>;

  private constructor(
    private readonly destination: ByteDestination,
    private readonly schema: Schema,
    properties: parquet.WriterProperties,
  ) {
    const input = new ReadableStream<parquet.RecordBatch>({
      start: (controller) => {
        this.controller = controller;
      },
      pull: () => {
        this.pulled?.();
        this.pulled = undefined;
      },
    });
    // transformParquetStream resolves only once the first batch arrived (it needs the schema); the pump
    // therefore starts now and writes row groups as they are finished.
    this.pump = parquet
      .transformParquetStream(input, properties)
      .then((output: ReadableStream<Uint8Array>) => this.copyOut(output))
      .catch((cause: unknown) => {
        this.failure ??= parquetError(destination.name, cause);
      });
  }

  static async open(destination: string | Writable, schema: Schema, options: ParquetSinkOptions = {}): Promise<ParquetSink> {
    const properties = writerProperties(schema, options);
    return new ParquetSink(await openDestination(destination, options), schema, properties);
  }

  async write(batch: RecordBatch): Promise<void> {
    if (this.done) throw new IsxError('E_ARGUMENT', 'table sink is already closed', { path: this.destination.name });
    checkBatchSchema(batch, this.schema, this.destination.name);
    this.throwIfFailed();
    if (batch.numRows === 0) return;
    await this.enqueue(batch);
  }

  async close(): Promise<void> {
    if (this.done) return;
    try {
      // An empty table still needs one (0-row) batch for the writer to learn the schema.
      if (!this.wroteBatch) await this.enqueue(makeEmptyBatch(this.schema));
      this.done = true;
      this.controller.close();
      await this.pump;
      this.throwIfFailed();
      await this.destination.finish();
    } catch (error) {
      this.done = true;
      await this.destination.abort();
      throw error;
    }
  }

  async abort(reason?: unknown): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.failure ??= reason ?? new IsxError('E_IO', 'output aborted', { path: this.destination.name });
    this.controller.error(this.failure);
    this.pulled?.();
    await this.pump;
    await this.destination.abort();
  }

  /** Hands one batch to wasm, waiting while the writer is still busy with the previous one (backpressure). */
  private async enqueue(batch: RecordBatch): Promise<void> {
    while ((this.controller.desiredSize ?? 0) <= 0 && this.failure === undefined) {
      await new Promise<void>((resolve) => (this.pulled = resolve));
    }
    this.throwIfFailed();
    const table = parquet.Table.fromIPCStream(RecordBatchStreamWriter.writeAll([batch]).toUint8Array(true));
    try {
      for (const wasmBatch of table.recordBatches()) this.controller.enqueue(wasmBatch);
    } finally {
      table.free();
    }
    this.wroteBatch = true;
  }

  private async copyOut(output: ReadableStream<Uint8Array>): Promise<void> {
    const reader = output.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        await this.destination.write(value);
      }
    } catch (cause) {
      this.failure ??= cause;
      this.pulled?.();
      await reader.cancel(cause).catch(() => undefined);
    }
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

function writerProperties(schema: Schema, options: ParquetSinkOptions): parquet.WriterProperties {
  const codec = options.compression ?? 'zstd';
  if (!(codec in CODECS)) {
    throw new IsxError('E_ARGUMENT', `unknown Parquet compression "${codec}"; expected one of ${PARQUET_CODECS.join(', ')}`);
  }
  return new parquet.WriterPropertiesBuilder()
    .setCompression(CODECS[codec])
    .setMaxRowGroupSize(options.rowGroupRows ?? rowsPerGroup(schema, options.rowGroupBytes ?? DEFAULT_ROW_GROUP_BYTES))
    .setStatisticsEnabled(parquet.EnabledStatistics.Chunk)
    .setKeyValueMetadata(new Map(schema.metadata))
    .setCreatedBy('isx-stream')
    .build();
}

/** Rows whose uncompressed size is about `groupBytes` (at least 1, at most arrow-rs's default). */
export function rowsPerGroup(schema: Schema, groupBytes: number): number {
  const rowBytes = schema.fields.reduce((sum, f) => sum + estimateBytes(f), 0);
  return Math.max(1, Math.min(MAX_ROW_GROUP_ROWS, Math.floor(groupBytes / rowBytes)));
}

/** Width of one value; variable-length values are guessed (JPEG frames: 64 KiB). */
function estimateBytes(field: Field): number {
  const type = field.type;
  if (DataType.isFixedSizeList(type)) return type.listSize * estimateBytes(type.children[0]!);
  if (DataType.isBinary(type)) return 64 * 1024;
  if (DataType.isUtf8(type)) return 32;
  if (DataType.isList(type)) return 64 * 1024;
  if (DataType.isDictionary(type)) return 1;
  if (DataType.isInt(type)) return type.bitWidth / 8;
  if (DataType.isFloat(type)) return [2, 4, 8][type.precision]!;
  return 8;
}

function parquetError(path: string, cause: unknown): IsxError {
  if (cause instanceof IsxError) return cause;
  return new IsxError('E_IO', `writing Parquet failed: ${cause instanceof Error ? cause.message : String(cause)}`, { path, cause });
}
