import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import { releaseReadBuffer, takeReadBuffer } from '../../lib/io/readBuffers.js';
import { openDestination } from '../../lib/sinks/byteDestination.js';
import { openSink, writeTable } from '../../lib/sinks/index.js';
import { toRecordBatchStream } from '../../transforms/batch.js';
import { framesTable } from '../../transforms/tables/frames.js';
import { tracesTable } from '../../transforms/tables/traces.js';
import { useTempDir } from '../helpers/tempDir.js';
import { makeCells, makeFrames, timingOf } from '../tables/syntheticRecords.js';
import { duckRows, readArrow } from './readBack.js';

const MiB = 1024 * 1024;
const ROWS = 512;
const COLS = 1024;
const table = () => framesTable({ kind: 'movie', source: 'm.isxd', metadata: {}, startUs: 0, rows: ROWS, cols: COLS, dataType: 'uint16' });

/** `count` valid 1 MiB frames lying back to back in one buffer from the read pool, as frames() reads them. */
function framesInReadBuffer(count: number) {
  const pixels = new Uint16Array(takeReadBuffer(count * ROWS * COLS * 2));
  pixels.forEach((_, p) => (pixels[p] = (p * 7) & 0xfff));
  const frames = makeFrames(count, ROWS, COLS).map((f, i) => ({ ...f, status: 'valid' as const, data: pixels.subarray(i * ROWS * COLS, (i + 1) * ROWS * COLS) }));
  return { pixels, frames };
}

const sumOf = (values: ArrayLike<number>): number => Array.prototype.reduce.call(values, (a, b) => (a as number) + (b as number), 0) as number;

describe('sinks with batches of several MiB', () => {
  const dir = useTempDir();

  it('Parquet: a batch larger than one hand-off to wasm keeps every value; lz4 pixels, zstd scalars by default', async () => {
    const { frames } = framesInReadBuffer(5);
    const path = dir.file('big.parquet');
    const sink = await openSink('parquet', path, table().schema);
    await writeTable(Readable.from(frames), sink, [toRecordBatchStream(table(), { batchBytes: 8 * MiB })]);
    const rows = await duckRows(`select frame_index, list_sum(pixels_uint16)::bigint as s from read_parquet('${path}') order by frame_index`);
    expect(rows.map((r) => Number(r.s))).to.deep.equal(frames.map((f) => sumOf(f.data)));
    const codecs = await duckRows(`select distinct path_in_schema as p, compression as c from parquet_metadata('${path}') order by p`);
    expect(codecs.find((r) => r.p === 'frame_index')!.c).to.equal('ZSTD');
    expect(codecs.filter((r) => String(r.p).startsWith('pixels_')).map((r) => r.c)).to.deep.equal(['LZ4_RAW', 'LZ4_RAW', 'LZ4_RAW']);
  });

  it('Parquet: one codec everywhere when one is asked for', async () => {
    const path = dir.file('zstd.parquet');
    await writeTable(Readable.from(makeFrames(3, ROWS, COLS)), await openSink('parquet', path, table().schema, { compression: 'zstd' }), [toRecordBatchStream(table())]);
    const codecs = await duckRows(`select distinct compression as c from parquet_metadata('${path}')`);
    expect(codecs.map((r) => r.c)).to.deep.equal(['ZSTD']);
  });

  it('Parquet: trace values are byte-stream-split and text columns carry no statistics', async () => {
    const cells = makeCells(3, 50);
    const traces = tracesTable({ kind: 'cell_set', source: 'c.isxd', metadata: {}, startUs: 0, timing: timingOf(50) });
    const path = dir.file('traces.parquet');
    await writeTable(Readable.from(cells), await openSink('parquet', path, traces.schema), [toRecordBatchStream(traces)]);
    const columns = await duckRows(`select path_in_schema as p, encodings as e, stats_min_value as min from parquet_metadata('${path}')`);
    const column = (name: string) => columns.find((c) => c.p === name)!;
    expect(String(column('value').e)).to.contain('BYTE_STREAM_SPLIT');
    expect(column('name').min).to.equal(null);
    expect(column('cell_index').min).to.equal('0');
    const values = await duckRows(`select count(*)::int as n, count(*) filter (where isnan(value))::int as nan, sum(value) filter (where not isnan(value)) as s from read_parquet('${path}')`);
    const finite = cells.flatMap((c) => Array.from(c.trace).filter((x) => !Number.isNaN(x)));
    expect(values[0]).to.deep.equal({ n: 150, nan: 150 - finite.length, s: finite.reduce((a, b) => a + b, 0) });
  });

  it('Arrow file: read buffers a batch covers whole go back for reuse once written, and the file keeps their values', async () => {
    const { pixels, frames } = framesInReadBuffer(3);
    const expected = frames.map((f) => sumOf(f.data));
    const path = dir.file('pooled.arrow');
    await writeTable(Readable.from(frames), await openSink('arrow', path, table().schema), [toRecordBatchStream(table())]);
    const reused = takeReadBuffer(pixels.buffer.byteLength);
    expect(reused).to.equal(pixels.buffer);
    new Uint16Array(reused).fill(1);
    const written = (await readArrow(path)).getChild('pixels_uint16')!;
    expect([0, 1, 2].map((i) => sumOf(written.get(i)!.toArray() as Uint16Array))).to.deep.equal(expected);
  });

  it('Arrow stream to a Writable: read buffers stay with the stream, which may still hold them', async () => {
    const { pixels, frames } = framesInReadBuffer(3);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await writeTable(Readable.from(frames), await openSink('arrows', out, table().schema), [toRecordBatchStream(table())]);
    expect(releaseReadBuffer(pixels.buffer)).to.equal(true);
  });

  it('a file destination writes a piece of several MiB whole, in order', async () => {
    const path = dir.file('bytes.bin');
    const destination = await openDestination(path);
    const small = new Uint8Array(100).fill(9);
    const big = new Uint8Array(3 * MiB + 5).map((_, i) => i % 251);
    await destination.write(small);
    await destination.write(big);
    await destination.write(small);
    await destination.finish();
    expect(Buffer.compare(await readFile(path), Buffer.concat([small, big, small]))).to.equal(0);
  });
});
