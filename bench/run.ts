import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertFile } from '../lib/convert/index.js';
import { makeCellSet } from './makeCellSet.js';
import { makeMovie } from './makeMovie.js';

/**
 * `npm run bench`: the figures of issue 9, each against a baseline measured in the same run, printed as a
 * table (figure, ours, baseline, ratio, target, pass) and written to bench/results.json.
 *
 * Inputs are generated deterministically (bench/makeMovie.ts, bench/makeCellSet.ts) into BENCH_DIR (default
 * <tmp>/isx-stream-bench) and reused while their files exist; BENCH_KEEP=1 keeps them after the run.
 * Each measurement runs in a fresh process (bench/measure.ts) so its peak RSS is its own; conversions run
 * the built command (dist/cli/main.js, which `npm run bench` builds when its sources changed) as a user
 * does, start-up included; ours and the
 * baseline alternate BENCH_REPEAT times (default 3) and the medians are compared, since the machine is
 * shared and absolute times vary with its load. `npm run bench -- --large` (or BENCH_LARGE=1) adds the
 * 4 GiB movie (the Arrow figure and the flat-memory check); without it the Arrow figure uses the 1 GiB movie.
 * No assertions: the numbers go to README's performance section by hand.
 */
const ROWS = 800;
const COLS = 1280;
const FRAME_BYTES = ROWS * COLS * 2;
const GIB = 2 ** 30;
const CELLS = 1000;
const SAMPLES = 36_000;
/** The text formats run ~10x slower than the binary ones: a tenth of the cells gives the same MB/s. */
const TEXT_CELLS = 100;
/** A movie for the text formats: each frame is one row of a million pixels. */
const TEXT_MOVIE_FRAMES = 48;
const large = process.argv.includes('--large') || process.env.BENCH_LARGE === '1';
const repeats = Number(process.env.BENCH_REPEAT ?? 3);
const dir = process.env.BENCH_DIR ?? join(tmpdir(), 'isx-stream-bench');
const measureScript = fileURLToPath(new URL('./measure.ts', import.meta.url));
const projectRoot = fileURLToPath(new URL('..', import.meta.url));

interface Measurement {
  seconds: number;
  cpuSeconds: number;
  bytes: number;
  outBytes: number;
  peakRssMiB: number;
  wasmMiB: number;
}

interface Figure {
  figure: string;
  ours: string;
  baseline: string;
  ratio: string;
  target: string;
  pass: boolean;
  measurements: Record<string, Measurement>;
}

