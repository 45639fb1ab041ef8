import { RecordBatchStreamWriter, type RecordBatch } from 'apache-arrow';
import * as parquet from 'parquet-wasm';
import type { FrameRecord } from '../lib/core/records.js';
import { framesTable } from '../transforms/tables/frames.js';

/**
 * `tsx bench/parquetOptions.ts [frames] [name filter]`: writes the same in-memory 512x512 uint16 frames
 * table (the noisy frames of makeMovie.ts) through parquet-wasm's streaming writer with several writer
 * property sets and prints MB/s of pixel input and the output size, plus the cost of the Arrow IPC
 * hand-over into wasm. No disk I/O: this isolates parquet-wasm's CPU cost per setting. Results and the
 * chosen default are in bench/RESULTS.md. Not measurable in 0.8: BYTE_STREAM_SPLIT on INT32 and a global
 * DELTA_BINARY_PACKED (it also reaches the string column) abort the wasm module ("unreachable"), and the
 * zstd level is fixed (the Compression enum carries none).
 */
const ROWS = 512;
const COLS = 512;
const FRAMES_PER_BATCH = 32;

function makeBatches(numFrames: number): RecordBatch[] {
  const table = framesTable({ kind: 'movie', source: 'bench', metadata: {}, startUs: 0, rows: ROWS, cols: COLS, dataType: 'uint16' });
  const batches: RecordBatch[] = [];
  let seed = 12345;
  let records: FrameRecord[] = [];
  for (let i = 0; i < numFrames; i++) {
    const frame = new Uint16Array(ROWS * COLS);
    for (let p = 0; p < frame.length; p++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      frame[p] = 1000 + ((p >> 4) & 0xff) + (seed >>> 28);
    }
    records.push({ index: i, timestampUs: 1_648_798_026_332_000 + i * 50_000, status: 'valid', data: frame, rows: ROWS, cols: COLS });
    if (records.length === FRAMES_PER_BATCH) {
      batches.push(table.toBatch(records));
      records = [];
    }
  }
  return batches;
}

type Configure = (b: parquet.WriterPropertiesBuilder) => parquet.WriterPropertiesBuilder;

const SCALARS = ['frame_index', 'timestamp', 'status', 'tsc'];
const base: Configure = (b) => b.setCompression(parquet.Compression.ZSTD).setStatisticsEnabled(parquet.EnabledStatistics.Chunk).setMaxRowGroupSize(128);
// parquet-wasm 0.8 makes a one-part ColumnPath from the string, so only top-level names match: turn
// dictionary and statistics off for all columns, then back on for each top-level scalar column.
const noDictStats: Configure = (b) => {
  let builder = base(b).setDictionaryEnabled(false).setStatisticsEnabled(parquet.EnabledStatistics.None);
  for (const name of SCALARS) builder = builder.setColumnDictionaryEnabled(name, true).setColumnStatisticsEnabled(name, parquet.EnabledStatistics.Chunk);
  return builder;
};

const v2: Configure = (b) => noDictStats(b).setWriterVersion(parquet.WriterVersion.V2);

const SETTINGS: Record<string, Configure> = {
  'current (zstd, dict, stats)': base,
  'zstd, pixels no dict/stats (V1)': noDictStats,
  'zstd, V2': v2,
  'zstd, V2, batch 8Ki': (b) => v2(b).setWriteBatchSize(8192),
  'zstd, V2, batch 64Ki': (b) => v2(b).setWriteBatchSize(65536),
  'zstd, V2, batch 256Ki': (b) => v2(b).setWriteBatchSize(262144),
  'zstd, V2, batch 64Ki, 4MiB pages': (b) => v2(b).setWriteBatchSize(65536).setDataPageSizeLimit(4 * 1024 * 1024),
  'zstd, V2, batch 64Ki, rowgroup 32': (b) => v2(b).setWriteBatchSize(65536).setMaxRowGroupSize(32),
  'zstd, V2, batch 64Ki, pixel stats': (b) => v2(b).setWriteBatchSize(65536).setStatisticsEnabled(parquet.EnabledStatistics.Chunk),
  'zstd, V2, batch 64Ki, pixel dict': (b) => v2(b).setWriteBatchSize(65536).setDictionaryEnabled(true),
  'snappy, V2, batch 64Ki': (b) => v2(b).setWriteBatchSize(65536).setCompression(parquet.Compression.SNAPPY),
  'lz4, V2, batch 64Ki': (b) => v2(b).setWriteBatchSize(65536).setCompression(parquet.Compression.LZ4_RAW),
  'uncompressed, V2, batch 64Ki': (b) => v2(b).setWriteBatchSize(65536).setCompression(parquet.Compression.UNCOMPRESSED),
  'uncompressed, V1, batch 64Ki': (b) => noDictStats(b).setWriteBatchSize(65536).setCompression(parquet.Compression.UNCOMPRESSED),
};

async function writeStreaming(batches: RecordBatch[], properties: parquet.WriterProperties): Promise<number> {
  let i = 0;
  const input = new ReadableStream<parquet.RecordBatch>({
    pull(controller) {
      if (i === batches.length) return controller.close();
      const table = parquet.Table.fromIPCStream(RecordBatchStreamWriter.writeAll([batches[i++]!]).toUint8Array(true));
      for (const b of table.recordBatches()) controller.enqueue(b);
      table.free();
    },
  });
  const output = await parquet.transformParquetStream(input, properties);
  let bytes = 0;
  for await (const chunk of output as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  return bytes;
}

const numFrames = Number(process.argv[2] ?? 256);
const only = process.argv[3];
const batches = makeBatches(numFrames);
const inputMB = (numFrames * ROWS * COLS * 2) / 1e6;

let started = performance.now();
for (const batch of batches) parquet.Table.fromIPCStream(RecordBatchStreamWriter.writeAll([batch]).toUint8Array(true)).free();
console.log(`IPC hand-over (encode + fromIPCStream): ${(inputMB / ((performance.now() - started) / 1000)).toFixed(0)} MB/s`);

for (const [name, configure] of Object.entries(SETTINGS)) {
  if (only !== undefined && !name.includes(only)) continue;
  const properties = configure(new parquet.WriterPropertiesBuilder()).build();
  started = performance.now();
  const bytes = await writeStreaming(batches, properties);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${name.padEnd(34)} ${(inputMB / seconds).toFixed(1).padStart(6)} MB/s  out ${(bytes / 1e6).toFixed(1)} MB (${((100 * bytes) / (inputMB * 1e6)).toFixed(0)}%)`);
}
