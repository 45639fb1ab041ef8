import { IsxError } from '../lib/errors.js';
import type { FrameRecord } from '../lib/core/records.js';

/**
 * How to tell the planes of a multiplane movie apart. The acquisition cycles through the planes frame by
 * frame, and each valid frame's header carries the e-focus it was taken at (spec 4.4).
 * - `efocusValues`: the planes' e-focus values in plane order; a frame's plane is the position of its
 *   `efocus` in this list. Frames without a header value (dropped, cropped, blank, or movies without
 *   frame headers) fall back to `index % efocusValues.length`.
 * - `numPlanes`: plane = `index % numPlanes`, ignoring headers.
 * The spec documents no plane list in movie metadata, so one of the two must be given.
 */
export interface PlaneSplit {
  efocusValues?: readonly number[];
  numPlanes?: number;
}

/**
 * A stage that de-interleaves a multiplane movie: each frame gets `plane` and its `index` becomes the
 * frame's position within its plane (0, 1, 2, ... per plane). Times and pixels are unchanged.
 */
export function planes(split: PlaneSplit): (frame: FrameRecord) => FrameRecord {
  const planeOf = choosePlaneRule(split);
  const nextIndex: number[] = [];
  return (frame) => {
    const plane = planeOf(frame);
    const index = nextIndex[plane] ?? 0;
    nextIndex[plane] = index + 1;
    return { ...frame, plane, index };
  };
}

function choosePlaneRule(split: PlaneSplit): (frame: FrameRecord) => number {
  const { efocusValues, numPlanes } = split;
  if ((efocusValues === undefined) === (numPlanes === undefined)) {
    throw new IsxError('E_ARGUMENT', 'planes: give either efocusValues or numPlanes');
  }
  if (numPlanes !== undefined) {
    if (!Number.isSafeInteger(numPlanes) || numPlanes < 1) {
      throw new IsxError('E_ARGUMENT', `planes: numPlanes must be a whole number >= 1, found ${numPlanes}`);
    }
    return (frame) => frame.index % numPlanes;
  }
  const planeByEfocus = new Map(efocusValues!.map((value, plane) => [value, plane]));
  if (planeByEfocus.size === 0 || planeByEfocus.size !== efocusValues!.length) {
    throw new IsxError('E_ARGUMENT', `planes: efocusValues must be distinct and not empty, found [${efocusValues!.join(', ')}]`);
  }
  return (frame) => {
    if (frame.efocus === undefined) return frame.index % planeByEfocus.size;
    const plane = planeByEfocus.get(frame.efocus);
    if (plane === undefined) {
      throw new IsxError(
        'E_ARGUMENT',
        `planes: frame ${frame.index} has e-focus ${frame.efocus}, which is not one of efocusValues [${efocusValues!.join(', ')}]`,
      );
    }
    return plane;
  };
}
