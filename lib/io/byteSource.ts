import { IsxError } from '../errors.js';

/**
 * Random access to the bytes of one file. Parsers take this interface, never `fs`, so that tests can
 * hand them sources that fail or count reads.
 */
export interface ByteSource extends AsyncDisposable {
  readonly path: string;
  /** File size in bytes (exact; files beyond 2^53 bytes do not exist on real disks). */
  readonly size: number;
  /** Bytes read so far: what progress reports count, whatever the records a reader made of them. */
  readonly bytesRead: number;
  /**
   * Reads exactly `length` bytes at `offset` into a buffer of its own (8-byte aligned, no other reader
   * sees it). Rejects with `E_TRUNCATED` (naming `what`) when the range passes the end of the file. A
   * large buffer may come from a pool (readBuffers.ts): it is reused only once released.
   */
  readAt(offset: number, length: number, what?: string): Promise<Uint8Array>;
  /** Reads exactly `target.byteLength` bytes at `offset` into `target`. */
  readInto(target: Uint8Array, offset: number, what?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Rejects a read of `length` bytes at `offset` that is not a valid range or passes the end of `source`:
 * E_RANGE for a negative or unsafe number, E_TRUNCATED (naming `what`) past the end. Checked before any
 * buffer is allocated.
 */
export function checkReadRange(source: Pick<ByteSource, 'path' | 'size'>, offset: number, length: number, what: string): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw new IsxError('E_RANGE', `${what}: invalid byte range ${offset}+${length}`, { path: source.path, offset });
  }
  if (offset + length > source.size) {
    throw new IsxError(
      'E_TRUNCATED',
      `${what} needs ${length} bytes at offset ${offset}; file ends at ${source.size} (truncated?)`,
      { path: source.path, offset },
    );
  }
}
