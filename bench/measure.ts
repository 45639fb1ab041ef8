import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertFile } from '../lib/convert/index.js';
import type { SinkFormat } from '../lib/sinks/index.js';
import { Movie } from '../lib/isxd/movie.js';

/**
 * One measurement in a fresh process, so its peak RSS is its own:
 *   measure.ts cat <input> <output>          `cat input > output` (the disk's copy speed)
 *   measure.ts cat-sync <input> <output>     the same, then `sync output` (a durable copy, as our outputs are)
 *   measure.ts dd <input> <output>           `dd bs=1M`: a copy through read(2) and write(2), as Node can copy
 *   measure.ts node-copy <input> <output>    the fastest copy we know in Node: FileHandle reads of 4 MiB into
 *                                            two buffers, each written in 1 MiB writes while the next is read
 *   measure.ts zstd <input> <output>         `zstd -3 -T1` of the file (what a general compressor costs)
 *   measure.ts convert-<format> <input> <outDir> [table]
 *                                            the CLI's conversion job, `convertFile(input, { to, outDir })`:
 *                                            every table of the file, or only `table`
 *   measure.ts cli-<format> <input> <outDir> [table]
 *                                            the built command, `isx-stream convert input --to <format> --out
 *                                            outDir` (run `npm run build` first), start-up included; its own
 *                                            peak RSS, not this process's
 *   measure.ts duckdb-copy <parquet> <output> DuckDB `COPY ... TO` Parquet (zstd, its default threads) of the
 *                                            rows of `parquet`, loaded into memory first (not timed)
 *   measure.ts duckdb-csv|duckdb-json <parquet> <output>
 *                                            the same `COPY` to CSV or to NDJSON (DuckDB's JSON format)
 *   measure.ts getframedata <movie>          `Movie.getFrameData(i, into)` of every frame into one reused array
 *                                            (timed after import and open)
 *   measure.ts getframedata-fresh <movie>    `Movie.getFrameData(i)` of every frame, a fresh array each
 *   measure.ts readsync <movie>              `fs.readSync` of the same frame bytes into one reused buffer
 * Prints one JSON line: { seconds, cpuSeconds, bytes, outBytes, peakRssMiB, wasmMiB } (cpuSeconds: user +
 * system time of this process and the commands it ran, during the timed part; bytes: input bytes; wasmMiB:
 * parquet-wasm's linear memory, which grows to the largest hand-off and row group and never shrinks).
 */

interface Timed {
  seconds: number;
  cpuSeconds: number;
  bytes: number;
}

/** User + system seconds of this process and of its waited-for children (/proc/self/stat: utime..cstime). */
function cpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // After the command name: state is field 3, so utime, stime, cutime, cstime are fields 14-17.
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  return ticks / 100;
}

async function timed(work: () => Promise<number>): Promise<Timed> {
  const started = process.hrtime.bigint();
  const cpuStarted = cpuSeconds();
  const bytes = await work();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: cpuSeconds() - cpuStarted, bytes };
}

