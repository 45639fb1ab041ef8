import { link, open, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { IsxError } from '../errors.js';
import { ioError } from './fileSource.js';
import { removeStaleTempFilesOnce, tempPathIn } from './tempFiles.js';
import { trackUnfinished, untrackUnfinished } from './unfinishedFiles.js';

export interface AtomicFileOptions {
  /** Replace an existing file at the destination. Default false: `E_EXISTS`. */
  overwrite?: boolean;
}

/** Errors of `link()` on file systems without hard links: there the commit falls back to check, then rename. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * Bytes written between flushes started in the background: the kernel keeps up to a tenth of memory
 * dirty before it writes any back, so without them a large output met the disk only in `seal`'s fsync
 * (1.5 s for 1 GiB here, after the conversion); flushing as it goes overlaps the disk with the work.
 */
export const FLUSH_EVERY_BYTES = 64 * 1024 * 1024;

/**
 * A file that appears under its name only when complete: bytes go to a hidden temp file in the same
 * folder (same file system, so the final rename is atomic), `commit` publishes it, `abort` removes it.
 * Writes are sequential; `skip` leaves a hole, which makes sparse files on file systems that have them.
 *
 * Committing is two steps so that several files can appear together (CommitGroup): `seal` flushes the
 * data to disk (fsync) and closes, `publish` gives the file its name and fsyncs the folder, so a power
 * cut cannot leave an empty or partial file under a final name. Without `overwrite`, `publish` is
 * `link(temp, final)`, which fails if the name exists: the no-overwrite check is the commit itself, so two
 * writers racing for one name cannot both succeed (a stat before a rename could not promise that).
 */
export class AtomicFile {
  private open = true;
  private sealed = false;
  private written = 0;
  private flushedAt = 0;
  /** The background flush in flight; its failure is reported by `seal`, never lost. */
  private flushing: Promise<unknown> | undefined;

  private constructor(
    readonly path: string,
    readonly tempPath: string,
    private readonly handle: FileHandle,
    private readonly overwrite: boolean,
  ) {}

  /**
   * Starts the file. Without `overwrite`, an existing destination fails here already (E_EXISTS), before
   * any work; the commit checks again, atomically. Temp files that killed writers left in the folder are
   * removed first (lib/io/tempFiles.ts).
   */
  static async create(path: string, options: AtomicFileOptions = {}): Promise<AtomicFile> {
    const overwrite = options.overwrite ?? false;
    if (!overwrite && (await exists(path))) throw existsError(path);
    const folder = dirname(path);
    await removeStaleTempFilesOnce(folder);
    const tempPath = tempPathIn(folder);
    let handle: FileHandle;
    try {
      handle = await open(tempPath, 'wx');
    } catch (cause) {
      throw ioError(path, 'cannot create output file', cause);
    }
    trackUnfinished(tempPath);
    return new AtomicFile(path, tempPath, handle, overwrite);
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
    if (this.written - this.flushedAt >= FLUSH_EVERY_BYTES && this.flushing === undefined) this.startFlush();
  }

  /** Starts `fdatasync` without waiting for it; the next one starts only when this one is done. */
  private startFlush(): void {
    this.flushedAt = this.written;
    const flushing: Promise<unknown> = this.handle.datasync().then(
      () => {
        if (this.flushing === flushing) this.flushing = undefined;
      },
      (cause: unknown) => ioError(this.path, 'flushing the output file to disk failed', cause),
    );
    this.flushing = flushing;
  }

  /** Advances the write position by `byteCount` without writing (a hole reads back as zeros). */
  async skip(byteCount: number): Promise<void> {
    this.written += byteCount;
    await this.handle.truncate(this.written).catch((cause: unknown) => {
      throw ioError(this.path, 'extending the file failed', cause, this.written);
    });
  }

  /** Seals and publishes: the file appears under its name, complete and on disk. */
  async commit(): Promise<void> {
    try {
      await this.seal();
      await this.publish();
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  /** Flushes the data to disk (fsync) and closes the temp file; it is not yet under its name. */
  async seal(): Promise<void> {
    if (!this.open || this.sealed) throw new IsxError('E_ARGUMENT', 'output file is already closed', { path: this.path });
    this.sealed = true;
    try {
      // A failed background flush resolves to its error (kept for here, so it is never unhandled).
      const failure = await this.flushing;
      if (failure instanceof IsxError) throw failure;
      await this.handle.sync().catch((cause: unknown) => {
        throw ioError(this.path, 'flushing the output file to disk failed', cause);
      });
    } finally {
      await this.handle.close();
    }
  }

  /**
   * Gives the sealed temp file its final name: without `overwrite` only if the name is free (E_EXISTS
   * otherwise, the temp file kept for `abort`), then fsyncs the folder so the name survives a power cut.
   */
  async publish(): Promise<void> {
    if (!this.sealed || !this.open) throw new IsxError('E_ARGUMENT', 'output file is not sealed', { path: this.path });
    if (this.overwrite) await rename(this.tempPath, this.path).catch((cause: unknown) => failPublish(this.path, cause));
    else await this.linkNoReplace();
    this.open = false;
    untrackUnfinished(this.tempPath);
    await syncFolder(dirname(this.path));
  }

  private async linkNoReplace(): Promise<void> {
    try {
      await link(this.tempPath, this.path);
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') throw existsError(this.path);
      if (!NO_HARD_LINKS.has(code)) failPublish(this.path, cause);
      // No hard links here (some network and FUSE file systems): the best left is check, then rename.
      if (await exists(this.path)) throw existsError(this.path);
      await rename(this.tempPath, this.path).catch((error: unknown) => failPublish(this.path, error));
      return;
    }
    await unlink(this.tempPath).catch(() => undefined);
  }

  /** Closes and deletes the temp file; the destination is left as it was. Safe to call more than once. */
  async abort(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    try {
      if (!this.sealed) {
        await this.flushing;
        await this.handle.close();
      }
    } finally {
      await rm(this.tempPath, { force: true });
      untrackUnfinished(this.tempPath);
    }
  }
}

function existsError(path: string): IsxError {
  return new IsxError('E_EXISTS', 'output file already exists (pass overwrite to replace it)', { path });
}

function failPublish(path: string, cause: unknown): never {
  throw ioError(path, 'finishing the output file failed', cause);
}

/** fsyncs a folder so that a rename in it is on disk; file systems that cannot (EINVAL, EISDIR) are left as they are. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined);
  if (handle === undefined) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
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
