import { rmSync } from 'node:fs';

/** Temp files of outputs being written in this process (AtomicFile registers each until commit or abort). */
const unfinished = new Set<string>();

export function trackUnfinished(tempPath: string): void {
  unfinished.add(tempPath);
}

export function untrackUnfinished(tempPath: string): void {
  unfinished.delete(tempPath);
}

/**
 * Removes, synchronously, the temp file of every output still being written and returns their paths. For a
 * process about to exit without waiting for its writers to abort (a second Ctrl-C): the final names were
 * never created, so removing the temp files leaves the output folders as they were before the run.
 */
export function removeUnfinishedOutputsSync(): string[] {
  const removed = [...unfinished];
  for (const tempPath of removed) {
    // Best effort on the way out: a file already gone, or a folder that refuses, has nothing left to do.
    try {
      rmSync(tempPath, { force: true });
    } catch {}
    unfinished.delete(tempPath);
  }
  return removed;
}
