import { Spacing } from '../../lib/core/spacing.js';
import type { Timing } from '../../lib/core/timing.js';
import { dataTypeFromName, type DataTypeName, type PixelArray } from '../../lib/core/dataType.js';
import type { FrameHeader } from '../../lib/isxd/frameHeader.js';
import { MovieWriter, type MovieWriterOptions } from '../../lib/isxd/writeMovie.js';
export { rejection, thrown } from '../helpers/errors.js';
export { makeTiming } from '../helpers/isxdFiles.js';

/** Shared by the movie tests: small synthetic movies written with our own writer. */

/** Pixels that differ per frame and per position, in range for every data type. */
export function framePixels(dataType: DataTypeName, pixelCount: number, frame: number): PixelArray {
  const out = new (dataTypeFromName(dataType).ArrayType)(pixelCount);
  for (let p = 0; p < pixelCount; p++) out[p] = dataType === 'float32' ? frame * 1000 + p + 0.25 : (frame * 7 + p * 3 + 1) % 251;
  return out;
}

export interface TestMovie {
  timing: Timing;
  spacing?: Spacing;
  dataType: DataTypeName;
  hasFrameHeaderFooter?: boolean;
  fileVersion?: 0 | 1;
  extraProperties?: MovieWriterOptions['extraProperties'];
  header?: (index: number) => Partial<FrameHeader>;
}

/** Writes every valid frame with `framePixels` and returns the spacing used. */
export async function writeTestMovie(path: string, movie: TestMovie): Promise<Spacing> {
  const spacing = movie.spacing ?? new Spacing(5, 3);
  const writer = await MovieWriter.create(path, { ...movie, spacing, overwrite: true });
  for (const i of movie.timing.validIndices()) {
    await writer.writeFrame(i, framePixels(movie.dataType, spacing.pixelCount, i), movie.header?.(i));
  }
  await writer.finish();
  return spacing;
}


