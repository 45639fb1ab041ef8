import { Ratio } from '../lib/core/ratio.js';
import { Spacing } from '../lib/core/spacing.js';
import { Time } from '../lib/core/time.js';
import { Timing } from '../lib/core/timing.js';
import { CellSetWriter } from '../lib/isxd/writeCellSet.js';

/**
 * A synthetic cell set written with our own CellSetWriter: `numCells` cells of `numSamples` noisy trace
 * values (a slow wave plus noise, like dF/F traces) and small `rows`x`cols` footprints.
 */
export async function makeCellSet(path: string, numCells: number, numSamples: number, rows: number, cols: number): Promise<void> {
  const writer = await CellSetWriter.create(path, {
    timing: new Timing({ numSamples, period: new Ratio(1n, 20n), start: Time.fromMicros(1_648_798_026_332_000) }),
    spacing: new Spacing(cols, rows),
    overwrite: true,
  });
  const trace = new Float32Array(numSamples);
  const footprint = new Float32Array(rows * cols);
  let seed = 12345;
  const noise = (): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32 - 0.5;
  };
  for (let c = 0; c < numCells; c++) {
    for (let i = 0; i < numSamples; i++) trace[i] = Math.sin((i + c * 37) / 200) + 0.1 * noise();
    footprint.fill(0);
    footprint[(c * 7) % footprint.length] = 1;
    await writer.writeCell(c, { footprint, trace, name: `C${c}` });
  }
  await writer.finish();
}
