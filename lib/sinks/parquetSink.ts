import { DataType, RecordBatch, RecordBatchStreamWriter, Schema, type Field } from 'apache-arrow';
import type * as ParquetWasm from 'parquet-wasm';
import { IsxError } from '../errors.js';
import { embeddedSchema } from './embeddedSchema.js';
import { packageVersion } from '../core/packageVersion.js';
import { openDestination, type ByteDestination, type DestinationOptions, type SinkDestination } from './byteDestination.js';
import { makeEmptyBatch } from './emptyBatch.js';
import { checkWritableBatch } from './checkWritableBatch.js';
import { finishOrAbort } from './finishOrAbort.js';
import type { TableSink } from './tableSink.js';
import { FlatParquetSink } from './flatParquetSink.js';
import { parquetError } from './parquetError.js';
import { PARQUET_CODECS, type ParquetCodec } from './formats.js';
import { estimateBytes, rowGroupRows, type RowGroupSizing } from './parquetRowGroups.js';


const CODECS: Record<ParquetCodec, keyof typeof ParquetWasm.Compression> = {
  uncompressed: 'UNCOMPRESSED',
  snappy: 'SNAPPY',
  zstd: 'ZSTD',
  // LZ4_RAW: the plain "LZ4" codec is deprecated in the Parquet format and read inconsistently.
  lz4: 'LZ4_RAW',
  gzip: 'GZIP',
  brotli: 'BROTLI',
};

/** parquet-wasm, loaded when the first Parquet output opens: a program that writes no Parquet never pays for it. */
type ParquetModule = typeof ParquetWasm;

export interface ParquetSinkOptions extends DestinationOptions, RowGroupSizing {
  /**
   * One codec for every column. Default: zstd, except lz4 for bulk columns (pixels, JPEGs, whole traces)
   * next to flat ones, see writerProperties.
   */
  compression?: ParquetCodec;
  /**
   * Threads encoding row groups of a flat table (zstd or uncompressed; see FlatParquetSink). Default: one
   * less than the cores, at most 2, when row groups are at least 1 MiB; else 0 (encoded on the calling
   * thread).
   */
  encodeThreads?: number;
}

/**
 * 16 MiB row groups and hand-offs of at most 2 MiB: parquet-wasm's linear memory grows to hold the
 * largest hand-off (as Arrow IPC, then decoded) plus the row group being encoded, and never shrinks.
 * With 64 MiB groups and 16 MiB hand-offs a movie conversion peaked at 550-640 MB RSS, growing with the
 * file; with these sizes it stays flat (issue 9, bench/run.ts).
 */
const MAX_HANDOFF_BYTES = 2 * 1024 * 1024;

/**
 * Parquet output through parquet-wasm's streaming writer (`transformParquetStream`, arrow-rs
 * AsyncArrowWriter): each batch crosses into wasm as Arrow IPC, and a row group's bytes come out as soon as
 * it holds `batchRows` rows, so memory is bounded by one row group plus one batch, not by the file.
 * (Its byte limit, `setMaxRowGroupBytes`, does not end row groups in 0.8 — measured — so groups are sized
 * in rows from the schema's row width.) wasm memory grows to the largest row group and never shrinks.
 */
export class ParquetSink implements TableSink {
  /** Each slice crosses into wasm as an IPC copy before `write` resolves. */
  readonly doneWithBatchOnWrite = true;
  private controller!: ReadableStreamDefaultController<ParquetWasm.RecordBatch>;
  private pulled: (() => void) | undefined;
  private wroteBatch = false;
  private done = false;
  private failure: unknown;
  private readonly pump: Promise<void>;
  /** The schema batches cross into wasm with: arrow-rs embeds it as `ARROW:schema` (embeddedSchema.ts). */
  private readonly wasmSchema: Schema;

