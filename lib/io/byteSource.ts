/**
 * Random access to the bytes of one file. Parsers take this interface, never `fs`, so that tests can
 * hand them sources that fail or count reads.
 */
export interface ByteSource extends AsyncDisposable {
  readonly path: string;
  /** File size in bytes (exact; files beyond 2^53 bytes do not exist on real disks). */
  readonly size: number;
  /**
   * Reads exactly `length` bytes at `offset` into a fresh, 8-byte-aligned buffer. Rejects with
   * `E_TRUNCATED` (naming `what`) when the range passes the end of the file.
   */
  readAt(offset: number, length: number, what?: string): Promise<Uint8Array>;
  /** Reads exactly `target.byteLength` bytes at `offset` into `target`. */
  readInto(target: Uint8Array, offset: number, what?: string): Promise<void>;
  close(): Promise<void>;
}
