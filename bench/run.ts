import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeMovie } from './makeMovie.js';

/**
 * `npm run bench`: converts synthetic uint16 movies to Arrow IPC and Parquet and prints MB/s and the ratio
 * to the floor measured in the same run (design 7): reading the file with fs.read plus writing the same
 * byte count raw. Each measurement runs in its own process so its peak RSS is its own; two file sizes show
 * whether memory stays flat. No assertions: numbers go to bench/RESULTS.md by hand.
 */
const ROWS = 512;
const COLS = 512;
const SIZES_FRAMES = [200, 800];
const MODES = ['read', 'write', 'arrow', 'arrows', 'parquet'] as const;

interface Measurement {
  seconds: number;
  bytes: number;
  peakRssMiB: number;
  wasmMiB: number;
}

const measureScript = fileURLToPath(new URL('./measure.ts', import.meta.url));

function measure(mode: string, input: string, output: string): Measurement {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', measureScript, mode, input, output], { encoding: 'utf8' });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Measurement;
}

const dir = await mkdtemp(join(tmpdir(), 'isx-stream-bench-'));
try {
  console.log(`frames ${ROWS}x${COLS} uint16; MB = 1e6 bytes of input; floor = fs.read + raw write of the same bytes`);
  console.log('| input | mode | seconds | MB/s | x floor time | peak RSS MiB | wasm MiB |');
  console.log('|---|---|---|---|---|---|---|');
  for (const numFrames of SIZES_FRAMES) {
    const input = join(dir, `movie-${numFrames}.isxd`);
    await makeMovie(input, numFrames, ROWS, COLS);
    const results = new Map<string, Measurement>();
    for (const mode of MODES) results.set(mode, measure(mode, input, join(dir, `out-${mode}`)));
    const floorSeconds = results.get('read')!.seconds + results.get('write')!.seconds;
    for (const [mode, m] of results) {
      const mb = m.bytes / 1e6;
      const ratio = mode === 'read' || mode === 'write' ? '-' : (m.seconds / floorSeconds).toFixed(2);
      console.log(`| ${mb.toFixed(0)} MB | ${mode} | ${m.seconds.toFixed(3)} | ${(mb / m.seconds).toFixed(0)} | ${ratio} | ${m.peakRssMiB.toFixed(0)} | ${mode === 'parquet' ? m.wasmMiB.toFixed(0) : '-'} |`);
    }
    await rm(input);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
