import { IsxError } from '../errors.js';
import { KIND_NAMES } from '../core/kinds.js';
import { Spacing } from '../core/spacing.js';
import { checkUnbackedSamples, Timing } from '../core/timing.js';
import { asBoolean, asSafeInteger, asUnsigned, field, optionalField } from '../json/fields.js';
import type { JsonValue } from '../json/jsonValue.js';
import { dataTypeFromCode, type DataTypeInfo } from '../core/dataType.js';
import type { IsxdFooter } from './footer.js';
import { FRAME_HEADER_BYTES } from './frameHeader.js';

/** Where the frames of a movie or image `.isxd` lie, derived from its footer (spec 4.1, 4.2). */
export interface MovieLayout {
  kind: 'movie' | 'image';
  dataType: DataTypeInfo;
  timing: Timing;
  spacing: Spacing;
  fileVersion: number;
  /** True when every stored frame sits between a 5120-byte header and footer (spec 4.2 `HF`). */
  hasHeaderFooter: boolean;
  /** Bytes of pixels in one frame (`P`). */
  pixelBytes: number;
  /** Bytes from one stored frame to the next (`S`). */
  strideBytes: number;
  /** The payload is `[0, payloadEnd)`. */
  payloadEnd: number;
  extraProperties: JsonValue | undefined;
}

/**
 * Reads the movie keys of an `.isxd` footer and checks that the payload holds every valid frame, so
 * later reads cannot run past it and no allocation trusts a size the file does not back.
 */
export function parseMovieFooter(footer: IsxdFooter): MovieLayout {
  const { json, site, payloadEnd } = footer;
  const { path } = site;
  const type = asSafeInteger(field(json, 'type', site), 'type', site);
  if (type !== 0 && type !== 4) {
    const name = KIND_NAMES[type] ?? `unknown type ${type}`;
    throw new IsxError('E_KIND', `expected a Movie or Image (footer type 0 or 4); found ${name} (type ${type})`, {
      path,
      offset: site.offset,
    });
  }
  const dataType = dataTypeFromCode(asSafeInteger(field(json, 'dataType', site), 'dataType', site), path, site.offset);
  const timing = Timing.fromJson(field(json, 'timingInfo', site), 'timingInfo', site);
  const spacing = Spacing.fromJson(field(json, 'spacingInfo', site), 'spacingInfo', site);
  const versionValue = optionalField(json, 'fileVersion');
  const fileVersion = versionValue === undefined ? 0 : asUnsigned(versionValue, 'fileVersion', site);
  // spec 4.1: the key is required from version 1 on and ignored before.
  const hasHeaderFooter = fileVersion >= 1 && asBoolean(field(json, 'hasFrameHeaderFooter', site), 'hasFrameHeaderFooter', site);

  // Spacing.fromJson bounds the pixel count (spec 3.4), so this is a safe integer.
  const pixelBytes = spacing.pixelCount * dataType.bytesPerPixel;
  const strideBytes = hasHeaderFooter ? FRAME_HEADER_BYTES + pixelBytes + FRAME_HEADER_BYTES : pixelBytes;
  checkPayloadSize(timing.numValid, strideBytes, payloadEnd, path);
  checkUnbackedSamples(timing, strideBytes > 0 ? timing.numValid : 0, 'timingInfo', site);
  return {
    kind: type === 0 ? 'movie' : 'image',
    dataType,
    timing,
    spacing,
    fileVersion,
    hasHeaderFooter,
    pixelBytes,
    strideBytes,
    payloadEnd,
    extraProperties: optionalField(json, 'extraProperties'),
  };
}

/** spec 4.2/14: the payload must hold `numValid · S` bytes (isxcore does not check; we do). */
function checkPayloadSize(numValid: number, strideBytes: number, payloadEnd: number, path: string): void {
  const expected = BigInt(numValid) * BigInt(strideBytes);
  if (expected <= BigInt(payloadEnd)) return;
  const framesPresent = strideBytes === 0 ? 0 : Math.floor(payloadEnd / strideBytes);
  throw new IsxError(
    'E_TRUNCATED',
    `footer lists ${numValid} stored frames of ${strideBytes} bytes (${expected} bytes); the payload before the footer at offset ${payloadEnd} holds ${payloadEnd} bytes, room for ${framesPresent} frames (truncated?)`,
    { path, offset: payloadEnd },
  );
}
