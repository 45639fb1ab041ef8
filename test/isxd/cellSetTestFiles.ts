import { Spacing } from '../../lib/core/spacing.js';
import type { Timing } from '../../lib/core/timing.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';
export { rejection } from '../helpers/errors.js';
export { makeTiming, writeRawIsxd } from '../helpers/isxdFiles.js';

/** Shared by the cell-set and vessel-set tests: small timings, geometry and hand-built files. */

export function makeSpacing(cols: number, rows: number): Spacing {
  return new Spacing(cols, rows);
}

/** Values 0, 1, 2, ... scaled, so that every position is distinguishable. */
export function ramp(length: number, base = 0): Float32Array {
  return Float32Array.from({ length }, (_, i) => base + i * 0.5);
}

/** The smallest cell-set footer isx accepts (spec 16): fileVersion 0 keys only. */
export function minimalCellSetFooter(names: string[], timing: Timing, spacing: Spacing): JsonObject {
  return {
    type: 1,
    dataType: 'float',
    fileVersion: 0,
    timingInfo: timing.toJson(),
    spacingInfo: spacing.toJson(),
    CellNames: names,
    CellStatuses: names.map(() => 1),
    isRoiSet: false,
  };
}

/** Payload bytes of cells whose footprints and traces are `ramp`s starting at 100·cell. */
export function cellPayload(numCells: number, pixels: number, numSamples: number): Uint8Array {
  const values = new Float32Array(numCells * (pixels + numSamples));
  for (let c = 0; c < numCells; c++) {
    values.set(ramp(pixels, 100 * c), c * (pixels + numSamples));
    values.set(ramp(numSamples, 100 * c + 50), c * (pixels + numSamples) + pixels);
  }
  return new Uint8Array(values.buffer);
}
