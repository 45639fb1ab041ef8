import { checkReadRange, type ByteSource } from './byteSource.js';

/**
 * A {@link ByteSource} over bytes already in memory: for data sets built from a parsed raw file (no
 * `.isxd` handle to keep open) and for tests that hand parsers crafted bytes.
 */
export class MemorySource implements ByteSource {
  bytesRead = 0;

  constructor(
    readonly path: string,
    private readonly bytes: Uint8Array = new Uint8Array(0),
  ) {}

  get size(): number {
    return this.bytes.byteLength;
  }

  async readAt(offset: number, length: number, what = 'data'): Promise<Uint8Array> {
    checkReadRange(this, offset, length, what);
    // A fresh ArrayBuffer starts 8-byte aligned, as FileSource promises.
    const target = new Uint8Array(new ArrayBuffer(length));
    target.set(this.bytes.subarray(offset, offset + length));
    this.bytesRead += length;
    return target;
  }

  async readInto(target: Uint8Array, offset: number, what = 'data'): Promise<void> {
    checkReadRange(this, offset, target.byteLength, what);
    target.set(this.bytes.subarray(offset, offset + target.byteLength));
    this.bytesRead += target.byteLength;
  }

  async close(): Promise<void> {}

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
