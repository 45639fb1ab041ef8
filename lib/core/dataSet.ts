import type { ByteSource } from '../io/byteSource.js';
import type { JsonObject } from '../json/jsonValue.js';

/**
 * What every opened Inscopix file has: its path, its whole metadata document, and a handle to close.
 * Metadata is parsed by `read`; methods that touch the disk are async.
 */
export abstract class DataSet implements AsyncDisposable {
  /** The kind (lib/kinds): "movie", "image", "cell_set", "event_set", "vessel_set", "gpio", "imu", "behavior_movie". */
  abstract readonly kind: string;

  protected constructor(
    protected readonly source: ByteSource,
    /** The file's whole metadata (footer or session JSON), integers beyond 2^53 as bigint. */
    readonly metadata: JsonObject,
  ) {}

  get filePath(): string {
    return this.source.path;
  }

  /** File size in bytes. */
  get fileSize(): number {
    return this.source.size;
  }

  /** Bytes read from the file so far (progress reports). */
  get bytesRead(): number {
    return this.source.bytesRead;
  }

  async close(): Promise<void> {
    await this.source.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