  private constructor(
    private readonly parquet: ParquetModule,
    private readonly destination: ByteDestination,
    private readonly schema: Schema,
    properties: ParquetWasm.WriterProperties,
  ) {
    this.wasmSchema = embeddedSchema(schema);
    const input = new ReadableStream<ParquetWasm.RecordBatch>({
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

  /**
   * A Parquet output: flat tables with zstd or no compression go to FlatParquetSink (several times
   * faster on long tables), every other table and codec to parquet-wasm.
   */
  static async open(destination: SinkDestination, schema: Schema, options: ParquetSinkOptions = {}): Promise<TableSink> {
    const codec = options.compression ?? 'zstd';
    if (!(codec in CODECS)) {
      throw new IsxError('E_ARGUMENT', `unknown Parquet compression "${codec}"; expected one of ${PARQUET_CODECS.join(', ')}`);
    }
    const plans = codec === 'zstd' || codec === 'uncompressed' ? FlatParquetSink.plansFor(schema) : undefined;
    if (plans !== undefined) return FlatParquetSink.open(destination, schema, plans, options);
    const parquet = await import('parquet-wasm');
    const properties = writerProperties(parquet, schema, options);
    return new ParquetSink(parquet, await openDestination(destination, options), schema, properties);
  }

  async write(batch: RecordBatch): Promise<void> {
    checkWritableBatch(this.done, batch, this.schema, this.destination);
    this.throwIfFailed();
    if (batch.numRows === 0) return;
    await this.enqueue(batch);
  }

  async close(): Promise<void> {
    if (this.done) return;
    await finishOrAbort(this.destination, async () => {
      try {
        // An empty table still needs one (0-row) batch for the writer to learn the schema.
        if (!this.wroteBatch) await this.enqueue(makeEmptyBatch(this.schema));
      } finally {
        this.done = true;
      }
      this.controller.close();
      await this.pump;
      this.throwIfFailed();
    });
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

  /**
   * Hands one batch to wasm in slices of at most MAX_HANDOFF_BYTES (at least one row), each after the
   * writer has taken the previous one (backpressure).
   */
  private async enqueue(batch: RecordBatch): Promise<void> {
    const rowBytes = batch.numRows === 0 ? 0 : batch.data.byteLength / batch.numRows;
    const sliceRows = Math.max(1, Math.floor(MAX_HANDOFF_BYTES / Math.max(1, rowBytes)));
    let start = 0;
    do {
      const slice = batch.numRows <= sliceRows ? batch : batch.slice(start, start + sliceRows);
      await this.enqueueSlice(slice);
      start += sliceRows;
    } while (start < batch.numRows);
    this.wroteBatch = true;
  }

  private async enqueueSlice(batch: RecordBatch): Promise<void> {
    while ((this.controller.desiredSize ?? 0) <= 0 && this.failure === undefined) {
      await new Promise<void>((resolve) => (this.pulled = resolve));
    }
    this.throwIfFailed();
    let table: ParquetWasm.Table;
    try {
      table = this.parquet.Table.fromIPCStream(RecordBatchStreamWriter.writeAll([new RecordBatch(this.wasmSchema, batch.data)]).toUint8Array(true));
    } catch (cause) {
      throw parquetError(this.destination.name, cause);
    }
    try {
      for (const wasmBatch of table.recordBatches()) this.controller.enqueue(wasmBatch);
    } finally {
      table.free();
    }
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
      this.failure ??= parquetError(this.destination.name, cause);
      this.pulled?.();
      await reader.cancel(cause).catch(() => undefined);
    }
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

/**
 * parquet-wasm's writer settings (tables with lists or binary columns, and flat tables written with a codec
 * other than zstd or none), chosen by measurement (bench/parquetOptions.ts, bench/RESULTS.md) on 512x512
 * uint16 frames; FlatParquetSink encodes flat columns the same way (delta integers, byte-stream-split floats,
 * dictionary text, statistics on integers):
 * - V2 data pages: arrow-rs then falls back to DELTA_BINARY_PACKED for integer columns, so neighbouring
 *   pixels are stored as small deltas; zstd runs 2-3x faster on that and the file is ~4x smaller than
 *   PLAIN or dictionary pages (V1: 15-20 MB/s, 56-59% of the input; V2: 40-70 MB/s, 14%).
 * - 64 Ki values per write batch instead of 1024: arrow-rs's per-batch bookkeeping (level and page-size
 *   checks) dominated once pages were cheap (38 → 61-69 MB/s).
 * - Dictionaries only for text and categorical columns. Hashing every pixel for a dictionary that never pays
 *   off cost 3x on frames; on a long traces table (one row per cell and sample) dictionaries on sample
 *   index, timestamp and value cost 1.8x and made the file 1.5x larger than V2's delta/plain pages.
 * - Chunk statistics on every column except bulk ones (pixels, JPEGs, whole traces): pixel min/max cost ~30%.
 * - Default codec: zstd, but lz4 for the bulk columns of a table that also has flat ones (a movie's pixels).
 *   On 12-bit calcium-like frames (bench/makeMovie.ts) writing took ~1.5x less CPU with lz4 pixel pages
 *   for ~14% more bytes (50.6% vs 44.5% of the input), since the delta encoding already removed most
 *   redundancy (issue 9, README's performance section); the small columns keep zstd. parquet-wasm names
 *   only top-level columns, so bulk leaves take the default and flat columns opt in.
 * - No statistics on text columns (names, statuses): per-row string min/max was a quarter of a long
 *   table's encoding time (issue 9), and their dictionary pages already list every value.
 * - BYTE_STREAM_SPLIT for flat float columns (a long table's `value`): zstd packs the split exponent
 *   bytes far better (issue 9's prototype: 1.34x with the statistics change, 16% smaller; 36 M trace rows
 *   now take 110 MB, DuckDB's zstd file of the same rows 177 MB).
 */
function writerProperties(parquet: ParquetModule, schema: Schema, options: ParquetSinkOptions): ParquetWasm.WriterProperties {
  const codec = options.compression ?? 'zstd';
  const hasBulk = schema.fields.some(isBulk);
  const bulkCodec = options.compression ?? (hasBulk ? 'lz4' : codec);
  let builder = new parquet.WriterPropertiesBuilder()
    .setCompression(parquet.Compression[CODECS[bulkCodec]])
    .setWriterVersion(parquet.WriterVersion.V2)
    .setWriteBatchSize(WRITE_BATCH_VALUES)
    .setMaxRowGroupSize(rowGroupRows(schema, options))
    .setDictionaryEnabled(false)
    .setStatisticsEnabled(parquet.EnabledStatistics.Chunk)
    .setKeyValueMetadata(new Map(schema.metadata))
    .setCreatedBy(`isx-stream version ${packageVersion()}`);
  // parquet-wasm 0.8 turns a column name into a one-part path, so a nested leaf ("pixels.list.item") can
  // never be named: when bulk columns exist the defaults serve them and each flat column opts back in.
  if (hasBulk) builder = builder.setStatisticsEnabled(parquet.EnabledStatistics.None);
  for (const field of schema.fields) {
    if (isBulk(field) || isNested(field)) continue;
    if (bulkCodec !== codec) builder = builder.setColumnCompression(field.name, parquet.Compression[CODECS[codec]]);
    if (hasBulk) builder = builder.setColumnStatisticsEnabled(field.name, parquet.EnabledStatistics.Chunk);
    if (DataType.isFloat(field.type)) builder = builder.setColumnEncoding(field.name, parquet.Encoding.BYTE_STREAM_SPLIT);
    if (DataType.isUtf8(field.type) || DataType.isDictionary(field.type)) {
      builder = builder.setColumnDictionaryEnabled(field.name, true).setColumnStatisticsEnabled(field.name, parquet.EnabledStatistics.None);
    }
  }
  return builder.build();
}

/** Values arrow-rs encodes per step (its default, 1024, made the per-step overhead dominate on frames). */
const WRITE_BATCH_VALUES = 64 * 1024;
/** A value wider than this (a frame, a JPEG, a whole trace) is bulk data: no dictionary, no statistics. */
const BULK_VALUE_BYTES = 1024;

function isBulk(field: Field): boolean {
  return estimateBytes(field) > BULK_VALUE_BYTES;
}

/** Columns whose Parquet leaves sit below the top level (and so cannot be named in parquet-wasm 0.8). */
function isNested(field: Field): boolean {
  const type = field.type;
  return DataType.isList(type) || DataType.isFixedSizeList(type) || DataType.isStruct(type) || DataType.isMap(type) || DataType.isLargeList(type);
}
