import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { IsxError } from '../errors.js';
import { checkReadRange, type ByteSource } from './byteSource.js';
import { takeReadBuffer } from './readBuffers.js';

/**
 * Read-only and non-blocking: opening a FIFO for reading otherwise waits for a writer inside a libuv
 * thread, where nothing (not even process.exit) can end it. On a regular file O_NONBLOCK changes nothing;
 * anything else is refused after the open by the fstat check. (Windows has no O_NONBLOCK and no FIFOs.)
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** A {@link ByteSource} over a file on disk, read with positional `FileHandle.read`. */
export class FileSource implements ByteSource {
  bytesRead = 0;

  private constructor(
    readonly path: string,
    readonly size: number,
    private readonly handle: FileHandle,
  ) {}

  static async open(path: string): Promise<FileSource> {
    let handle: FileHandle;
    try {
      handle = await open(path, OPEN_FLAGS);
    } catch (cause) {
      throw ioError(path, 'cannot open for reading', cause);
    }
    try {
      const stats = await handle.stat();
      if (stats.isDirectory()) throw new IsxError('E_IO', 'is a directory, not a file', { path });
      if (!stats.isFile()) throw new IsxError('E_NOT_FILE', 'is not a regular file (a FIFO, socket or device?); refused without reading', { path });
      return new FileSource(path, stats.size, handle);
    } catch (error) {
      await handle.close();
      throw error instanceof IsxError ? error : ioError(path, 'cannot stat', error);
    }
  }

  async readAt(offset: number, length: number, what = 'data'): Promise<Uint8Array> {
    checkReadRange(this, offset, length, what);
    // A whole ArrayBuffer starts 8-byte aligned, so callers may view it as any typed array. Large ones are
    // lent from a pool: whoever ends up holding one may hand it back with releaseReadBuffer.
    const target = new Uint8Array(takeReadBuffer(length));
    await this.fill(target, offset, what);
    return target;
  }

  async readInto(target: Uint8Array, offset: number, what = 'data'): Promise<void> {
    checkReadRange(this, offset, target.byteLength, what);
    await this.fill(target, offset, what);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private async fill(target: Uint8Array, offset: number, what: string): Promise<void> {
    let done = 0;
    while (done < target.byteLength) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await this.handle.read(target, done, target.byteLength - done, offset + done));
      } catch (cause) {
        throw ioError(this.path, `reading ${what} at offset ${offset + done} failed`, cause, offset + done);
      }
      if (bytesRead === 0) {
        throw new IsxError(
          'E_TRUNCATED',
          `${what} needs ${target.byteLength} bytes at offset ${offset}; file ended after ${done} (changed while reading?)`,
          { path: this.path, offset: offset + done },
        );
      }
      done += bytesRead;
      this.bytesRead += bytesRead;
    }
  }
}

export function ioError(path: string, what: string, cause: unknown, offset?: number): IsxError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === 'ENOENT' ? 'file does not exist' : cause instanceof Error ? cause.message : String(cause);
  return new IsxError('E_IO', `${what}: ${reason}`, { path, offset, cause });
}
