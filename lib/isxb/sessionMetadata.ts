import { Ratio } from '../core/ratio.js';
import { checkImageSize, Spacing } from '../core/spacing.js';
import { Time } from '../core/time.js';
import { checkTimingRange, checkUnbackedSamples, Timing } from '../core/timing.js';
import { IsxError } from '../errors.js';
import { asObject, asSafeInteger, asString, asUnsigned, field, optionalField, type JsonSite } from '../json/fields.js';
import type { JsonObject } from '../json/jsonValue.js';
import type { FrameMetadata, FrameSample } from './frameMetadata.js';
import type { IsxbHeader } from './isxbHeader.js';

/** What the session JSON and header say about a movie's geometry and timing (spec 8.4). */
export interface IsxbLayout {
  timing: Timing;
  spacing: Spacing;
  /** spec 8.3: the session JSON without `timingInfo` and `spacingInfo`. */
  extraProperties: JsonObject;
}

/**
 * spec 8.4: the session's `timingInfo`/`spacingInfo` when present (files re-written by isxcore), else
 * timing from the header and per-frame samples and spacing from `processingInterface[cameraName].recordFov`.
 */
export function describeLayout(header: IsxbHeader, frames: FrameMetadata, session: JsonObject, site: JsonSite): IsxbLayout {
  const timingValue = optionalField(session, 'timingInfo');
  const timing = timingValue === undefined ? deriveTiming(header, frames, site) : Timing.fromJson(timingValue, 'timingInfo', site);
  const spacingValue = optionalField(session, 'spacingInfo');
  const spacing = spacingValue === undefined ? deriveSpacing(session, site) : Spacing.fromJson(spacingValue, 'spacingInfo', site);
  // spec 8.5: stored JPEGs are the valid samples; any other count would map frames to the wrong image.
  if (timing.numValid !== header.numFrames) {
    throw new IsxError(
      'E_CORRUPT',
      `timing has ${timing.numSamples} samples with ${timing.numSamples - timing.numValid} invalid, so ${timing.numValid} stored frames; the header says numFrames ${header.numFrames}`,
      { path: site.path, offset: 32 },
    );
  }
  // Every stored frame is a JPEG in the video section (spec 8.5); cropped ranges have no bytes.
  checkUnbackedSamples(timing, timing.numValid, 'timingInfo', site);
  const extraProperties: JsonObject = {};
  for (const [key, value] of Object.entries(session)) {
    if (key !== 'timingInfo' && key !== 'spacingInfo') extraProperties[key] = value;
  }
  return { timing, spacing, extraProperties };
}

function deriveTiming(header: IsxbHeader, frames: FrameMetadata, site: JsonSite): Timing {
  const numSamples = header.numFrames + header.numDrops;
  for (const index of frames.droppedFrames) {
    if (index >= numSamples) {
      throw new IsxError('E_CORRUPT', `droppedFrames lists frame ${index}; the movie has ${numSamples} frames (numFrames + numDrops)`, {
        path: site.path,
        offset: header.meta.offset,
      });
    }
  }
  if (frames.samples === null) {
    throw new IsxError('E_HEADER', `per-frame JSON key "samples": expected a value, found nothing (needed for the period, spec 8.4)`, {
      path: site.path,
      offset: header.meta.offset,
    });
  }
  const timing = new Timing({
    numSamples,
    period: periodFromSamples(frames.samples, site),
    // spec 8.1: start in milliseconds, UTC offset in minutes.
    start: new Time(new Ratio(header.epochMs, 1000n), header.utcOffsetMinutes * 60),
    dropped: frames.droppedFrames,
  });
  checkTimingRange(timing, 'samples', { ...site, document: 'per-frame JSON' });
  return timing;
}

/**
 * spec 8.4: `(tsc_last - tsc_first) / ((fc_last - fc_first) · 10^6)` seconds, kept unreduced as isx
 * shows it. Needs two samples with different frame counters.
 */
export function periodFromSamples(samples: readonly FrameSample[], site: JsonSite): Ratio {
  const first = samples[0];
  const last = samples.at(-1);
  if (first === undefined || last === undefined || last.fc === first.fc) {
    throw new IsxError(
      'E_CORRUPT',
      `cannot derive the frame period: needs two samples with different frame counters (fc), found ${samples.length} sample(s)${first ? ` with fc ${first.fc}` : ''}`,
      { path: site.path, offset: site.offset },
    );
  }
  return new Ratio(last.tsc - first.tsc, (last.fc - first.fc) * 1_000_000n);
}

function deriveSpacing(session: JsonObject, site: JsonSite): Spacing {
  const cameraName = asString(field(session, 'cameraName', site), 'cameraName', site);
  const processing = asObject(field(session, 'processingInterface', site), 'processingInterface', site);
  const prefix = `processingInterface.${cameraName}`;
  const camera = asObject(field(processing, cameraName, site, prefix), prefix, site);
  const fov = asObject(field(camera, 'recordFov', site, `${prefix}.recordFov`), `${prefix}.recordFov`, site);
  const read = (key: string, as: typeof asSafeInteger): number => as(field(fov, key, site, `${prefix}.recordFov.${key}`), `${prefix}.recordFov.${key}`, site);
  const origin = { x: new Ratio(read('originx', asSafeInteger)), y: new Ratio(read('originy', asSafeInteger)) };
  const [width, height] = [read('width', asUnsigned), read('height', asUnsigned)];
  checkImageSize(width, height, `${prefix}.recordFov`, site);
  return new Spacing(width, height, { x: new Ratio(3), y: new Ratio(3) }, origin);
}
