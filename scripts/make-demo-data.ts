/**
 * Regenerates examples/data/demo.isxd (a small cell set, what the README's first command converts) and
 * examples/data/demo-movie.isxd (a small uint16 movie, what examples/pipeline.ts streams). The data
 * are synthetic (no recording of anyone's is shipped) and deterministic: a seeded generator, a fixed start
 * time, so running this again yields the same bytes. Run: `npm run make-demo-data`.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ratio } from '../lib/core/ratio.js';
import { Spacing } from '../lib/core/spacing.js';
import { Time } from '../lib/core/time.js';
import { Timing } from '../lib/core/timing.js';
import { CellSetWriter } from '../lib/isxd/writeCellSet.js';
import { MovieWriter } from '../lib/isxd/writeMovie.js';
import type { CellStatusName } from '../lib/core/records.js';
import { ROOT } from './repositoryRoot.js';
import { seededRandom } from './seededRandom.js';

export const DEMO_CELL_SET = join(ROOT, 'examples', 'data', 'demo.isxd');
export const DEMO_MOVIE = join(ROOT, 'examples', 'data', 'demo-movie.isxd');

const NUM_CELLS = 8;
const NUM_COLS = 40;
const NUM_ROWS = 32;
const NUM_SAMPLES = 300;
/** 2024-01-01T00:00:00Z: a fixed start keeps the file byte-identical between runs. */
const START_US = 1_704_067_200_000_000n;
/** One dropped sample shows how invalid samples look in the outputs (NaN trace values, spec 5.2). */
const DROPPED = [150];
const STATUSES: CellStatusName[] = ['accepted', 'accepted', 'accepted', 'undecided', 'accepted', 'rejected', 'undecided', 'accepted'];

/** A round footprint centred at (cx, cy), peak 1. */
function makeFootprint(cx: number, cy: number, radiusPx: number): Float32Array {
  const footprint = new Float32Array(NUM_ROWS * NUM_COLS);
  for (let row = 0; row < NUM_ROWS; row++) {
    for (let col = 0; col < NUM_COLS; col++) {
      const d2 = (col - cx) ** 2 + (row - cy) ** 2;
      const value = Math.exp(-d2 / (2 * radiusPx * radiusPx));
      footprint[row * NUM_COLS + col] = value < 0.01 ? 0 : value;
    }
  }
  return footprint;
}

/** Calcium-like transients: random onsets, each decaying with a 0.5 s time constant, over small noise. */
function makeTrace(random: () => number): Float32Array {
  const trace = new Float32Array(NUM_SAMPLES);
  let level = 0;
  for (let i = 0; i < NUM_SAMPLES; i++) {
    if (random() < 0.02) level += 1 + 2 * random();
    level *= Math.exp(-0.05 / 0.5);
    trace[i] = level + 0.05 * (random() - 0.5);
  }
  return trace;
}

export async function makeDemoCellSet(path: string): Promise<void> {
  const random = seededRandom(20240101);
  const writer = await CellSetWriter.create(path, {
    overwrite: true,
    timing: new Timing({ numSamples: NUM_SAMPLES, period: new Ratio(50, 1000), start: Time.fromMicros(START_US), dropped: DROPPED }),
    spacing: new Spacing(NUM_COLS, NUM_ROWS),
    extraProperties: {
      animal: { id: 'demo-mouse-1', species: 'synthetic' },
      idps: { cellset: { method: 'synthetic', units: 'a.u.' } },
      name: 'isx-stream demo',
    },
  });
  for (let cell = 0; cell < NUM_CELLS; cell++) {
    const cx = 4 + random() * (NUM_COLS - 8);
    const cy = 4 + random() * (NUM_ROWS - 8);
    await writer.writeCell(cell, {
      name: `C${String(cell).padStart(2, '0')}`,
      status: STATUSES[cell]!,
      footprint: makeFootprint(cx, cy, 2 + random() * 2),
      trace: makeTrace(random),
    });
  }
  await writer.finish();
}

/** 50 frames of 32 x 24 uint16 at 20 Hz, frame 10 dropped: a bright spot drifting over a noisy floor. */
export async function makeDemoMovie(path: string): Promise<void> {
  const random = seededRandom(20240102);
  const [cols, rows] = [32, 24];
  const timing = new Timing({ numSamples: 50, period: new Ratio(50, 1000), start: Time.fromMicros(START_US), dropped: [10] });
  const writer = await MovieWriter.create(path, { overwrite: true, timing, spacing: new Spacing(cols, rows), dataType: 'uint16' });
  for (const index of timing.validIndices()) {
    const frame = new Uint16Array(rows * cols);
    const [cx, cy] = [4 + (index * 24) / 50, 12];
    for (let row = 0; row < rows; row++) {
      for (let col = 0; col < cols; col++) {
        const spot = 2000 * Math.exp(-((col - cx) ** 2 + (row - cy) ** 2) / 8);
        frame[row * cols + col] = Math.round(100 + 20 * random() + spot);
      }
    }
    await writer.writeFrame(index, frame);
  }
  await writer.finish();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await mkdir(dirname(DEMO_CELL_SET), { recursive: true });
  await makeDemoCellSet(DEMO_CELL_SET);
  await makeDemoMovie(DEMO_MOVIE);
  process.stdout.write(`wrote ${DEMO_CELL_SET} and ${DEMO_MOVIE}\n`);
}
