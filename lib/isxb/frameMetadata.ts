import { IsxError } from '../errors.js';
import { asArrayOf, asBigInt, asObject, asUnsigned, field, optionalField, type JsonSite } from '../json/fields.js';
import type { JsonValue } from '../json/jsonValue.js';
import type { TrackingRecord } from '../core/records.js';
import { parseTracker } from './tracking.js';

/** One stored (recorded) frame's entry of the per-frame JSON (spec 8.2). */
export interface FrameSample {
  /** Hardware frame counter. */
  fc: bigint;
  /** Hardware timestamp, microseconds. */
  tsc: bigint;
  tracking?: TrackingRecord;
}

/** The per-frame JSON of an `.isxb` movie (spec 8.2). */
export interface FrameMetadata {
  /** One per recorded frame, or null when the file stores no per-frame JSON or no `samples` key. */
  samples: FrameSample[] | null;
  /** Time indices of dropped frames, as stored. */
  droppedFrames: number[];
}

/**
 * Reads the per-frame JSON document (`null` when `metaSize` is 0). `samples`, when present, must hold
 * exactly `numFrames` entries (spec 8.2: "Unexpected number of samples").
 */
export function parseFrameMetadata(document: JsonValue | null, numFrames: number, site: JsonSite): FrameMetadata {
  if (document === null) return { samples: null, droppedFrames: [] };
  const root = asObject(document, 'per-frame JSON', site);
  const droppedValue = optionalField(root, 'droppedFrames');
  const droppedFrames = droppedValue === undefined || droppedValue === null ? [] : asArrayOf(droppedValue, 'droppedFrames', site, asUnsigned);
  const samplesValue = optionalField(root, 'samples');
  if (samplesValue === undefined) return { samples: null, droppedFrames };
  const samples = asArrayOf(samplesValue, 'samples', site, parseSample);
  if (samples.length !== numFrames) {
    throw new IsxError('E_CORRUPT', `per-frame JSON at offset ${site.offset} has ${samples.length} samples; the header says numFrames ${numFrames}`, {
      path: site.path,
      offset: site.offset,
    });
  }
  return { samples, droppedFrames };
}

function parseSample(value: JsonValue, name: string, site: JsonSite): FrameSample {
  const sample = asObject(value, name, site);
  const result: FrameSample = {
    fc: asBigInt(field(sample, 'fc', site, `${name}.fc`), `${name}.fc`, site),
    tsc: asBigInt(field(sample, 'tsc', site, `${name}.tsc`), `${name}.tsc`, site),
  };
  const tracker = optionalField(sample, 'tracker');
  if (tracker !== undefined && tracker !== null) {
    const tracking = parseTracker(tracker, `${name}.tracker`, site);
    if (tracking) result.tracking = tracking;
  }
  return result;
}