function measure(mode: string, input: string, output?: string, table?: string): Measurement {
  const args = ['--import', 'tsx', measureScript, mode, input, ...(output === undefined ? [] : [output]), ...(table === undefined ? [] : [table])];
  const stdout = execFileSync(process.execPath, args, { encoding: 'utf8', cwd: projectRoot });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Measurement;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Medians of each field over several measurements. */
function medianOf(runs: Measurement[]): Measurement {
  const pick = (key: keyof Measurement): number => median(runs.map((r) => r[key]));
  return { seconds: pick('seconds'), cpuSeconds: pick('cpuSeconds'), bytes: pick('bytes'), outBytes: pick('outBytes'), peakRssMiB: pick('peakRssMiB'), wasmMiB: pick('wasmMiB') };
}

/** Runs `ours` and `baseline` alternately `repeats` times; returns the median of each. */
function alternate(ours: () => Measurement, baseline: () => Measurement, times = repeats): [Measurement, Measurement] {
  const a: Measurement[] = [];
  const b: Measurement[] = [];
  for (let i = 0; i < times; i++) {
    a.push(ours());
    b.push(baseline());
  }
  return [medianOf(a), medianOf(b)];
}

function repeat(run: () => Measurement, times = repeats): Measurement {
  return medianOf(Array.from({ length: times }, run));
}

const seconds = (m: Measurement): string => `${m.seconds.toFixed(2)} s`;
const rss = (m: Measurement): string => `${m.peakRssMiB.toFixed(0)} MiB`;
const mbps = (m: Measurement): number => m.bytes / 1e6 / m.seconds;
/** Baseline time / ours, in wall time and (in parentheses) CPU time, which the machine's load skews less. */
const speedRatio = (ours: Measurement, baseline: Measurement): string =>
  `${(baseline.seconds / ours.seconds).toFixed(2)} (cpu ${(baseline.cpuSeconds / ours.cpuSeconds).toFixed(2)})`;

/** Writes an input once: generated into a temporary name, renamed when complete, reused while it exists. */
async function input(name: string, make: (path: string) => Promise<void>): Promise<string> {
  const path = join(dir, name);
  if (existsSync(path)) return path;
  console.error(`generating ${path} ...`);
  await make(`${path}.partial`);
  await rename(`${path}.partial`, path);
  return path;
}

/** The one Parquet file a conversion wrote into `folder` (beside its manifest). */
async function parquetIn(folder: string): Promise<string> {
  const files = (await readdir(folder)).filter((name) => name.endsWith('.parquet'));
  if (files.length !== 1) throw new Error(`expected one Parquet file in ${folder}, found ${files.join(', ') || 'none'}`);
  return join(folder, files[0]!);
}

const framesFor = (bytes: number): number => Math.ceil(bytes / FRAME_BYTES);
const out = (name: string): string => join(dir, `out-${name}`);

/** Spawns `node args` and returns its wall time. */
function startup(args: string[]): Measurement {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: projectRoot, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}`);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: 0, bytes: 0, outBytes: 0, peakRssMiB: 0, wasmMiB: 0 };
}

await mkdir(dir, { recursive: true });
const figures: Figure[] = [];
const row = (f: Figure): string => `| ${f.figure} | ${f.ours} | ${f.baseline} | ${f.ratio} | ${f.target} | ${f.pass ? 'yes' : 'no'} |`;
/** Keeps a figure and shows it at once (on stderr), so a long run shows its progress. */
function addFigure(figure: Figure): void {
  figures.push(figure);
  console.error(row(figure), JSON.stringify(figure.measurements));
}
try {
  const movie1 = await input(`movie-${ROWS}x${COLS}-1GiB.isxd`, (p) => makeMovie(p, framesFor(GIB), ROWS, COLS));
  const movie4 = large ? await input(`movie-${ROWS}x${COLS}-4GiB.isxd`, (p) => makeMovie(p, framesFor(4 * GIB), ROWS, COLS)) : undefined;
  const cellSet = await input(`cellset-${CELLS}x${SAMPLES}.isxd`, (p) => makeCellSet(p, CELLS, SAMPLES, 64, 64));
  const textCellSet = await input(`cellset-${TEXT_CELLS}x${SAMPLES}.isxd`, (p) => makeCellSet(p, TEXT_CELLS, SAMPLES, 64, 64));
  const textMovie = await input(`movie-${ROWS}x${COLS}-${TEXT_MOVIE_FRAMES}.isxd`, (p) => makeMovie(p, TEXT_MOVIE_FRAMES, ROWS, COLS));

  {
    const arrowMovie = movie4 ?? movie1;
    const [ours, cat] = alternate(() => measure('cli-arrow', arrowMovie, out('arrow'), 'frames'), () => measure('cat', arrowMovie, out('cat')));
    // Outputs are fsynced before they get their name (a power cut leaves no empty file under it): the
    // durable copy is `cat` then `sync` of the output.
    const catSync = repeat(() => measure('cat-sync', arrowMovie, out('cat-sync')));
    // coreutils' cat copies with copy_file_range(2), one copy inside the kernel, which Node has no call
    // for; `dd bs=1M` copies through read(2) and write(2), the two copies any Node program makes, and
    // node-copy is the fastest such copy we could write in Node: the ceiling for us.
    const dd = repeat(() => measure('dd', arrowMovie, out('dd')));
    const nodeCopy = repeat(() => measure('node-copy', arrowMovie, out('node-copy')));
    const ratio = cat.seconds / ours.seconds;
    addFigure({
      figure: `${movie4 ? 4 : 1} GiB movie -> Arrow IPC`,
      ours: `${seconds(ours)}, RSS ${rss(ours)}`,
      baseline: `cat ${seconds(cat)}; cat + sync ${seconds(catSync)}; dd bs=1M ${seconds(dd)}; node-copy ${seconds(nodeCopy)} (${(cat.seconds / nodeCopy.seconds).toFixed(2)} of cat)`,
      ratio: `${speedRatio(ours, cat)}; ${(catSync.seconds / ours.seconds).toFixed(2)} of cat + sync; ${(dd.seconds / ours.seconds).toFixed(2)} of dd; ${(nodeCopy.seconds / ours.seconds).toFixed(2)} of node-copy`,
      target: '>= 0.85, RSS <= 150 MB',
      pass: ratio >= 0.85 && ours.peakRssMiB * 2 ** 20 <= 150e6,
      measurements: { ours, cat, catSync, dd, nodeCopy },
    });
  }

  let parquet1: Measurement;
  {
    const [ours, zstd] = alternate(() => measure('cli-parquet', movie1, out('parquet'), 'frames'), () => measure('zstd', movie1, out('zstd')));
    parquet1 = ours;
    const ratio = zstd.seconds / ours.seconds;
    addFigure({
      figure: '1 GiB movie -> Parquet (default codec)',
      ours: `${seconds(ours)}, out ${(ours.outBytes / 1e6).toFixed(0)} MB`,
      baseline: `zstd -3 -T1 ${seconds(zstd)}, out ${(zstd.outBytes / 1e6).toFixed(0)} MB`,
      ratio: speedRatio(ours, zstd),
      target: '>= 1.0',
      pass: ratio >= 1,
      measurements: { ours, zstd },
    });
  }

  {
    const parquet4 = movie4 ? measure('cli-parquet', movie4, out('parquet4'), 'frames') : undefined;
    const cells = repeat(() => measure('cli-parquet', cellSet, out('cells'), 'cells'));
    const peaks = [parquet1, ...(parquet4 ? [parquet4] : []), cells].map((m) => m.peakRssMiB * 2 ** 20);
    const flat = parquet4 === undefined || parquet4.peakRssMiB <= 1.15 * parquet1.peakRssMiB;
    addFigure({
      figure: 'peak RSS, movie -> Parquet 1 GiB' + (parquet4 ? ' / 4 GiB' : '') + '; cell set -> cells Parquet',
      ours: `${rss(parquet1)}${parquet4 ? ` / ${rss(parquet4)} (${seconds(parquet4)})` : ''}; ${rss(cells)}`,
      baseline: '-',
      ratio: parquet4 ? (parquet4.peakRssMiB / parquet1.peakRssMiB).toFixed(2) : '-',
      target: '< 300 MB, 4 GiB within 15% of 1 GiB',
      pass: peaks.every((p) => p < 300e6) && flat,
      measurements: { parquet1, ...(parquet4 ? { parquet4 } : {}), cells },
    });
  }

  {
    const reference = out('traces-reference');
    await convertFile(cellSet, { to: 'parquet', outDir: reference, tables: ['traces'], overwrite: true });
    const referenceFile = await parquetIn(reference);
    const [ours, duckdb] = alternate(
      () => measure('cli-parquet', cellSet, out('traces'), 'traces'),
      () => measure('duckdb-copy', referenceFile, out('duckdb.parquet')),
    );
    await rm(reference, { recursive: true, force: true });
    const ratio = duckdb.seconds / ours.seconds;
    addFigure({
      figure: `${(CELLS * SAMPLES) / 1e6} M-row traces -> Parquet`,
      ours: `${seconds(ours)}, out ${(ours.outBytes / 1e6).toFixed(0)} MB`,
      baseline: `DuckDB COPY ${seconds(duckdb)}, out ${(duckdb.outBytes / 1e6).toFixed(0)} MB`,
      ratio: speedRatio(ours, duckdb),
      target: '>= 1.0',
      pass: ratio >= 1,
      measurements: { ours, duckdb },
    });
    const arrow = repeat(() => measure('cli-arrow', cellSet, out('traces-arrow'), 'traces'));
    addFigure({ figure: 'traces -> Arrow IPC', ours: seconds(arrow), baseline: '-', ratio: '-', target: '-', pass: true, measurements: { ours: arrow } });
  }

  {
    const [ours, readSync] = alternate(() => measure('getframedata', movie1), () => measure('readsync', movie1));
    const fresh = repeat(() => measure('getframedata-fresh', movie1));
    const ratio = readSync.seconds / ours.seconds;
    addFigure({
      figure: 'getFrameData(i, into) over every frame (after import)',
      ours: `${seconds(ours)} (a fresh array per frame: ${seconds(fresh)})`,
      baseline: `fs.readSync ${seconds(readSync)}`,
      ratio: speedRatio(ours, readSync),
      target: '>= 0.9',
      pass: ratio >= 0.9,
      measurements: { ours, fresh, readSync },
    });
  }

  {
    // The built bin when there is one (npm run build), else the sources through tsx (slower to start).
    const built = join(projectRoot, 'dist/cli/main.js');
    const bin = existsSync(built) ? [built] : ['--import', 'tsx', join(projectRoot, 'cli/main.ts')];
    const [ours, node] = alternate(() => startup([...bin, '--version']), () => startup(['-e', '0']), 5);
    const ratio = ours.seconds / node.seconds;
    addFigure({
      figure: `isx-stream --version (${existsSync(built) ? 'dist' : 'via tsx'})`,
      ours: seconds(ours),
      baseline: `node -e 0 ${seconds(node)}`,
      ratio: `${ratio.toFixed(1)}x`,
      target: '<= 3x',
      pass: ratio <= 3,
      measurements: { ours, node },
    });
  }

  {
    // DuckDB writing the same rows as text: what a native, multi-threaded engine reaches (the rows loaded
    // into memory first, untimed; its JSON is NDJSON with float64 expansions of the float32 values).
    const reference = out('text-traces-reference');
    await convertFile(textCellSet, { to: 'parquet', outDir: reference, tables: ['traces'], overwrite: true });
    const referenceFile = await parquetIn(reference);
    for (const format of ['ndjson', 'csv'] as const) {
      const [ours, duckdb] = alternate(
        () => measure(`cli-${format}`, textCellSet, out(format), 'traces'),
        () => measure(format === 'ndjson' ? 'duckdb-json' : 'duckdb-csv', referenceFile, out(`duckdb.${format}`)),
      );
      const rowsPerSecond = (m: Measurement): string => `${((TEXT_CELLS * SAMPLES) / 1e6 / m.seconds).toFixed(2)} M rows/s`;
      addFigure({
        figure: `${format === 'ndjson' ? 'NDJSON' : 'CSV'} of traces (${(TEXT_CELLS * SAMPLES) / 1e6} M rows)`,
        ours: `${mbps(ours).toFixed(1)} MB/s of input, ${rowsPerSecond(ours)}, ${(ours.outBytes / 1e6 / ours.seconds).toFixed(0)} MB/s out (${seconds(ours)})`,
        baseline: `DuckDB COPY ${rowsPerSecond(duckdb)}, ${(duckdb.outBytes / 1e6 / duckdb.seconds).toFixed(0)} MB/s out (${seconds(duckdb)}); ${(mbps(ours) * (ours.seconds / duckdb.seconds)).toFixed(1)} MB/s of input`,
        ratio: speedRatio(ours, duckdb),
        target: '>= 50 MB/s of input',
        pass: mbps(ours) >= 50,
        measurements: { ours, duckdb },
      });
    }
    await rm(reference, { recursive: true, force: true });
  }
  for (const format of ['ndjson', 'csv'] as const) {
    const ours = repeat(() => measure(`cli-${format}`, textMovie, out(`movie-${format}`), 'frames'));
    addFigure({
      figure: `${format === 'ndjson' ? 'NDJSON' : 'CSV'} of a movie (${TEXT_MOVIE_FRAMES} frames, ${((TEXT_MOVIE_FRAMES * FRAME_BYTES) / 1e6).toFixed(0)} MB)`,
      ours: `${mbps(ours).toFixed(1)} MB/s of input, ${(ours.outBytes / 1e6 / ours.seconds).toFixed(0)} MB/s out (${seconds(ours)})`,
      baseline: '-',
      ratio: '-',
      target: '>= 50 MB/s (the issue sets it for traces)',
      pass: mbps(ours) >= 50,
      measurements: { ours },
    });
  }
} finally {
  if (process.env.BENCH_KEEP !== '1') await rm(dir, { recursive: true, force: true });
}

console.log(`\n${new Date().toISOString()}, Node ${process.version}, ${repeats} alternating runs each (medians); ratio: baseline time / ours in wall time (CPU time); startup: ours / baseline`);
console.log('| figure | ours | baseline | ratio | target | pass |');
console.log('|---|---|---|---|---|---|');
for (const f of figures) console.log(row(f));
const results = { date: new Date().toISOString(), node: process.version, repeats, large, figures };
await writeFile(fileURLToPath(new URL('./results.json', import.meta.url)), JSON.stringify(results, null, 2) + '\n');
