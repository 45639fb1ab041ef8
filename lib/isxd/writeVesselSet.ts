import { IsxError } from '../errors.js';
import { DataSetKind } from '../core/kinds.js';
import type { Spacing } from '../core/spacing.js';
import type { Timing } from '../core/timing.js';
import { AtomicFile } from '../io/atomicFile.js';
import { isJsonObject } from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import { bytesOf } from './writeCellSet.js';
import { finishIsxd, PRODUCER } from './writeFooter.js';
import { encodeMembers, normalizeMember, type MemberOptions } from './setMembers.js';
import { encodeVesselExtras, RBC_TYPE_NAME, type CorrelationSize, type VesselSetType } from './vesselSetFooter.js';

export interface VesselSetWriterOptions {
  timing: Timing;
  spacing: Spacing;
  setType: VesselSetType;
  overwrite?: boolean;
  /** Kept as given, with `idps.vesselset.type` set from `setType` (spec 7.1 requires it). */
  extraProperties?: JsonObject;
}

interface VesselCommon extends MemberOptions {
  /** The set's projection image (rows·cols, row-major): required with vessel 0, not stored again later. */
  image?: Float32Array;
  /** Pixel coordinates [x0, y0, x1, y1, ...]. */
  line: BigInt64Array | readonly (number | bigint)[];
  /** One value per time index; invalid indices are overwritten with NaN (spec 7.3). */
  trace: Float32Array;
}

export interface DiameterVessel extends VesselCommon {
  centerTrace: Float32Array;
}

export interface RbcVessel extends VesselCommon {
  directionTrace: Float32Array;
  /** numSamples × 3 × height × width values (offsets -1, 0, +1 per time index). */
  correlations?: { width: number; height: number; data: Float32Array };
}

/**
 * Writes a vessel set `.isxd`, fileVersion 5 (spec 16): vessels in increasing index order, then `finish`
 * adds the padding isxcore leaves (spec 7.2) and the footer.
 */
export class VesselSetWriter {
  private readonly members: ReturnType<typeof normalizeMember>[] = [];
  private readonly correlationSizes: CorrelationSize[] = [];
  private readonly invalidIndices: number[] = [];
  private done = false;

  private constructor(
    private readonly file: AtomicFile,
    private readonly options: VesselSetWriterOptions,
  ) {
    for (let i = 0; i < options.timing.numSamples; i++) if (!options.timing.isValid(i)) this.invalidIndices.push(i);
  }

  static async create(path: string, options: VesselSetWriterOptions): Promise<VesselSetWriter> {
    if (options.setType !== 'vessel diameter' && options.setType !== 'rbc velocity') {
      throw new IsxError('E_ARGUMENT', `setType must be 'vessel diameter' or 'rbc velocity', not ${JSON.stringify(options.setType)}`, { path });
    }
    const file = await AtomicFile.create(path, { overwrite: options.overwrite ?? false });
    return new VesselSetWriter(file, options);
  }

  get path(): string {
    return this.file.path;
  }

  async writeDiameterVessel(index: number, vessel: DiameterVessel): Promise<void> {
    this.checkVessel(index, vessel, 'vessel diameter');
    this.checkSeries(`vessel ${index} centerTrace`, vessel.centerTrace);
    await this.writeParts(index, vessel, [bytesOf(vessel.centerTrace)], null);
  }

