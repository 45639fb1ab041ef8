import { IsxError } from '../errors.js';
import { DataSetKind } from '../core/kinds.js';
import type { Spacing } from '../core/spacing.js';
import type { Timing } from '../core/timing.js';
import { AtomicFile } from '../io/atomicFile.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import type { CellStatusName } from '../core/records.js';
import { NOT_COMPUTED, type CellMetrics, type PixelPoint } from './cellSetFooter.js';
import { finishIsxd, PRODUCER } from './writeFooter.js';
import { encodeMembers, normalizeMember } from './setMembers.js';

export interface CellSetWriterOptions {
  timing: Timing;
  spacing: Spacing;
  overwrite?: boolean;
  extraProperties?: JsonValue;
  isRoiSet?: boolean;
  /** Default `[0]`, as isxcore writes. */
  efocusValues?: number[];
}

export interface CellData {
  /** rows·cols values, row-major. */
  footprint: Float32Array;
  /** One value per time index; invalid indices are overwritten with NaN. */
  trace: Float32Array;
  name?: string;
  status?: CellStatusName;
  /** Packed 0xAARRGGBB. */
  color?: number;
  active?: boolean;
  metrics?: CellMetrics | null;
}

/**
 * Writes a cell set `.isxd`, fileVersion 5 (spec 16): cells in increasing index order, then `finish`
 * writes the footer and moves the file to its name. Nothing appears at `path` before that.
 */
export class CellSetWriter {
  private readonly members: ReturnType<typeof normalizeMember>[] = [];
  private readonly metrics: (CellMetrics | null)[] = [];
  private readonly invalidIndices: number[] = [];
  private done = false;

  private constructor(
    private readonly file: AtomicFile,
    private readonly options: CellSetWriterOptions,
  ) {
    for (let i = 0; i < options.timing.numSamples; i++) if (!options.timing.isValid(i)) this.invalidIndices.push(i);
  }

  static async create(path: string, options: CellSetWriterOptions): Promise<CellSetWriter> {
    const file = await AtomicFile.create(path, { overwrite: options.overwrite ?? false });
    return new CellSetWriter(file, options);
  }

  get path(): string {
    return this.file.path;
  }

  async writeCell(index: number, cell: CellData): Promise<void> {
    this.checkWritable();
    if (index !== this.members.length) {
      throw this.argumentError(`cells must be written in increasing order: expected cell ${this.members.length}, got ${index}`);
    }
    const { timing, spacing } = this.options;
    if (cell.footprint.length !== spacing.pixelCount) {
      throw this.argumentError(`cell ${index} footprint has ${cell.footprint.length} values; rows·cols is ${spacing.pixelCount}`);
    }
    if (cell.trace.length !== timing.numSamples) {
      throw this.argumentError(`cell ${index} trace has ${cell.trace.length} values; numSamples is ${timing.numSamples}`);
    }
    const member = normalizeMember(cell, this.path);
    // spec 5.2: the writer stores NaN at invalid time indices whatever the caller passed.
    const trace = Float32Array.from(cell.trace);
    for (const i of this.invalidIndices) trace[i] = Number.NaN;
    try {
      await this.file.write(bytesOf(cell.footprint));
      await this.file.write(bytesOf(trace));
    } catch (error) {
      await this.abort();
      throw error;
    }
    this.members.push(member);
    this.metrics.push(cell.metrics ?? null);
  }

  /** Writes the footer and gives the file its name. */
  async finish(): Promise<void> {
    this.checkWritable();
    this.done = true;
    const { timing, spacing, extraProperties, isRoiSet, efocusValues } = this.options;
    const footer: JsonObject = {
      type: DataSetKind.CELLSET,
      dataType: 'float',
      fileVersion: 5,
      timingInfo: timing.toJson(),
      spacingInfo: spacing.toJson(),
      ...encodeMembers(this.members, 'Cell'),
      isRoiSet: isRoiSet ?? false,
      SizeGlobalCS: 0,
      Matches: [],
      PairScores: [],
      CentroidDistances: [],
      cellMetrics: this.metrics.some((m) => m !== null) ? this.metrics.map(encodeMetrics) : null,
      extraProperties: extraProperties ?? null,
      efocusValues: efocusValues ?? [0],
      producer: PRODUCER,
    };
    await finishIsxd(this.file, footer);
  }

  /** Deletes the temp file; safe after a failure. */
  async abort(): Promise<void> {
    this.done = true;
    await this.file.abort();
  }

  private checkWritable(): void {
    if (this.done) throw this.argumentError('the cell set writer is already finished or aborted');
  }

  private argumentError(detail: string): IsxError {
    return new IsxError('E_ARGUMENT', detail, { path: this.path });
  }
}

/** spec 5.1: `{}` for a cell without metrics, else the 7-element array with INT64_MIN for missing centres. */
function encodeMetrics(metrics: CellMetrics | null): JsonValue {
  if (metrics === null) return {};
  return [
    metrics.numComponents,
    encodeCenter(metrics.overallCenter),
    encodeCenter(metrics.largestComponentCenter),
    metrics.overallArea,
    metrics.largestComponentArea,
    metrics.overallMaxContourWidth,
    metrics.largestComponentMaxContourWidth,
  ];
}

function encodeCenter(center: PixelPoint | null): JsonObject {
  return center === null ? { x: NOT_COMPUTED, y: NOT_COMPUTED } : { x: center.x, y: center.y };
}

/** The bytes of a typed array as stored (little-endian host, spec 0). */
export function bytesOf(values: Float32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}
