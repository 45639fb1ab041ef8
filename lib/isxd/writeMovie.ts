import { MAX_IMAGE_PIXELS, type Spacing } from '../core/spacing.js';
import type { Timing } from '../core/timing.js';
import { IsxError } from '../errors.js';
import { AtomicFile } from '../io/atomicFile.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import { dataTypeFromName, type DataTypeInfo, type DataTypeName, type PixelArray } from '../core/dataType.js';
import { encodeFrameHeader, FRAME_HEADER_BYTES, type FrameHeader } from './frameHeader.js';
import { finishIsxd, PRODUCER } from './writeFooter.js';

export interface MovieWriterOptions {
  timing: Timing;
  spacing: Spacing;
  dataType: DataTypeName;
  /** Store a 5120-byte header and footer around every frame (uint16 and fileVersion 1 only). */
  hasFrameHeaderFooter?: boolean;
  extraProperties?: JsonValue;
  overwrite?: boolean;
  /** 1 (default) is what isxcore writes; 0 is the legacy layout without `hasFrameHeaderFooter`. */
  fileVersion?: 0 | 1;
}

const EMPTY_HEADER: FrameHeader = {
  colorId: 0,
  writeEnable: 0,
  frameCount: 0,
  led1Power: 0,
  led1VF: 0,
  led2Power: 0,
  led2VF: 0,
  efocus: 0,
  tsc: 0n,
};

/**
 * Writes a movie or image `.isxd` (spec 16): the valid frames in time order, then the footer. The
 * file appears under its name only after `finish`.
 */
export class MovieWriter {
  private written = 0;
  private nextIndex: number;
  private done = false;

  private constructor(
    private readonly file: AtomicFile,
    private readonly options: MovieWriterOptions,
    private readonly dataType: DataTypeInfo,
    private readonly headerFooter: boolean,
  ) {
    this.nextIndex = options.timing.findValidIndex(0, 1);
  }

  static async create(path: string, options: MovieWriterOptions): Promise<MovieWriter> {
    const dataType = dataTypeFromName(options.dataType);
    const headerFooter = options.hasFrameHeaderFooter ?? false;
    const fileVersion = options.fileVersion ?? 1;
    if (headerFooter && dataType.name !== 'uint16') {
      throw new IsxError('E_ARGUMENT', `frame headers and footers exist only for uint16 movies, not ${dataType.name}`, { path });
    }
    if (headerFooter && fileVersion < 1) {
      throw new IsxError('E_ARGUMENT', 'frame headers and footers need fileVersion 1 (version 0 readers ignore them)', { path });
    }
    if (options.spacing.pixelCount > MAX_IMAGE_PIXELS) {
      throw new IsxError('E_ARGUMENT', `frames of more than ${MAX_IMAGE_PIXELS} pixels cannot be read back`, { path });
    }
    const file = await AtomicFile.create(path, { overwrite: options.overwrite ?? false });
    return new MovieWriter(file, options, dataType, headerFooter);
  }

  /** Appends frame `index`, which must be the next valid time index. `header` needs frame headers. */
  async writeFrame(index: number, pixels: PixelArray, header?: Partial<FrameHeader>): Promise<void> {
    this.checkNext(index);
    const count = this.options.spacing.pixelCount;
    if (!(pixels instanceof this.dataType.ArrayType) || pixels.length !== count) {
      throw new IsxError(
        'E_ARGUMENT',
        `frame ${index} must be a ${this.dataType.ArrayType.name} of ${count} pixels; got a ${pixels.constructor.name} of ${pixels.length}`,
        { path: this.file.path },
      );
    }
    if (header !== undefined && !this.headerFooter) {
      throw new IsxError('E_ARGUMENT', `frame ${index} has header fields but the movie has no frame headers`, { path: this.file.path });
    }
    if (this.headerFooter) {
      const words = encodeFrameHeader({ ...EMPTY_HEADER, ...header });
      await this.file.write(new Uint8Array(words.buffer));
    }
    await this.file.write(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength));
    if (this.headerFooter) await this.file.write(new Uint8Array(FRAME_HEADER_BYTES));
    this.advance(index);
  }

  /** Stores frame `index` as a hole: it reads back as zeros and takes no disk space on sparse file systems. */
  async writeHoleFrame(index: number): Promise<void> {
    this.checkNext(index);
    const pixelBytes = this.options.spacing.pixelCount * this.dataType.bytesPerPixel;
    await this.file.skip(this.headerFooter ? FRAME_HEADER_BYTES + pixelBytes + FRAME_HEADER_BYTES : pixelBytes);
    this.advance(index);
  }

  /** Writes the footer (spec 16) and moves the file to its name; every valid frame must be written. */
  async finish(): Promise<void> {
    this.checkOpen();
    const { timing } = this.options;
    if (this.written !== timing.numValid) {
      throw new IsxError(
        'E_ARGUMENT',
        `wrote ${this.written} of ${timing.numValid} valid frames; frame ${this.nextIndex} is next`,
        { path: this.file.path },
      );
    }
    this.done = true;
    await finishIsxd(this.file, this.footer());
  }

  /** Deletes the partial file. */
  async abort(): Promise<void> {
    this.done = true;
    await this.file.abort();
  }

  private footer(): JsonObject {
    const { timing, spacing, extraProperties } = this.options;
    const fileVersion = this.options.fileVersion ?? 1;
    const footer: JsonObject = {
      type: timing.numSamples > 1 ? 0 : 4,
      dataType: this.dataType.code,
      fileVersion,
      extraProperties: extraProperties ?? null,
      producer: PRODUCER,
      timingInfo: timing.toJson(),
      spacingInfo: spacing.toJson(),
    };
    if (fileVersion >= 1) footer.hasFrameHeaderFooter = this.headerFooter;
    return footer;
  }

  private checkOpen(): void {
    if (this.done) throw new IsxError('E_ARGUMENT', 'the movie writer is already finished or aborted', { path: this.file.path });
  }

  /** spec 4.2: only valid frames are stored, in time order, so the next one is the only one accepted. */
  private checkNext(index: number): void {
    this.checkOpen();
    if (index === this.nextIndex) return;
    const expected = this.nextIndex < 0 ? 'no more frames (all valid frames are written)' : `frame ${this.nextIndex}`;
    const status = Number.isSafeInteger(index) && index >= 0 && index < this.options.timing.numSamples
      ? this.options.timing.statusOf(index)
      : 'out of range';
    throw new IsxError('E_ARGUMENT', `cannot write frame ${index} (${status}); expected ${expected}`, { path: this.file.path });
  }

  private advance(index: number): void {
    this.written++;
    this.nextIndex = this.options.timing.findValidIndex(index + 1, 1);
  }
}
