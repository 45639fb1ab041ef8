import type { Spacing } from '../core/spacing.js';
import type { Timing } from '../core/timing.js';
import { IsxError } from '../errors.js';
import type { ByteSource } from '../io/byteSource.js';
import { openFileWith } from '../io/openFileWith.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import type { DataTypeInfo, DataTypeName, PixelArray } from '../core/dataType.js';
import { Movie } from './movie.js';

/** A single-frame movie (spec 4.6), the isx `Image`: `getData()` returns its one frame. */
export class Image implements AsyncDisposable {
  readonly kind = 'image';

  private constructor(private readonly movie: Movie) {}

  static async read(path: string): Promise<Image> {
    return openFileWith(path, (source) => Image.fromSource(source));
  }

  /** Opens an image from an open source; on error the caller still owns the source. */
  static async fromSource(source: ByteSource): Promise<Image> {
    const movie = await Movie.fromSource(source);
    if (movie.timing.numSamples > 1) {
      throw new IsxError('E_KIND', 'File has more than one frame. Use Movie.read instead.', { path: source.path });
    }
    return new Image(movie);
  }

  get filePath(): string {
    return this.movie.filePath;
  }

  get metadata(): JsonObject {
    return this.movie.metadata;
  }

  get timing(): Timing {
    return this.movie.timing;
  }

  get spacing(): Spacing {
    return this.movie.spacing;
  }

  get dataType(): DataTypeName {
    return this.movie.dataType;
  }

  get dataTypeInfo(): DataTypeInfo {
    return this.movie.dataTypeInfo;
  }

  /** The pixels, `rows·cols` row-major (zeros when the one sample is invalid). */
  async getData(): Promise<PixelArray> {
    return this.movie.getFrameData(0);
  }

  getAcquisitionInfo(): Record<string, JsonValue> | null {
    return this.movie.getAcquisitionInfo();
  }

  async close(): Promise<void> {
    await this.movie.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