/** Runs a command to completion, stdout to `stdoutPath` when given. */
async function command(file: string, args: string[], stdoutPath?: string): Promise<void> {
  const out = stdoutPath === undefined ? 'ignore' : await open(stdoutPath, 'w');
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(file, args, { stdio: ['ignore', typeof out === 'string' ? out : out.fd, 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${file} exited with ${code}`))));
    });
  } finally {
    if (typeof out !== 'string') await out.close();
  }
}

async function duckdbCopy(parquet: string, output: string, options: string): Promise<Timed> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run(`CREATE TABLE t AS SELECT * FROM read_parquet('${parquet}')`);
  const result = await timed(async () => {
    await connection.run(`COPY t TO '${output}' (${options})`);
    return (await stat(parquet)).size;
  });
  connection.closeSync();
  return result;
}

/**
 * A file copy as fast as we found Node can make one (read(2) and write(2) through libuv's threads): the
 * floor for any conversion that reads a file and writes its bytes again. Not fsynced.
 */
async function nodeCopy(input: string, output: string): Promise<void> {
  const READ = 4 * 2 ** 20;
  const WRITE = 2 ** 20;
  await using from = await open(input, 'r');
  await using to = await open(output, 'w');
  const size = (await from.stat()).size;
  const buffers = [Buffer.allocUnsafeSlow(READ), Buffer.allocUnsafeSlow(READ)];
  const writeOut = async (buffer: Buffer, length: number, position: number): Promise<void> => {
    for (let at = 0; at < length; at += WRITE) await to.write(buffer, at, Math.min(WRITE, length - at), position + at);
  };
  let writing = Promise.resolve();
  for (let position = 0, turn = 0; position < size; turn++) {
    const buffer = buffers[turn % 2]!;
    const { bytesRead } = await from.read(buffer, 0, Math.min(READ, size - position), position);
    if (bytesRead === 0) throw new Error(`${input} ended at ${position} of ${size} bytes`);
    await writing;
    writing = writeOut(buffer, bytesRead, position);
    position += bytesRead;
  }
  await writing;
}

async function getFrameData(input: string, reuse: boolean): Promise<Timed> {
  await using movie = await Movie.read(input);
  const into = reuse ? new movie.dataTypeInfo.ArrayType(movie.spacing.pixelCount) : undefined;
  return await timed(async () => {
    let bytes = 0;
    for (let i = 0; i < movie.timing.numSamples; i++) bytes += (await movie.getFrameData(i, into)).byteLength;
    return bytes;
  });
}

async function readSyncLoop(input: string): Promise<Timed> {
  let frameBytes: number;
  let numFrames: number;
  {
    await using movie = await Movie.read(input);
    frameBytes = movie.spacing.pixelCount * movie.dataTypeInfo.bytesPerPixel;
    numFrames = movie.timing.numSamples;
  }
  const fd = openSync(input, 'r');
  const buffer = Buffer.allocUnsafe(frameBytes);
  // spec 4.2: frame r of a movie without frame headers is at r·S.
  const result = await timed(async () => {
    for (let i = 0; i < numFrames; i++) readSync(fd, buffer, 0, frameBytes, i * frameBytes);
    return numFrames * frameBytes;
  });
  closeSync(fd);
  return result;
}

/** The built CLI's conversion in a child process, whose peak RSS GNU time reports (KiB). */
async function cliJob(format: SinkFormat, input: string, outDir: string, table: string | undefined): Promise<Timed & { peakRssMiB: number }> {
  const rssFile = join(tmpdir(), `isx-bench-rss-${process.pid}`);
  const bin = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
  const args = ['convert', input, '--to', format, '--out', outDir, '--overwrite', '--quiet', ...(table === undefined ? [] : ['--tables', table])];
  const result = await timed(async () => (await command('/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, bin, ...args]), (await stat(input)).size));
  const peakRssMiB = Number((await readFile(rssFile, 'utf8')).trim().split('\n').pop()) / 1024;
  await rm(rssFile, { force: true });
  return { ...result, peakRssMiB };
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

async function run(mode: string, input: string, output: string, table: string | undefined): Promise<Timed & { peakRssMiB?: number }> {
  const size = async (): Promise<number> => (await stat(input)).size;
  if (mode === 'cat') return timed(async () => (await command('cat', [input], output), size()));
  if (mode === 'cat-sync') return timed(async () => (await command('sh', ['-c', 'cat "$1" > "$2" && sync "$2"', 'sh', input, output]), size()));
  if (mode === 'dd') return timed(async () => (await command('dd', [`if=${input}`, `of=${output}`, 'bs=1M', 'status=none']), size()));
  if (mode === 'zstd') return timed(async () => (await command('zstd', ['-3', '-T1', '-q', '-f', input, '-o', output]), size()));
  if (mode === 'node-copy') return timed(async () => (await nodeCopy(input, output), size()));
  if (mode === 'duckdb-copy') return duckdbCopy(input, output, 'FORMAT parquet, COMPRESSION zstd');
  if (mode === 'duckdb-csv') return duckdbCopy(input, output, 'FORMAT csv');
  if (mode === 'duckdb-json') return duckdbCopy(input, output, 'FORMAT json');
  if (mode === 'getframedata') return getFrameData(input, true);
  if (mode === 'getframedata-fresh') return getFrameData(input, false);
  if (mode === 'readsync') return readSyncLoop(input);
  if (mode.startsWith('cli-')) return cliJob(mode.slice('cli-'.length) as SinkFormat, input, output, table);
  if (mode.startsWith('convert-')) return timed(() => convertJob(mode.slice('convert-'.length) as SinkFormat, input, output, table));
  throw new Error(`unknown mode ${mode}`);
}

const [mode, input, output, table] = process.argv.slice(2) as [string, string, string | undefined, string | undefined];
// Loaded before the clock starts, as every other module is: start-up is a figure of its own.
if (mode.startsWith('convert-') && mode.endsWith('parquet')) await import('parquet-wasm');
const { seconds, cpuSeconds: cpu, bytes, peakRssMiB } = await run(mode, input, output ?? '', table);
const outBytes = output === undefined ? 0 : await sizeOf(output);
if (output !== undefined) await rm(output, { recursive: true, force: true });
const wasmMiB = mode.startsWith('convert-') && mode.endsWith('parquet') ? (await import('parquet-wasm')).wasmMemory().buffer.byteLength / 2 ** 20 : 0;
console.log(JSON.stringify({ seconds, cpuSeconds: cpu, bytes, outBytes, peakRssMiB: peakRssMiB ?? process.resourceUsage().maxRSS / 1024, wasmMiB }));