  async writeRbcVessel(index: number, vessel: RbcVessel): Promise<void> {
    this.checkVessel(index, vessel, 'rbc velocity');
    this.checkSeries(`vessel ${index} directionTrace`, vessel.directionTrace);
    const parts = [bytesOf(vessel.directionTrace)];
    const correlations = vessel.correlations;
    if (correlations) {
      const { width, height, data } = correlations;
      const expected = this.options.timing.numSamples * 3 * width * height;
      if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 0 || height < 0 || data.length !== expected) {
        throw this.argumentError(
          `vessel ${index} correlations hold ${data.length} values; numSamples·3·height·width is ${expected} for ${width}x${height}`,
        );
      }
      parts.push(bytesOf(data));
    }
    await this.writeParts(index, vessel, parts, correlations ? { width: correlations.width, height: correlations.height } : null);
  }

  /** Writes the padding and footer and gives the file its name. */
  async finish(): Promise<void> {
    this.checkWritable();
    this.done = true;
    const { timing, spacing, setType } = this.options;
    const numPoints = setType === 'rbc velocity' ? 4 : 2;
    // spec 7.2: isxcore leaves one line's worth of zero bytes after the last vessel, and readers check it.
    const padding = this.members.length === 0 ? 0 : 16 * numPoints;
    // Vessels written without heatmaps in a set that has some get a 0x0 size: no bytes, same layout.
    const sizes = this.correlationSizes.some((s) => s.width * s.height > 0) ? this.correlationSizes : null;
    const footer: JsonObject = {
      type: DataSetKind.VESSELSET,
      dataType: 'float',
      fileVersion: 5,
      timingInfo: timing.toJson(),
      spacingInfo: spacing.toJson(),
      ...encodeMembers(this.members, 'Vessel'),
      SizeGlobalVS: 0,
      efocusValues: [0],
      producer: PRODUCER,
      extraProperties: withSetType(this.options.extraProperties, setType),
      ...encodeVesselExtras(setType, sizes),
    };
    try {
      await this.file.write(new Uint8Array(padding));
    } catch (error) {
      await this.file.abort();
      throw error;
    }
    await finishIsxd(this.file, footer);
  }

  /** Deletes the temp file; safe after a failure. */
  async abort(): Promise<void> {
    this.done = true;
    await this.file.abort();
  }

  private checkVessel(index: number, vessel: VesselCommon, type: VesselSetType): void {
    this.checkWritable();
    if (type !== this.options.setType) throw this.argumentError(`cannot write a ${type} vessel to a ${this.options.setType} set`);
    if (index !== this.members.length) {
      throw this.argumentError(`vessels must be written in increasing order: expected vessel ${this.members.length}, got ${index}`);
    }
    const pixels = this.options.spacing.pixelCount;
    if (index === 0 && vessel.image === undefined) throw this.argumentError('vessel 0 must carry the projection image');
    if (index === 0 && vessel.image!.length !== pixels) {
      throw this.argumentError(`projection image has ${vessel.image!.length} values; rows·cols is ${pixels}`);
    }
    const points = type === 'rbc velocity' ? 4 : 2;
    if (vessel.line.length !== 2 * points) {
      throw this.argumentError(`vessel ${index} line has ${vessel.line.length} coordinates; a ${type} line has ${2 * points}`);
    }
    const bad = Array.from(vessel.line).find((v) => typeof v === 'number' && !Number.isSafeInteger(v));
    if (bad !== undefined) throw this.argumentError(`vessel ${index} line coordinate ${bad} is not an integer`);
    this.checkSeries(`vessel ${index} trace`, vessel.trace);
  }

  private checkSeries(what: string, values: Float32Array): void {
    const numSamples = this.options.timing.numSamples;
    if (values.length !== numSamples) throw this.argumentError(`${what} has ${values.length} values; numSamples is ${numSamples}`);
  }

  private async writeParts(index: number, vessel: VesselCommon, extra: Uint8Array[], size: CorrelationSize | null): Promise<void> {
    const member = normalizeMember(vessel, this.path);
    const line = BigInt64Array.from(vessel.line, (v) => BigInt(v));
    const trace = Float32Array.from(vessel.trace);
    for (const i of this.invalidIndices) trace[i] = Number.NaN;
    try {
      if (index === 0) await this.file.write(bytesOf(vessel.image!));
      for (const part of [bytesOf(line), bytesOf(trace), ...extra]) await this.file.write(part);
    } catch (error) {
      await this.abort();
      throw error;
    }
    this.members.push(member);
    this.correlationSizes.push(size ?? { width: 0, height: 0 });
  }

  private checkWritable(): void {
    if (this.done) throw this.argumentError('the vessel set writer is already finished or aborted');
  }

  private argumentError(detail: string): IsxError {
    return new IsxError('E_ARGUMENT', detail, { path: this.path });
  }
}

/** The caller's extraProperties with `idps.vesselset.type` set, copying only the objects on that path. */
function withSetType(extraProperties: JsonObject | undefined, setType: VesselSetType): JsonObject {
  const base = extraProperties ?? {};
  const idps: JsonValue | undefined = base.idps;
  const idpsObject = isJsonObject(idps) ? idps : {};
  const vesselset = isJsonObject(idpsObject.vesselset) ? idpsObject.vesselset : {};
  const type = setType === 'rbc velocity' ? RBC_TYPE_NAME : 'vessel diameter';
  return { ...base, idps: { ...idpsObject, vesselset: { ...vesselset, type } } };
}
