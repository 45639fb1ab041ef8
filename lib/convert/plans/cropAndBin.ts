import { bin } from '../../../transforms/bin.js';
import { crop } from '../../../transforms/crop.js';
import type { ConvertOptions } from '../convertOptions.js';
import type { Stage } from './tablePlan.js';

/** Adds the crop and bin stages, in that order, and returns the frame size they leave. */
export function addCropAndBin(stages: Stage[], options: ConvertOptions, [rows, cols]: readonly [number, number]): [rows: number, cols: number] {
  let size: [number, number] = [rows, cols];
  if (options.crop !== undefined) {
    stages.push(crop(options.crop));
    size = [options.crop.height, options.crop.width];
  }
  if (options.bin !== undefined) {
    stages.push(bin(options.bin));
    size = [Math.floor(size[0] / options.bin), Math.floor(size[1] / options.bin)];
  }
  return size;
}
