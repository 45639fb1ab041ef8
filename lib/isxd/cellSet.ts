import { getAcquisitionInfo } from '../core/acquisitionInfo.js';
import { DataSet } from '../core/dataSet.js';
import type { Spacing } from '../core/spacing.js';
import type { Timing } from '../core/timing.js';
import type { ByteSource } from '../io/byteSource.js';
import { openFileWith } from '../io/openFileWith.js';
import type { JsonValue } from '../json/jsonValue.js';
import type { CellStatusName } from '../core/records.js';
import { parseCellSetFooter, type CellMetrics, type CellSetHeader } from './cellSetFooter.js';
import { readFooter, type IsxdFooter } from './footer.js';
import { checkMemberIndex } from './setMembers.js';

export type { CellMetrics, PixelPoint } from './cellSetFooter.js';

/**
 * A cell set `.isxd` (spec 5): per cell a footprint image and a trace over every time index. Metadata is
 * ready after `read`; footprints and traces are read on demand.
 */
export class CellSet extends DataSet {
  readonly kind = 'cell_set';
  readonly timing: Timing;
  readonly spacing: Spacing;
  readonly numCells: number;
  readonly fileVersion: number;
  readonly isRoiSet: boolean;
  readonly efocusValues: number[];

  private constructor(
    source: ByteSource,
    footer: IsxdFooter,
    private readonly header: CellSetHeader,
  ) {
    super(source, footer.json);
    this.timing = header.timing;
    this.spacing = header.spacing;
    this.numCells = header.members.names.length;
    this.fileVersion = header.fileVersion;
    this.isRoiSet = header.isRoiSet;
    this.efocusValues = header.efocusValues;
  }

  static async read(path: string): Promise<CellSet> {
    return openFileWith(path, (source) => CellSet.fromSource(source));
  }

  /** Opens a cell set over any byte source; the caller keeps ownership of `source` on failure. */
  static async fromSource(source: ByteSource): Promise<CellSet> {
    const footer = await readFooter(source);
    return new CellSet(source, footer, parseCellSetFooter(footer));
  }

  getCellName(index: number): string {
    this.checkIndex(index);
    return this.header.members.names[index]!;
  }

  getCellStatus(index: number): CellStatusName {
    this.checkIndex(index);
    return this.header.members.statuses[index]!;
  }

  /** Packed 0xAARRGGBB. */
  getCellColor(index: number): number {
    this.checkIndex(index);
    return this.header.members.colors[index]!;
  }

  getCellActive(index: number): boolean {
    this.checkIndex(index);
    return this.header.members.active[index]!;
  }

  /** Footprint metrics, or null when the file has none for this cell. */
  getCellMetrics(index: number): CellMetrics | null {
    this.checkIndex(index);
    return this.header.metrics[index]!;
  }

  /** The trace: one f32 per time index, invalid ones included, NaN kept (spec 5.2). */
  async getCellTrace(index: number): Promise<Float32Array> {
    this.checkIndex(index);
    const pixelBytes = 4 * this.spacing.pixelCount;
    const bytes = await this.source.readAt(this.cellOffset(index) + pixelBytes, 4 * this.timing.numSamples, `cell ${index} trace`);
    return new Float32Array(bytes.buffer, 0, this.timing.numSamples);
  }

  /** The footprint image, rows·cols f32, row-major. */
  async getCellImageData(index: number): Promise<Float32Array> {
    this.checkIndex(index);
    const bytes = await this.source.readAt(this.cellOffset(index), 4 * this.spacing.pixelCount, `cell ${index} image`);
    return new Float32Array(bytes.buffer, 0, this.spacing.pixelCount);
  }

  /**
   * Footprint and trace with one read: the two are adjacent in the payload (spec 5.2). Both are views
   * of the same fresh buffer.
   */
  async readCell(index: number): Promise<{ footprint: Float32Array; trace: Float32Array }> {
    this.checkIndex(index);
    const pixels = this.spacing.pixelCount;
    const bytes = await this.source.readAt(this.cellOffset(index), this.header.cellByteLength, `cell ${index}`);
    // A fresh read buffer is 8-byte aligned and the host is little-endian like the file (spec 0).
    return {
      footprint: new Float32Array(bytes.buffer, 0, pixels),
      trace: new Float32Array(bytes.buffer, 4 * pixels, this.timing.numSamples),
    };
  }

  /** The flat acquisition summary of spec 13, or null. */
  getAcquisitionInfo(): Record<string, JsonValue> | null {
    return getAcquisitionInfo(this.header.extraProperties);
  }

  private cellOffset(index: number): number {
    return index * this.header.cellByteLength;
  }

  private checkIndex(index: number): void {
    checkMemberIndex(index, this.numCells, 'Cell', this.filePath);
  }
}
