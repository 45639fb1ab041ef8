import { IsxError } from '../errors.js';
import { DataSetKind } from '../core/kinds.js';
import { Spacing } from '../core/spacing.js';
import { checkUnbackedSamples, Timing } from '../core/timing.js';
import {
  asArray,
  asArrayOf,
  asBigInt,
  asBoolean,
  asNumber,
  asObject,
  asUnsigned,
  field,
  isJsonObject,
  optionalField,
  type JsonSite,
} from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import type { IsxdFooter } from './footer.js';
import { expectKind, parseMembers, type SetMembers } from './setMembers.js';

/** An integer pixel position: `x` is the column, `y` the row. */
export interface PixelPoint {
  x: number;
  y: number;
}

/** Shape metrics of one cell's footprint (spec 5.1 `cellMetrics`). A centre isxcore did not compute is null. */
export interface CellMetrics {
  numComponents: number;
  overallCenter: PixelPoint | null;
  largestComponentCenter: PixelPoint | null;
  overallArea: number;
  largestComponentArea: number;
  overallMaxContourWidth: number;
  largestComponentMaxContourWidth: number;
}

/** spec 2: INT64_MIN in a metric centre means "not computed". */
export const NOT_COMPUTED = -(2n ** 63n);

/** Everything a cell set's footer says, checked against the payload size. */
export interface CellSetHeader {
  fileVersion: number;
  timing: Timing;
  spacing: Spacing;
  isRoiSet: boolean;
  members: SetMembers;
  /** One entry per cell; null when the file has no metrics for it. */
  metrics: (CellMetrics | null)[];
  efocusValues: number[];
  /** Acquisition metadata; only read from `fileVersion` 5 on (spec 5.1). */
  extraProperties: JsonValue | undefined;
  /** Bytes of one cell in the payload: footprint then trace, f32 (spec 5.2). */
  cellByteLength: number;
}

/** Parses a cell-set footer (spec 5.1) and checks the cell count against the payload (spec 5.2). */
export function parseCellSetFooter({ json, payloadEnd, site }: IsxdFooter): CellSetHeader {
  expectKind(json, DataSetKind.CELLSET, site);
  const fileVersion = asUnsigned(field(json, 'fileVersion', site), 'fileVersion', site);
  const timing = Timing.fromJson(field(json, 'timingInfo', site), 'timingInfo', site);
  const spacing = Spacing.fromJson(field(json, 'spacingInfo', site), 'spacingInfo', site);
  const isRoiSet = asBoolean(field(json, 'isRoiSet', site), 'isRoiSet', site);
  const members = parseMembers(json, 'Cell', fileVersion, site);
  if (fileVersion >= 3) checkRegistrationKeys(json, site);
  const extraProperties = fileVersion >= 5 ? optionalField(json, 'extraProperties') : undefined;
  const metricsValue = fileVersion >= 4 ? optionalField(json, 'cellMetrics') : undefined;
  const metrics =
    metricsValue === undefined || metricsValue === null
      ? members.names.map(() => null)
      : parseMetricsList(metricsValue, members.names.length, site);
  const cellByteLength = checkCellCount(members.names.length, timing, spacing, payloadEnd, site);
  // Each cell stores a trace sample for every time index; without cells no sample has bytes (spec 5.2).
  checkUnbackedSamples(timing, members.names.length > 0 ? timing.numSamples : 0, 'timingInfo', site);
  return {
    fileVersion,
    timing,
    spacing,
    isRoiSet,
    members,
    metrics,
    efocusValues: parseEfocusValues(json, extraProperties, site),
    extraProperties,
    cellByteLength,
  };
}

/**
 * spec 5.2: the payload holds floor(H / B) cells and that must equal the footer's count (trailing bytes
 * shorter than one cell are tolerated). Sizes go through bigint so a lying footer cannot overflow.
 */
