import { IsxError } from '../lib/errors.js';
import type { PixelArray } from '../lib/core/dataType.js';
import type { FrameRecord } from '../lib/core/records.js';

/** A rectangle in pixels: `x` is the first column, `y` the first row. */
export interface CropRectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Anything with a row-major image: frames, and decoded video frames. */
export interface ImageRecord {
  data: PixelArray;
  rows: number;
  cols: number;
}

/**
 * A stage that crops each frame to `rect` (same pixel type; `rows`/`cols` become `height`/`width`).
 * The rectangle must lie inside the frame; a frame it does not fit is an E_ARGUMENT error.
 */
export function crop<T extends ImageRecord = FrameRecord>(rect: CropRectangle): (frame: T) => T {
  for (const key of ['x', 'y', 'width', 'height'] as const) {
    const value = rect[key];
    const least = key === 'width' || key === 'height' ? 1 : 0;
    if (!Number.isSafeInteger(value) || value < least) {
      throw new IsxError('E_ARGUMENT', `crop: ${key} must be a whole number >= ${least}, found ${value}`);
    }
  }
  return (frame) => {
    if (rect.x + rect.width > frame.cols || rect.y + rect.height > frame.rows) {
      throw new IsxError(
        'E_ARGUMENT',
        `crop: rectangle x=${rect.x} y=${rect.y} width=${rect.width} height=${rect.height} does not fit in a frame of ${frame.cols} columns by ${frame.rows} rows`,
      );
    }
    return { ...frame, data: cropPixels(frame.data, frame.cols, rect), rows: rect.height, cols: rect.width };
  };
}

/** Copies the rectangle row by row (one `set` per row). */
function cropPixels(data: PixelArray, cols: number, rect: CropRectangle): PixelArray {
  const out = new (data.constructor as { new (length: number): PixelArray })(rect.width * rect.height);
  for (let r = 0; r < rect.height; r++) {
    const from = (rect.y + r) * cols + rect.x;
    out.set(data.subarray(from, from + rect.width), r * rect.width);
  }
  return out;
}
