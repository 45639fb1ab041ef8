import { IsxError } from '../errors.js';
import { DataSetKind } from '../core/kinds.js';
import { Spacing } from '../core/spacing.js';
import { checkUnbackedSamples, Timing } from '../core/timing.js';
import { asArray, asObject, asString, asUnsigned, field, optionalField, type JsonSite } from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import type { IsxdFooter } from './footer.js';
import { expectKind, parseMembers, type SetMembers } from './setMembers.js';

export type VesselSetType = 'vessel diameter' | 'rbc velocity';

/** `extraProperties.idps.vesselset.type` of RBC sets; any other string means a diameter set (spec 1.2). */
export const RBC_TYPE_NAME = 'red blood cell velocity';

export interface CorrelationSize {
  width: number;
  height: number;
}

/** Where one vessel's parts lie in the payload (spec 7.2); offsets are absolute. */
export interface VesselLayout {
  offset: number;
  byteLength: number;
  /** Offset of the center (diameter) or direction (RBC) trace, or -1 when not stored. */
  secondTraceOffset: number;
  /** Offset of the heatmaps, or -1 when not stored. */
  heatmapOffset: number;
}

export interface VesselSetHeader {
  fileVersion: number;
  timing: Timing;
  spacing: Spacing;
  members: SetMembers;
  setType: VesselSetType;
  /** Line points per vessel: 2 for diameter sets, 4 (the velocity box) for RBC sets. */
  numPoints: number;
  centerSaved: boolean;
  directionSaved: boolean;
  /** One size per vessel when `VesselCorrelationSizes` is present, else null. */
  correlationSizes: CorrelationSize[] | null;
  extraProperties: JsonValue;
  layouts: VesselLayout[];
}

/** Parses a vessel-set footer (spec 7.1) and checks the payload size against it (spec 7.2). */
export function parseVesselSetFooter({ json, payloadEnd, site }: IsxdFooter): VesselSetHeader {
  expectKind(json, DataSetKind.VESSELSET, site);
  const fileVersion = asUnsigned(field(json, 'fileVersion', site), 'fileVersion', site);
  if (fileVersion < 5) {
    // spec 7.1: the set type lives in extraProperties, which only version 5 stores.
    throw new IsxError(
      'E_UNSUPPORTED',
      `vessel set fileVersion ${fileVersion} cannot be read: the set type (extraProperties.idps.vesselset.type) needs fileVersion 5`,
      { path: site.path, offset: site.offset },
    );
  }
  const timing = Timing.fromJson(field(json, 'timingInfo', site), 'timingInfo', site);
  const spacing = Spacing.fromJson(field(json, 'spacingInfo', site), 'spacingInfo', site);
  const members = parseMembers(json, 'Vessel', fileVersion, site);
  const extraProperties = field(json, 'extraProperties', site);
  const setType = parseSetType(extraProperties, site);
  const numVessels = members.names.length;
  const sizesValue = optionalField(json, 'VesselCorrelationSizes');
  const correlationSizes = sizesValue === undefined ? null : parseCorrelationSizes(sizesValue, numVessels, site);
  const header = {
    fileVersion,
    timing,
    spacing,
    members,
    setType,
    numPoints: setType === 'rbc velocity' ? 4 : 2,
    centerSaved: optionalField(json, 'VesselCenterSaved') !== undefined,
    directionSaved: optionalField(json, 'VesselDirectionSaved') !== undefined,
    correlationSizes,
    extraProperties,
  };
  const layouts = layOutVessels(header, payloadEnd, site);
  // Each vessel stores a trace over every time index (spec 7.2); without vessels no sample has bytes.
  checkUnbackedSamples(timing, numVessels > 0 ? timing.numSamples : 0, 'timingInfo', site);
  return { ...header, layouts };
}

function parseSetType(extraProperties: JsonValue, site: JsonSite): VesselSetType {
  const path = 'extraProperties.idps.vesselset';
  const idps = asObject(field(asObject(extraProperties, 'extraProperties', site), 'idps', site, 'extraProperties.idps'), 'extraProperties.idps', site);
  const vesselset = asObject(field(idps, 'vesselset', site, path), path, site);
  const type = asString(field(vesselset, 'type', site, `${path}.type`), `${path}.type`, site);
  return type === RBC_TYPE_NAME ? 'rbc velocity' : 'vessel diameter';
}

