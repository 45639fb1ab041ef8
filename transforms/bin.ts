import { IsxError } from '../lib/errors.js';
import type { PixelArray } from '../lib/core/dataType.js';
import type { FrameRecord } from '../lib/core/records.js';
import type { ImageRecord } from './crop.js';

/**
 * A stage that bins each frame by `factor`×`factor` pixels, each output pixel the mean of its block.
 * The output keeps the input's pixel type: float32 stays float32 (exact mean of the block, computed in
 * float64 then stored), uint8/uint16 means are rounded half up (`Math.round`), which always fits the
 * type. Trailing rows and columns that do not fill a whole block are dropped, so a 5×7 frame binned by
 * 2 becomes 2×3.
 */
export function bin<T extends ImageRecord = FrameRecord>(factor: number): (frame: T) => T {
  if (!Number.isSafeInteger(factor) || factor < 1) {
    throw new IsxError('E_ARGUMENT', `bin: factor must be a whole number >= 1, found ${factor}`);
  }
  return (frame) => {
    const rows = Math.floor(frame.rows / factor);
    const cols = Math.floor(frame.cols / factor);
    if (rows === 0 || cols === 0) {
      throw new IsxError('E_ARGUMENT', `bin: factor ${factor} is larger than the frame (${frame.cols} columns by ${frame.rows} rows)`);
    }
    return { ...frame, data: binPixels(frame.data, frame.cols, rows, cols, factor), rows, cols };
  };
}

function binPixels(data: PixelArray, inCols: number, rows: number, cols: number, factor: number): PixelArray {
  const out = new (data.constructor as { new (length: number): PixelArray })(rows * cols);
  const sums = new Float64Array(cols);
  const round = !(data instanceof Float32Array);
  const area = factor * factor;
  for (let r = 0; r < rows; r++) {
    sums.fill(0);
    // Sum the block rows into one row of column sums, then each output pixel sums `factor` of those.
    for (let dy = 0; dy < factor; dy++) {
      let at = (r * factor + dy) * inCols;
      for (let c = 0; c < cols; c++) {
        let sum = 0;
        for (let dx = 0; dx < factor; dx++) sum += data[at + dx]!;
        sums[c]! += sum;
        at += factor;
      }
    }
    const base = r * cols;
    if (round) for (let c = 0; c < cols; c++) out[base + c] = Math.round(sums[c]! / area);
    else for (let c = 0; c < cols; c++) out[base + c] = sums[c]! / area;
  }
  return out;
}
