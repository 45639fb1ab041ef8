import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCellSet } from './makeCellSet.js';
import { makeMovie } from './makeMovie.js';

/**
 * `npm run bench`: converts synthetic files and prints MB/s (of input) and the ratio to the floor measured
 * in the same run (design 7): reading the file with fs.read plus writing the same byte count raw.
 * - movies (512x512 uint16, two sizes): the frames table through `writeTable` (library path: arrow,
 *   arrows, parquet) and through `convertFile` (the CLI's job: convert-arrow, convert-parquet);
 * - a cell set (long `traces` table, one row per cell and sample) through `convertFile`.
 * Each measurement runs in its own process so its peak RSS is its own; two movie sizes show whether memory
 * stays flat. No assertions: numbers go to bench/RESULTS.md by hand.
 * `npm run bench -- quick` measures only the smaller movie and the cell set.
 */
const ROWS = 512;
const COLS = 512;
const MOVIE_FRAMES = process.argv.includes('quick') ? [200] : [200, 800];
const MOVIE_MODES = ['read', 'write', 'arrow', 'arrows', 'parquet', 'convert-arrow', 'convert-parquet'];
const CELLS = 500;
const SAMPLES = 20_000;
const CELL_MODES = ['read', 'write', 'convert-arrow', 'convert-parquet'];

interface Measurement {
  seconds: number;
  bytes: number;
  outBytes: number;
  peakRssMiB: number;
  wasmMiB: number;
}

const measureScript = fileURLToPath(new URL('./measure.ts', import.meta.url));

function measure(mode: string, input: string, output: string, table?: string): Measurement {
  const args = ['--import', 'tsx', measureScript, mode, input, output, ...(table === undefined ? [] : [table])];
  const stdout = execFileSync(process.execPath, args, { encoding: 'utf8' });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Measurement;
}

function report(label: string, results: Map<string, Measurement>): void {
  const floorSeconds = results.get('read')!.seconds + results.get('write')!.seconds;
  for (const [mode, m] of results) {
    const mb = m.bytes / 1e6;
    const floor = mode === 'read' || mode === 'write';
    const cells = [
      label,
      mode,
      m.seconds.toFixed(3),
      (mb / m.seconds).toFixed(0),
      floor ? '-' : (m.seconds / floorSeconds).toFixed(2),
      mode === 'read' ? '-' : (m.outBytes / 1e6).toFixed(0),
      m.peakRssMiB.toFixed(0),
      mode.endsWith('parquet') ? m.wasmMiB.toFixed(0) : '-',
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
}

async function measureAll(label: string, input: string, modes: readonly string[], dir: string, table?: string): Promise<void> {
  const results = new Map<string, Measurement>();
  for (const mode of modes) results.set(mode, measure(mode, input, join(dir, `out-${mode}`), table));
  report(label, results);
}

const dir = await mkdtemp(join(tmpdir(), 'isx-stream-bench-'));
try {
  console.log(`movies ${ROWS}x${COLS} uint16 (frames table); cell set ${CELLS} cells x ${SAMPLES} samples (traces table)`);
  console.log('MB = 1e6 bytes of input; floor = fs.read + raw write of the same bytes; x floor = time / floor time');
  console.log('| input | mode | seconds | MB/s | x floor | out MB | peak RSS MiB | wasm MiB |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const numFrames of MOVIE_FRAMES) {
    const input = join(dir, `movie-${numFrames}.isxd`);
    await makeMovie(input, numFrames, ROWS, COLS);
    await measureAll(`movie ${((numFrames * ROWS * COLS * 2) / 1e6).toFixed(0)} MB`, input, MOVIE_MODES, dir);
    await rm(input);
  }
  const cellSet = join(dir, 'cellset.isxd');
  await makeCellSet(cellSet, CELLS, SAMPLES, 64, 64);
  await measureAll(`cell set ${((CELLS * (SAMPLES + 64 * 64) * 4) / 1e6).toFixed(0)} MB, traces`, cellSet, CELL_MODES, dir, 'traces');
} finally {
  await rm(dir, { recursive: true, force: true });
}