function parseCorrelationSizes(value: JsonValue, numVessels: number, site: JsonSite): CorrelationSize[] {
  const list = asArray(value, 'VesselCorrelationSizes', site);
  if (list.length !== numVessels) {
    throw new IsxError('E_CORRUPT', `VesselCorrelationSizes has ${list.length} entries for ${numVessels} vessels`, {
      path: site.path,
      offset: site.offset,
    });
  }
  return list.map((entry, i) => {
    const name = `VesselCorrelationSizes[${i}]`;
    const pair = asArray(entry, name, site);
    if (pair.length !== 2) {
      throw new IsxError('E_HEADER', `${site.document} key "${name}": expected [width, height], found ${pair.length} values`, {
        path: site.path,
        offset: site.offset,
      });
    }
    return { width: asUnsigned(pair[0], `${name}[0]`, site), height: asUnsigned(pair[1], `${name}[1]`, site) };
  });
}

/**
 * spec 7.2: the projection image, then each vessel's line, trace and optional parts, then 16·P zero bytes
 * of padding; the payload must be exactly that long (empty for 0 vessels). Sums use bigint so a lying
 * footer cannot overflow before the comparison.
 */
function layOutVessels(header: Omit<VesselSetHeader, 'layouts'>, payloadEnd: number, site: JsonSite): VesselLayout[] {
  const { timing, spacing, setType, numPoints, correlationSizes } = header;
  const numVessels = header.members.names.length;
  const traceBytes = 4n * BigInt(timing.numSamples);
  const lineBytes = 16n * BigInt(numPoints);
  const hasSecondTrace = setType === 'rbc velocity' ? header.directionSaved : header.centerSaved;
  const sizes = setType === 'rbc velocity' ? correlationSizes : null;
  const layouts: { offset: bigint; byteLength: bigint; second: bigint; heatmap: bigint }[] = [];
  let at = numVessels === 0 ? 0n : 4n * BigInt(spacing.numRows) * BigInt(spacing.numCols);
  for (let v = 0; v < numVessels; v++) {
    const second = hasSecondTrace ? at + lineBytes + traceBytes : -1n;
    const heatmapStart = at + lineBytes + traceBytes * (hasSecondTrace ? 2n : 1n);
    const size = sizes?.[v];
    const heatmapBytes = size ? 3n * traceBytes * BigInt(size.width) * BigInt(size.height) : 0n;
    const byteLength = heatmapStart + heatmapBytes - at;
    layouts.push({ offset: at, byteLength, second, heatmap: size ? heatmapStart : -1n });
    at += byteLength;
  }
  const expected = numVessels === 0 ? 0n : at + lineBytes;
  if (expected !== BigInt(payloadEnd)) {
    throw new IsxError(
      'E_CORRUPT',
      `Number of vessels in header (${numVessels}) does not match number of vessels in file: payload is ${payloadEnd} bytes, ` +
        (numVessels === 0
          ? 'a set without vessels has none'
          : `the footer describes ${expected} (projection image, ${numVessels} vessels, ${lineBytes} bytes of padding)`),
      { path: site.path, offset: payloadEnd },
    );
  }
  // Every offset is now within the payload, so plain numbers are exact.
  return layouts.map((l) => ({
    offset: Number(l.offset),
    byteLength: Number(l.byteLength),
    secondTraceOffset: Number(l.second),
    heatmapOffset: Number(l.heatmap),
  }));
}

/** The footer keys that say a diameter or RBC set stores more than its traces (spec 16). */
export function encodeVesselExtras(
  setType: VesselSetType,
  correlationSizes: readonly CorrelationSize[] | null,
): JsonObject {
  if (setType === 'vessel diameter') return { VesselCenterSaved: true };
  const extras: JsonObject = { VesselDirectionSaved: true };
  if (correlationSizes) extras.VesselCorrelationSizes = correlationSizes.map((s) => [s.width, s.height]);
  return extras;
}
