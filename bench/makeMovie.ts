import { Ratio } from '../lib/core/ratio.js';
import { Spacing } from '../lib/core/spacing.js';
import { Time } from '../lib/core/time.js';
import { Timing } from '../lib/core/timing.js';
import { MovieWriter } from '../lib/isxd/writeMovie.js';

/** A synthetic uint16 movie written with our own MovieWriter: noisy frames so compression has work to do. */
export async function makeMovie(path: string, numFrames: number, rows: number, cols: number): Promise<void> {
  const writer = await MovieWriter.create(path, {
    timing: new Timing({ numSamples: numFrames, period: new Ratio(1n, 20n), start: Time.fromMicros(1_648_798_026_332_000) }),
    spacing: new Spacing(cols, rows),
    dataType: 'uint16',
    overwrite: true,
  });
  const frame = new Uint16Array(rows * cols);
  let seed = 12345;
  for (let i = 0; i < numFrames; i++) {
    for (let p = 0; p < frame.length; p++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      frame[p] = 1000 + ((p >> 4) & 0xff) + (seed >>> 28);
    }
    await writer.writeFrame(i, frame);
  }
  await writer.finish();
}
