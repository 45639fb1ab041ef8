import { RecordBatch, RecordBatchStreamWriter, Schema, type Data } from 'apache-arrow';
import { FILE_METADATA_KEY } from '../core/metadataKey.js';
import { packageVersion } from '../core/packageVersion.js';
import { columnPlan, type ColumnPlan, type EncodedColumn } from '../parquet/columnChunk.js';
import { Codec, Encoding, dataPageV2Header, dictionaryPageHeader, fileMetaData, type ColumnChunkMeta, type RowGroupMeta } from '../parquet/format.js';
import { loadZstd } from '../parquet/zstd.js';
import { openDestination, type ByteDestination, type SinkDestination } from './byteDestination.js';
import { checkWritableBatch } from './checkWritableBatch.js';
import { makeEmptyBatch } from './emptyBatch.js';
import { finishOrAbort } from './finishOrAbort.js';
import { parquetError } from './parquetError.js';
import type { ParquetSinkOptions } from './parquetSink.js';
import { rowGroupRows } from './parquetRowGroups.js';
import type { TableSink } from './tableSink.js';

const MAGIC = new TextEncoder().encode('PAR1');

/**
 * Parquet output of flat tables (numbers, booleans, text, UTC microsecond timestamps), encoded here
 * instead of in parquet-wasm. A long table repeats each cell's name and status over thousands of rows;
 * arrow-rs hashes every one of them, and wasm encoding of the 36 M-row traces table took 16 s of its 20
 * (issue 9). Here a repeated value costs one comparison and an RLE run, integers are delta-encoded and
 * floats byte-stream-split as parquet-wasm does, and only zstd (a wasm build of the reference library)
 * touches every byte. Each row group is encoded as soon as its rows are in, as one V2 data page per column
 * (after a dictionary page for text), so memory holds one row group; the footer is written on close.
 * parquetSink.ts chooses it for flat tables with zstd or no compression.
 */
export class FlatParquetSink implements TableSink {
  private pending: RecordBatch[] = [];
  private pendingRows = 0;
  private offset = 0;
  private numRows = 0;
  private readonly rowGroups: RowGroupMeta[] = [];
  private done = false;

  private constructor(
    private readonly destination: ByteDestination,
    private readonly schema: Schema,
    private readonly plans: ColumnPlan[],
    private readonly compress: ((bytes: Uint8Array) => Uint8Array) | undefined,
    private readonly groupRows: number,
  ) {}

  /** The column plans of a schema this writer stores, or undefined when one column is not flat. */
  static plansFor(schema: Schema): ColumnPlan[] | undefined {
    const plans = schema.fields.map(columnPlan);
    return plans.every((p) => p !== undefined) ? (plans as ColumnPlan[]) : undefined;
  }

  static async open(destination: SinkDestination, schema: Schema, plans: ColumnPlan[], options: ParquetSinkOptions): Promise<FlatParquetSink> {
    const compress = options.compression === 'uncompressed' ? undefined : await loadZstd();
    const output = await openDestination(destination, options);
    const sink = new FlatParquetSink(output, schema, plans, compress, rowGroupRows(schema, options));
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
    while (this.pendingRows >= this.groupRows) await this.writeRowGroup(this.takeRows(this.groupRows));
  }

