import { unlink } from 'node:fs/promises';
import { AtomicFile, type AtomicFileOptions } from './atomicFile.js';

/**
 * Files that appear together or not at all: the tables of one input (design 5; issue 12.6). Each file is
 * written and sealed on its own (a sink's close seals it); `commit` then publishes them in the order they
 * were added. If one cannot be published (E_EXISTS: another writer took the name; an I/O error), those
 * already published by this group are removed again and every temp file deleted, so a failed or aborted
 * input leaves nothing. Files published with `overwrite` replaced what was there, which cannot be undone.
 */
export class CommitGroup {
  private readonly files: AtomicFile[] = [];
  private done = false;

  constructor(private readonly options: AtomicFileOptions = {}) {}

  /** A new member file at `path`; write it, then `seal` it (sinks do both). */
  async create(path: string): Promise<AtomicFile> {
    if (this.done) throw new Error('CommitGroup: create after commit or abort');
    const file = await AtomicFile.create(path, this.options);
    this.files.push(file);
    return file;
  }

  /** The final paths of the members, in the order they are published. */
  get paths(): string[] {
    return this.files.map((file) => file.path);
  }

  /** Publishes every member (all must be sealed); on any failure undoes what it published and rethrows. */
  async commit(): Promise<void> {
    this.done = true;
    const published: AtomicFile[] = [];
    try {
      for (const file of this.files) {
        await file.publish();
        published.push(file);
      }
    } catch (error) {
      if (!this.options.overwrite) for (const file of published) await unlink(file.path).catch(() => undefined);
      await this.abort();
      throw error;
    }
  }

  /** Removes every member's temp file; nothing of the group appears. Safe to call more than once. */
  async abort(): Promise<void> {
    this.done = true;
    for (const file of this.files) await file.abort();
  }
}

/** Where a sink writes one member of `group`: closing the sink seals the file, `group.commit()` publishes it. */
export class GroupedPath {
  constructor(
    readonly group: CommitGroup,
    readonly path: string,
  ) {}
}
