import { open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { wasmMemory } from 'parquet-wasm';
import { convertFile, tableSourceOf } from '../lib/convert/index.js';
import { Movie } from '../lib/isxd/movie.js';
import { openSink, writeTable, type SinkFormat } from '../lib/sinks/index.js';
import { frames } from '../lib/sources/frames.js';
import { toRecordBatchStream } from '../transforms/batch.js';
import { framesTable } from '../transforms/tables/frames.js';

/**
 * One measurement in a fresh process (so peak RSS belongs to it alone):
 *   measure.ts read  <input>            fs.read of the whole file into 16 MiB buffers (the read floor)
 *   measure.ts write <input> <output>   raw write of the same byte count from 16 MiB buffers (the write floor)
 *   measure.ts <format> <input> <output> convert the movie's frames table with `writeTable` (library path)
 *   measure.ts convert-<format> <input> <outDir> [table]
 *                                       the CLI's conversion job: `convertFile(input, { to, outDir })`,
 *                                       every table of the file, or only `table`
 * Prints one JSON line: { seconds, bytes, outBytes, peakRssMiB, wasmMiB } (wasmMiB: parquet-wasm's linear
 * memory, which grows to the largest row group and never shrinks).
 */
const CHUNK_BYTES = 16 * 1024 * 1024;

async function readFloor(input: string): Promise<number> {
  const handle = await open(input, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let position = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) break;
    position += bytesRead;
  }
  await handle.close();
  return position;
}

async function writeFloor(input: string, output: string): Promise<number> {
  const { size } = await stat(input);
  const handle = await open(output, 'w');
  const buffer = Buffer.alloc(CHUNK_BYTES, 7);
  for (let position = 0; position < size; position += CHUNK_BYTES) {
    await handle.write(buffer, 0, Math.min(CHUNK_BYTES, size - position), position);
  }
  await handle.close();
  return size;
}

async function convert(format: SinkFormat, input: string, output: string): Promise<number> {
  await using movie = await Movie.read(input);
  const [rows, cols] = movie.spacing.numPixels;
  const table = framesTable({ ...tableSourceOf(movie), rows, cols, dataType: movie.dataType });
  const sink = await openSink(format, output, table.schema, { overwrite: true });
  await writeTable(Readable.from(frames(movie)), sink, [toRecordBatchStream(table)]);
  return (await stat(input)).size;
}

async function convertJob(format: SinkFormat, input: string, outDir: string, table: string | undefined): Promise<number> {
  await convertFile(input, { to: format, outDir, overwrite: true, ...(table === undefined ? {} : { tables: [table] }) });
  return (await stat(input)).size;
}

/** Bytes of a file, or of the files directly in a folder. */
async function sizeOf(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return 0;
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const name of await readdir(path)) total += (await stat(join(path, name))).size;
  return total;
}

function run(mode: string, input: string, output: string, table: string | undefined): Promise<number> {
  if (mode === 'read') return readFloor(input);
  if (mode === 'write') return writeFloor(input, output);
  if (mode.startsWith('convert-')) return convertJob(mode.slice('convert-'.length) as SinkFormat, input, output, table);
  return convert(mode as SinkFormat, input, output);
}

const [mode, input, output, table] = process.argv.slice(2) as [string, string, string | undefined, string | undefined];
const started = process.hrtime.bigint();
const bytes = await run(mode, input, output ?? '', table);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const outBytes = output === undefined ? 0 : await sizeOf(output);
if (output !== undefined) await rm(output, { recursive: true, force: true });
const wasmMiB = wasmMemory().buffer.byteLength / 2 ** 20;
console.log(JSON.stringify({ seconds, bytes, outBytes, peakRssMiB: process.resourceUsage().maxRSS / 1024, wasmMiB }));
