import { IsxError } from '../errors.js';
import { getAcquisitionInfo } from '../core/acquisitionInfo.js';
import { DataSet } from '../core/dataSet.js';
import type { Spacing } from '../core/spacing.js';
import type { Timing } from '../core/timing.js';
import type { ByteSource } from '../io/byteSource.js';
import { openFileWith } from '../io/openFileWith.js';
import type { JsonValue } from '../json/jsonValue.js';
import type { CellStatusName, VesselRecord } from '../core/records.js';
import { readFooter, type IsxdFooter } from './footer.js';
import { checkMemberIndex } from './setMembers.js';
import { parseVesselSetFooter, type CorrelationSize, type VesselSetHeader, type VesselSetType } from './vesselSetFooter.js';

export type { CorrelationSize, VesselSetType } from './vesselSetFooter.js';

/**
 * A vessel set `.isxd` (spec 7): one projection image, and per vessel a line, a trace and, depending on
 * the set type, center or direction traces and correlation heatmaps.
 *
 * Errors of spec 7.3: asking a set of the other type for center, direction or heatmaps is `E_KIND`;
 * asking for a part the file does not store is `E_UNSUPPORTED`; a vessel or time index past the end is
 * `E_RANGE`. The set type is checked before what was saved. The texts are isx's.
 */
export class VesselSet extends DataSet {
  readonly kind = 'vessel_set';
  readonly timing: Timing;
  readonly spacing: Spacing;
  readonly numVessels: number;
  readonly fileVersion: number;
  readonly setType: VesselSetType;

  private constructor(
    source: ByteSource,
    footer: IsxdFooter,
    private readonly header: VesselSetHeader,
  ) {
    super(source, footer.json);
    this.timing = header.timing;
    this.spacing = header.spacing;
    this.numVessels = header.members.names.length;
    this.fileVersion = header.fileVersion;
    this.setType = header.setType;
  }

  static async read(path: string): Promise<VesselSet> {
    return openFileWith(path, (source) => VesselSet.fromSource(source));
  }

  /** Opens a vessel set over any byte source; the caller keeps ownership of `source` on failure. */
  static async fromSource(source: ByteSource): Promise<VesselSet> {
    const footer = await readFooter(source);
    return new VesselSet(source, footer, parseVesselSetFooter(footer));
  }

  getVesselName(index: number): string {
    this.checkIndex(index);
    return this.header.members.names[index]!;
  }

  getVesselStatus(index: number): CellStatusName {
    this.checkIndex(index);
    return this.header.members.statuses[index]!;
  }

  /** Packed 0xAARRGGBB. */
  getVesselColor(index: number): number {
    this.checkIndex(index);
    return this.header.members.colors[index]!;
  }

  getVesselActive(index: number): boolean {
    this.checkIndex(index);
    return this.header.members.active[index]!;
  }

  /** The set's single projection image, rows·cols f32 row-major (the same for every vessel, spec 7.3). */
  async getVesselImageData(index: number): Promise<Float32Array> {
    this.checkIndex(index);
    const pixels = this.spacing.pixelCount;
    return floats(await this.source.readAt(0, 4 * pixels, 'projection image'), 0, pixels);
  }

  /** Line points as [x0, y0, x1, y1, ...]: 2 points for diameter sets, 4 for RBC sets. */
  async getVesselLineData(index: number): Promise<BigInt64Array> {
    this.checkIndex(index);
    const count = 2 * this.header.numPoints;
    const bytes = await this.source.readAt(this.header.layouts[index]!.offset, 8 * count, `vessel ${index} line`);
    return new BigInt64Array(bytes.buffer, 0, count);
  }

  /** Diameter or RBC velocity per time index. */
  async getVesselTrace(index: number): Promise<Float32Array> {
    this.checkIndex(index);
    const offset = this.header.layouts[index]!.offset + 16 * this.header.numPoints;
    return this.readTrace(offset, `vessel ${index} trace`);
  }

  /** Where along the line the diameter centre was estimated, per time index (diameter sets only). */
  async getVesselCenterTrace(index: number): Promise<Float32Array> {
    this.checkIndex(index);
    if (this.setType !== 'vessel diameter') {
      throw this.error('E_KIND', 'Model center can only be read from vessel diameter set but this is a rbc velocity set');
    }
    if (!this.header.centerSaved) throw this.error('E_UNSUPPORTED', 'No center point traces saved to vessel set file.');
    return this.readTrace(this.header.layouts[index]!.secondTraceOffset, `vessel ${index} center trace`);
  }