function checkCellCount(headerCells: number, timing: Timing, spacing: Spacing, payloadEnd: number, site: JsonSite): number {
  const cellBytes = 4n * (BigInt(spacing.numRows) * BigInt(spacing.numCols) + BigInt(timing.numSamples));
  // Cells without pixels or samples take no bytes: any count fits.
  const fileCells = cellBytes === 0n ? headerCells : Number(BigInt(payloadEnd) / cellBytes);
  if (fileCells !== headerCells) {
    throw new IsxError(
      'E_CORRUPT',
      `Number of cells in header (${headerCells}) does not match number of cells in file (${fileCells}): ` +
        `payload is ${payloadEnd} bytes, ${cellBytes} bytes per cell (4·(rows·cols + numSamples))`,
      { path: site.path, offset: payloadEnd },
    );
  }
  // At least one cell fits in the payload, or the size is never used to read.
  return headerCells === 0 ? 0 : Number(cellBytes);
}

/** spec 5.1: multi-session registration keys, required from version 3 and kept only in `metadata`. */
function checkRegistrationKeys(json: JsonObject, site: JsonSite): void {
  asUnsigned(field(json, 'SizeGlobalCS', site), 'SizeGlobalCS', site);
  asArrayOf(field(json, 'Matches', site), 'Matches', site, asBigInt);
  asArrayOf(field(json, 'PairScores', site), 'PairScores', site, asNumber);
  asArrayOf(field(json, 'CentroidDistances', site), 'CentroidDistances', site, asNumber);
}

function parseMetricsList(value: JsonValue, numCells: number, site: JsonSite): (CellMetrics | null)[] {
  const list = asArray(value, 'cellMetrics', site);
  // A list shorter than the cells leaves the rest without metrics; isxcore does not check its length.
  return Array.from({ length: numCells }, (_, i) => {
    const entry = list[i];
    return entry === undefined ? null : parseMetrics(entry, `cellMetrics[${i}]`, site);
  });
}

/** `{}` means no metrics; otherwise the 7-element array of spec 5.1. */
function parseMetrics(value: JsonValue, name: string, site: JsonSite): CellMetrics | null {
  if (isJsonObject(value) && Object.keys(value).length === 0) return null;
  const items = asArray(value, name, site);
  if (items.length !== 7) {
    throw new IsxError('E_HEADER', `${site.document} key "${name}": expected 7 metrics, found ${items.length}`, {
      path: site.path,
      offset: site.offset,
    });
  }
  const number = (k: number): number => asNumber(items[k], `${name}[${k}]`, site);
  return {
    numComponents: asUnsigned(items[0], `${name}[0]`, site),
    overallCenter: parseCenter(items[1], `${name}[1]`, site),
    largestComponentCenter: parseCenter(items[2], `${name}[2]`, site),
    overallArea: number(3),
    largestComponentArea: number(4),
    overallMaxContourWidth: number(5),
    largestComponentMaxContourWidth: number(6),
  };
}

function parseCenter(value: JsonValue | undefined, name: string, site: JsonSite): PixelPoint | null {
  const point = asObject(value, name, site);
  const x = asBigInt(field(point, 'x', site, `${name}.x`), `${name}.x`, site);
  const y = asBigInt(field(point, 'y', site, `${name}.y`), `${name}.y`, site);
  if (x === NOT_COMPUTED || y === NOT_COMPUTED) return null;
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  if (x > limit || x < -limit || y > limit || y < -limit) {
    throw new IsxError('E_RANGE', `${site.document} key "${name}": centre (${x}, ${y}) is not a pixel position`, {
      path: site.path,
      offset: site.offset,
    });
  }
  return { x: Number(x), y: Number(y) };
}

/** spec 5.1: `efocusValues`, else `extraProperties.idps.efocus`, else `[0]`. */
function parseEfocusValues(json: JsonObject, extraProperties: JsonValue | undefined, site: JsonSite): number[] {
  const stored = optionalField(json, 'efocusValues');
  if (stored !== undefined && stored !== null) return asArrayOf(stored, 'efocusValues', site, asUnsigned);
  const idps = isJsonObject(extraProperties) ? optionalField(extraProperties, 'idps') : undefined;
  const efocus = isJsonObject(idps) ? optionalField(idps, 'efocus') : undefined;
  if (efocus === undefined || efocus === null) return [0];
  const name = 'extraProperties.idps.efocus';
  return Array.isArray(efocus) ? asArrayOf(efocus, name, site, asUnsigned) : [asUnsigned(efocus, name, site)];
}
