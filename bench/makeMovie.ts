import { Ratio } from '../lib/core/ratio.js';
import { Spacing } from '../lib/core/spacing.js';
import { Time } from '../lib/core/time.js';
import { Timing } from '../lib/core/timing.js';
import { MovieWriter } from '../lib/isxd/writeMovie.js';

/** Noise values drawn once: a frame's noise is a window of this table at a frame-dependent offset. */
const NOISE_VALUES = 1 << 22;
const CELLS = 300;
const CELL_RADIUS = 6;

/** A small deterministic generator (LCG) so every run writes the same bytes. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A synthetic calcium-imaging movie written with our own MovieWriter: 12-bit uint16 values (0..4095) made
 * of a vignetted background, a few hundred round cells whose brightness follows sparse transients (a jump,
 * then an exponential decay) and shot-like noise. Deterministic: the same arguments give the same file.
 */
export async function makeMovie(path: string, numFrames: number, rows: number, cols: number): Promise<void> {
  const writer = await MovieWriter.create(path, {
    timing: new Timing({ numSamples: numFrames, period: new Ratio(1n, 20n), start: Time.fromMicros(1_648_798_026_332_000) }),
    spacing: new Spacing(cols, rows),
    dataType: 'uint16',
    overwrite: true,
  });
  const random = lcg(12345);
  const noise = new Int16Array(NOISE_VALUES);
  // Sum of four uniforms: roughly normal, sd ~ 23 counts.
  for (let i = 0; i < NOISE_VALUES; i++) noise[i] = Math.round((random() + random() + random() + random() - 2) * 40);
  const background = new Float32Array(rows * cols);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      const dx = (x - cols / 2) / cols;
      const dy = (y - rows / 2) / rows;
      background[y * cols + x] = 900 + 500 * Math.exp(-4 * (dx * dx + dy * dy));
    }
  }
  const cells = Array.from({ length: CELLS }, () => ({
    x: CELL_RADIUS + Math.floor(random() * (cols - 2 * CELL_RADIUS)),
    y: CELL_RADIUS + Math.floor(random() * (rows - 2 * CELL_RADIUS)),
    activity: 0,
  }));
  const frame = new Uint16Array(rows * cols);
  const signal = new Float32Array(rows * cols);
  for (let i = 0; i < numFrames; i++) {
    signal.set(background);
    for (const cell of cells) {
      cell.activity *= 0.9;
      if (random() < 0.01) cell.activity += 800 + 1500 * random();
      if (cell.activity < 1) continue;
      for (let dy = -CELL_RADIUS; dy <= CELL_RADIUS; dy++) {
        for (let dx = -CELL_RADIUS; dx <= CELL_RADIUS; dx++) {
          const r2 = dx * dx + dy * dy;
          if (r2 <= CELL_RADIUS * CELL_RADIUS) signal[(cell.y + dy) * cols + cell.x + dx]! += cell.activity * (1 - r2 / (CELL_RADIUS * CELL_RADIUS + 1));
        }
      }
    }
    const offset = Math.floor(random() * (NOISE_VALUES - frame.length));
    for (let p = 0; p < frame.length; p++) {
      const value = Math.round(signal[p]! + noise[offset + p]!);
      frame[p] = value < 0 ? 0 : value > 4095 ? 4095 : value;
    }
    await writer.writeFrame(i, frame);
  }
  await writer.finish();
}