  /** Flow direction in degrees from +x, per time index (RBC sets only). */
  async getVesselDirectionTrace(index: number): Promise<Float32Array> {
    this.checkIndex(index);
    if (this.setType !== 'rbc velocity') throw this.error('E_KIND', 'Reading direction for diameter vessel set');
    if (!this.header.directionSaved) throw this.error('E_UNSUPPORTED', 'No direction traces saved to vessel set file.');
    return this.readTrace(this.header.layouts[index]!.secondTraceOffset, `vessel ${index} direction trace`);
  }

  /** True iff the footer lists correlation sizes (spec 7.3). */
  hasCorrelationHeatmaps(): boolean {
    return this.header.correlationSizes !== null;
  }

  /** Width and height of vessel `index`'s heatmaps, or null when the file stores none. */
  getCorrelationSize(index: number): CorrelationSize | null {
    this.checkIndex(index);
    // Diameter sets store no heatmaps even when the footer lists sizes (spec 7.2).
    if (this.header.layouts[index]!.heatmapOffset < 0) return null;
    return { ...this.header.correlationSizes![index]! };
  }

  /** The three heatmaps of time index `t` (offsets -1, 0, +1), each height·width f32 row-major. */
  async getVesselCorrelations(index: number, t: number): Promise<Float32Array> {
    this.checkIndex(index);
    const { width, height } = this.checkHeatmaps()[index]!;
    const numSamples = this.timing.numSamples;
    if (!Number.isSafeInteger(t) || t < 0) {
      throw this.error('E_ARGUMENT', `Time index ${t} is not a non-negative integer.`);
    }
    // spec 14: isxcore reads past the vessel here; we refuse.
    if (t >= numSamples) throw this.error('E_RANGE', `Time index ${t} is too large. There are only ${numSamples} samples.`);
    const count = 3 * width * height;
    const offset = this.header.layouts[index]!.heatmapOffset + 4 * count * t;
    return floats(await this.source.readAt(offset, 4 * count, `vessel ${index} heatmaps at time ${t}`), 0, count);
  }

  /** Every part of one vessel with one read: its bytes are contiguous (spec 7.2). */
  async readVessel(index: number): Promise<VesselRecord> {
    this.checkIndex(index);
    const { numPoints, layouts, members, setType } = this.header;
    const layout = layouts[index]!;
    const bytes = await this.source.readAt(layout.offset, layout.byteLength, `vessel ${index}`);
    const numSamples = this.timing.numSamples;
    const record: VesselRecord = {
      index,
      name: members.names[index]!,
      status: members.statuses[index]!,
      type: setType,
      color: members.colors[index]!,
      active: members.active[index]!,
      // A fresh read buffer is 8-byte aligned; the line comes first.
      line: new BigInt64Array(bytes.buffer, 0, 2 * numPoints),
      trace: floats(bytes, 16 * numPoints, numSamples),
    };
    if (layout.secondTraceOffset >= 0) {
      const second = floats(bytes, layout.secondTraceOffset - layout.offset, numSamples);
      if (setType === 'vessel diameter') record.centerTrace = second;
      else record.directionTrace = second;
    }
    if (layout.heatmapOffset >= 0) {
      const { width, height } = this.header.correlationSizes![index]!;
      const data = floats(bytes, layout.heatmapOffset - layout.offset, numSamples * 3 * width * height);
      record.correlations = { width, height, data };
    }
    return record;
  }

  /** The flat acquisition summary of spec 13, or null. */
  getAcquisitionInfo(): Record<string, JsonValue> | null {
    return getAcquisitionInfo(this.header.extraProperties);
  }

  private checkHeatmaps(): CorrelationSize[] {
    if (this.setType !== 'rbc velocity') {
      throw this.error('E_KIND', 'Correlation triptychs can only be read from rbc velocity set but this is a vessel diameter set');
    }
    const sizes = this.header.correlationSizes;
    if (sizes === null) throw this.error('E_UNSUPPORTED', 'No correlation heatmaps saved to vessel set file.');
    return sizes;
  }

  private async readTrace(offset: number, what: string): Promise<Float32Array> {
    const numSamples = this.timing.numSamples;
    return floats(await this.source.readAt(offset, 4 * numSamples, what), 0, numSamples);
  }

  private checkIndex(index: number): void {
    checkMemberIndex(index, this.numVessels, 'Vessel', this.filePath);
  }

  private error(code: 'E_KIND' | 'E_UNSUPPORTED' | 'E_RANGE' | 'E_ARGUMENT', detail: string): IsxError {
    return new IsxError(code, detail, { path: this.filePath });
  }
}

/**
 * `count` f32 values at `byteOffset` of a fresh (8-byte aligned) read buffer, as a view: offsets inside
 * a vessel are multiples of 4 (16·P line bytes, 4·T traces), and the host is little-endian (spec 0).
 */
function floats(bytes: Uint8Array, byteOffset: number, count: number): Float32Array {
  return new Float32Array(bytes.buffer, bytes.byteOffset + byteOffset, count);
}
