import { availableParallelism } from 'node:os';
import { RecordBatch, RecordBatchStreamWriter, Schema } from 'apache-arrow';
import { IsxError } from '../errors.js';
import { packageVersion } from '../core/packageVersion.js';
import { columnPlan, type ColumnPlan } from '../parquet/columnChunk.js';
import { EncoderPool, encoderThreadsAvailable } from '../parquet/encoderPool.js';
import { encodeRowGroup, type Compress, type EncodedChunk } from '../parquet/encodeRowGroup.js';
import { Codec, fileMetaData, type ColumnChunkMeta, type RowGroupMeta } from '../parquet/format.js';
import { loadZstd } from '../parquet/zstd.js';
import { openDestination, type ByteDestination, type SinkDestination } from './byteDestination.js';
import { checkWritableBatch } from './checkWritableBatch.js';
import { makeEmptyBatch } from './emptyBatch.js';
import { finishOrAbort } from './finishOrAbort.js';
import { embeddedSchema } from './embeddedSchema.js';
import { parquetError } from './parquetError.js';
import type { ParquetSinkOptions } from './parquetSink.js';
import { rowBytes, rowGroupRows } from './parquetRowGroups.js';
import type { TableSink } from './tableSink.js';

const MAGIC = new TextEncoder().encode('PAR1');

/**
 * Encoder threads by default: one core is left to the calling thread, which reads the input and builds
 * the batches (about a third of the work on a long table), and at most two. On this 2-core machine one
 * thread took the 36 M-row traces table from 6.6 to 6.0 s (medians of three, alternating) and a second
 * gained nothing more while adding ~100 MB of memory (each thread loads apache-arrow).
 */
function defaultThreads(): number {
  return Math.max(0, Math.min(2, availableParallelism() - 1));
}

/**
 * Each column of a row group is one page, whose size Parquet stores as an int32: at 8 bytes a value, 2^27
 * rows make 1 GiB, half that limit.
 */
const MAX_GROUP_ROWS = 2 ** 27;

/**
 * Row groups smaller than this are encoded on the calling thread: handing them to a thread would cost
 * about what encoding them does, and a small table would pay the threads' start-up (~0.1 s each).
 */
const MIN_THREADED_GROUP_BYTES = 1024 * 1024;

/**
 * Parquet output of flat tables (numbers, booleans, text, UTC microsecond timestamps), encoded here
 * instead of in parquet-wasm. A long table repeats each cell's name and status over thousands of rows;
 * arrow-rs hashes every one of them, and wasm encoding of the 36 M-row traces table took 16 s of its 20
 * (issue 9). Here a repeated value costs one comparison and an RLE run, integers are delta-encoded and
 * floats byte-stream-split as parquet-wasm does, and only zstd (a wasm build of the reference library)
 * touches every byte. Each row group is one V2 data page per column (after a dictionary page for text),
 * encoded as soon as its rows are in; large row groups go to encoder threads in turn (`encodeThreads`)
 * and are written in order, so memory holds about one row group per thread. The footer is written on
 * close. parquetSink.ts chooses this writer for flat tables with zstd or no compression.
 */
export class FlatParquetSink implements TableSink {
  private pending: RecordBatch[] = [];
  private pendingRows = 0;
  private offset = 0;
  private numRows = 0;
  private readonly rowGroups: RowGroupMeta[] = [];
  /** Row groups handed to encoder threads, oldest first. */
  private readonly encoding: Promise<EncodedChunk[]>[] = [];
  private pool: EncoderPool | undefined;
  private done = false;

  private constructor(
    private readonly destination: ByteDestination,
    private readonly schema: Schema,
    private readonly plans: ColumnPlan[],
    private readonly compress: Compress | undefined,
    private readonly groupRows: number,
    private readonly threads: number,
  ) {}

  /** The column plans of a schema this writer stores, or undefined when one column is not flat. */
  static plansFor(schema: Schema): ColumnPlan[] | undefined {
    const plans = schema.fields.map(columnPlan);
    return plans.every((p) => p !== undefined) ? (plans as ColumnPlan[]) : undefined;
  }

  static async open(destination: SinkDestination, schema: Schema, plans: ColumnPlan[], options: ParquetSinkOptions): Promise<FlatParquetSink> {
    const groupRows = rowGroupRows(schema, options);
    if (groupRows > MAX_GROUP_ROWS) {
      throw new IsxError('E_ARGUMENT', `${groupRows} rows per row group is more than one Parquet page of this writer holds; use at most ${MAX_GROUP_ROWS}`);
    }
    const compress = options.compression === 'uncompressed' ? undefined : await loadZstd();
    const groupBytes = groupRows * rowBytes(schema, options);
    const wanted = options.encodeThreads ?? (groupBytes >= MIN_THREADED_GROUP_BYTES ? defaultThreads() : 0);
    const threads = wanted > 0 && encoderThreadsAvailable() ? wanted : 0;
    const output = await openDestination(destination, options);
    const sink = new FlatParquetSink(output, schema, plans, compress, groupRows, threads);
    try {
      await sink.emit(MAGIC);
    } catch (error) {
      await output.abort();
      throw error;
    }
    return sink;
  }

