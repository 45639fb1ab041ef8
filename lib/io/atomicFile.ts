import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { IsxError } from '../errors.js';
import { ioError } from './fileSource.js';
import { trackUnfinished, untrackUnfinished } from './unfinishedFiles.js';

export interface AtomicFileOptions {
  /** Replace an existing file at the destination. Default false: `E_EXISTS`. */
  overwrite?: boolean;
}

/**
 * A file that appears under its name only when complete: bytes go to a hidden temp file in the same
 * folder (same file system, so the final rename is atomic), `commit` renames it, `abort` removes it.
 * Writes are sequential; `skip` leaves a hole, which makes sparse files on file systems that have them.
 */
export class AtomicFile {
  private closed = false;
  private written = 0;

  private constructor(
    readonly path: string,
    readonly tempPath: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(path: string, options: AtomicFileOptions = {}): Promise<AtomicFile> {
    if (!options.overwrite && (await exists(path))) {
      throw new IsxError('E_EXISTS', 'output file already exists (pass overwrite to replace it)', { path });
    }
    const tempPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    let handle: FileHandle;
    try {
      handle = await open(tempPath, 'wx');
    } catch (cause) {
      throw ioError(path, 'cannot create output file', cause);
    }
    trackUnfinished(tempPath);
    return new AtomicFile(path, tempPath, handle);
  }

  /** Bytes written or skipped so far: the offset of the next write. */
  get position(): number {
    return this.written;
  }

  async write(bytes: Uint8Array): Promise<void> {
    let done = 0;
    while (done < bytes.byteLength) {
      const { bytesWritten } = await this.handle
        .write(bytes, done, bytes.byteLength - done, this.written + done)
        .catch((cause: unknown) => {
          throw ioError(this.path, 'write failed', cause, this.written + done);
        });
      done += bytesWritten;
    }
    this.written += bytes.byteLength;
  }

  /** Advances the write position by `byteCount` without writing (a hole reads back as zeros). */
  async skip(byteCount: number): Promise<void> {
    this.written += byteCount;
    await this.handle.truncate(this.written).catch((cause: unknown) => {
      throw ioError(this.path, 'extending the file failed', cause, this.written);
    });
  }

  /** Flushes, closes and moves the file to its final name. */
  async commit(): Promise<void> {
    if (this.closed) throw new IsxError('E_ARGUMENT', 'output file is already closed', { path: this.path });
    this.closed = true;
    try {
      await this.handle.close();
      await rename(this.tempPath, this.path);
    } catch (cause) {
      await rm(this.tempPath, { force: true });
      throw ioError(this.path, 'finishing the output file failed', cause);
    } finally {
      untrackUnfinished(this.tempPath);
    }
  }

  /** Closes and deletes the temp file; the destination is left as it was. Safe to call more than once. */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.handle.close();
    } finally {
      await rm(this.tempPath, { force: true });
      untrackUnfinished(this.tempPath);
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw ioError(path, 'cannot check the output path', error);
  }
}