  async close(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await finishOrAbort(this.destination, async () => {
      if (this.pendingRows > 0) await this.writeRowGroup(this.takeRows(this.pendingRows));
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
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.pending = [];
    await this.destination.abort();
  }

  /** The first `rows` pending rows, as each column's pieces. */
  private takeRows(rows: number): Data[][] {
    const columns: Data[][] = this.plans.map(() => []);
    let needed = rows;
    while (needed > 0) {
      const batch = this.pending[0]!;
      const taken = batch.numRows <= needed ? batch : batch.slice(0, needed);
      if (taken === batch) this.pending.shift();
      else this.pending[0] = batch.slice(needed);
      taken.data.children.forEach((child, i) => columns[i]!.push(child));
      needed -= taken.numRows;
    }
    this.pendingRows -= rows;
    return columns;
  }

  private async writeRowGroup(columns: Data[][]): Promise<void> {
    const numRows = columns[0]!.reduce((n, piece) => n + piece.length, 0);
    const fileOffset = this.offset;
    const chunks: ColumnChunkMeta[] = [];
    for (let i = 0; i < this.plans.length; i++) {
      let encoded: EncodedColumn;
      try {
        encoded = this.plans[i]!.encode(columns[i]!);
      } catch (error) {
        throw parquetError(this.destination.name, error);
      }
      const pages: Uint8Array[] = [];
      chunks.push(this.columnChunk(this.plans[i]!, encoded, pages));
      await this.emit(...pages);
    }
    this.rowGroups.push({ columns: chunks, numRows, fileOffset });
    this.numRows += numRows;
  }

  /** The pages of one column chunk (appended to `pages`) and its metadata, at the current offset. */
  private columnChunk(plan: ColumnPlan, encoded: EncodedColumn, pages: Uint8Array[]): ColumnChunkMeta {
    let position = this.offset;
    let uncompressedBytes = 0;
    let dictionaryPageOffset: number | undefined;
    const add = (header: Uint8Array, uncompressedBody: number, ...body: Uint8Array[]): void => {
      pages.push(header, ...body);
      uncompressedBytes += header.length + uncompressedBody;
      position += header.length + body.reduce((n, b) => n + b.length, 0);
    };
    if (encoded.dictionary !== undefined) {
      dictionaryPageOffset = position;
      const body = this.compressed(encoded.dictionary.values);
      add(dictionaryPageHeader({ uncompressedBytes: encoded.dictionary.values.length, compressedBytes: body.length, numValues: encoded.dictionary.count }), encoded.dictionary.values.length, body);
    }
    const dataPageOffset = position;
    const values = this.compressed(encoded.values);
    const levelBytes = encoded.levels.length;
    add(
      dataPageV2Header({
        uncompressedBytes: levelBytes + encoded.values.length,
        compressedBytes: levelBytes + values.length,
        numValues: encoded.numValues,
        numNulls: encoded.numNulls,
        encoding: encoded.encoding,
        levelBytes,
        compressed: this.compress !== undefined,
      }),
      levelBytes + encoded.values.length,
      encoded.levels,
      values,
    );
    const encodings = encoded.dictionary !== undefined ? [Encoding.PLAIN, encoded.encoding] : [encoded.encoding];
    if (plan.leaf.nullable) encodings.push(Encoding.RLE);
    return {
      physicalType: plan.leaf.physicalType,
      encodings,
      path: plan.leaf.name,
      codec: this.compress === undefined ? Codec.UNCOMPRESSED : Codec.ZSTD,
      numValues: encoded.numValues,
      uncompressedBytes,
      compressedBytes: position - this.offset,
      dataPageOffset,
      ...(dictionaryPageOffset !== undefined ? { dictionaryPageOffset } : {}),
      ...(encoded.statistics !== undefined ? { statistics: encoded.statistics } : {}),
    };
  }

  private compressed(bytes: Uint8Array): Uint8Array {
    if (this.compress === undefined) return bytes;
    try {
      return this.compress(bytes);
    } catch (error) {
      throw parquetError(this.destination.name, error);
    }
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
 * Polars read dictionaries, unsigned integers, time zones and field metadata back as written. As with
 * parquet-wasm, the file's whole JSON (`isx:metadata`) stays out of it, in the key-value metadata only.
 */
function arrowSchemaText(schema: Schema): string {
  const stripped = new Schema(schema.fields, new Map([...schema.metadata].filter(([key]) => key !== FILE_METADATA_KEY)), schema.dictionaries);
  const stream = RecordBatchStreamWriter.writeAll([makeEmptyBatch(stripped)]).toUint8Array(true);
  const messageBytes = 8 + new DataView(stream.buffer, stream.byteOffset).getInt32(4, true);
  return Buffer.from(stream.subarray(0, messageBytes)).toString('base64');
}