  async write(batch: RecordBatch): Promise<void> {
    checkWritableBatch(this.done, batch, this.schema, this.destination);
    if (batch.numRows === 0) return;
    this.pending.push(batch);
    this.pendingRows += batch.numRows;
    while (this.pendingRows >= this.groupRows) await this.encodeRowGroup(this.takeRows(this.groupRows));
  }

  async close(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      await finishOrAbort(this.destination, async () => {
        if (this.pendingRows > 0) await this.encodeRowGroup(this.takeRows(this.pendingRows));
        while (this.encoding.length > 0) await this.writeOldest();
        const footer = fileMetaData({
          leaves: this.plans.map((p) => p.leaf),
          numRows: this.numRows,
          rowGroups: this.rowGroups,
          keyValues: [...this.schema.metadata, ['ARROW:schema', arrowSchemaText(this.schema)]],
          createdBy: `isx-stream version ${packageVersion()}`,
        });
        const length = new Uint8Array(4);
        new DataView(length.buffer).setUint32(0, footer.length, true);
        await this.emit(footer, length, MAGIC);
      });
    } finally {
      await this.pool?.close();
    }
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.pending = [];
    await this.pool?.close();
    await this.destination.abort();
  }

  /** The first `rows` pending rows, as batches (the last one cut). */
  private takeRows(rows: number): RecordBatch[] {
    const taken: RecordBatch[] = [];
    let needed = rows;
    while (needed > 0) {
      const batch = this.pending[0]!;
      if (batch.numRows <= needed) {
        taken.push(this.pending.shift()!);
      } else {
        taken.push(batch.slice(0, needed));
        this.pending[0] = batch.slice(needed);
      }
      needed -= taken[taken.length - 1]!.numRows;
    }
    this.pendingRows -= rows;
    return taken;
  }

  /**
   * Encodes a row group inline, or hands it to the next thread once as many are busy as there are threads.
   * Threads start with the first full row group: a table that ends before one (the rows left at close) is
   * encoded inline and never pays for them.
   */
  private async encodeRowGroup(batches: RecordBatch[]): Promise<void> {
    if (this.threads === 0 || (this.pool === undefined && this.done)) {
      let chunks: EncodedChunk[];
      try {
        chunks = encodeRowGroup(this.plans, this.plans.map((_, i) => batches.map((b) => b.data.children[i]!)), this.compress);
      } catch (error) {
        // A refusal of the data (a null where the schema allows none) names the output, as from a thread.
        throw error instanceof IsxError && error.path === undefined
          ? new IsxError(error.code, error.detail, { path: this.destination.name, cause: error })
          : parquetError(this.destination.name, error);
      }
      await this.writeRowGroup(chunks);
      return;
    }
    this.pool ??= new EncoderPool(this.threads, emptyStream(this.schema), this.compress !== undefined, this.destination.name);
    const chunks = this.pool.encode(batches);
    // Awaited in order by writeOldest; until then a failure must not count as unhandled.
    chunks.catch(() => undefined);
    this.encoding.push(chunks);
    if (this.encoding.length > this.threads) await this.writeOldest();
  }

  private async writeOldest(): Promise<void> {
    await this.writeRowGroup(await this.encoding.shift()!);
  }

  private async writeRowGroup(chunks: EncodedChunk[]): Promise<void> {
    const fileOffset = this.offset;
    const columns: ColumnChunkMeta[] = [];
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i]!;
      const leaf = this.plans[i]!.leaf;
      columns.push({
        physicalType: leaf.physicalType,
        encodings: chunk.encodings,
        path: leaf.name,
        codec: this.compress === undefined ? Codec.UNCOMPRESSED : Codec.ZSTD,
        numValues: chunk.numValues,
        uncompressedBytes: chunk.uncompressedBytes,
        compressedBytes: chunk.bytes.length,
        dataPageOffset: this.offset + chunk.dataPageAt,
        ...(chunk.hasDictionary ? { dictionaryPageOffset: this.offset } : {}),
        ...(chunk.statistics !== undefined ? { statistics: chunk.statistics } : {}),
      });
      await this.emit(chunk.bytes);
    }
    const numRows = chunks[0]!.numValues;
    this.rowGroups.push({ columns, numRows, fileOffset });
    this.numRows += numRows;
  }

  private async emit(...pieces: Uint8Array[]): Promise<void> {
    for (const piece of pieces) {
      if (piece.length === 0) continue;
      await this.destination.write(piece);
      this.offset += piece.length;
    }
  }
}

/**
 * The Arrow schema as arrow-rs stores it in `ARROW:schema` (base64 of its IPC message), so pyarrow and
 * Polars read dictionaries, unsigned integers, time zones and field metadata back as written.
 */
function arrowSchemaText(schema: Schema): string {
  const stream = emptyStream(embeddedSchema(schema));
  const messageBytes = 8 + new DataView(stream.buffer, stream.byteOffset).getInt32(4, true);
  return Buffer.from(stream.subarray(0, messageBytes)).toString('base64');
}

/** An Arrow IPC stream of the schema and no rows. */
function emptyStream(schema: Schema): Uint8Array {
  return RecordBatchStreamWriter.writeAll([makeEmptyBatch(schema)]).toUint8Array(true);
}
