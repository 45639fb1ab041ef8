import { readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Temp files of isx-stream writers are named `.isx-tmp_<host>_<pid>_<random>.tmp`: independent of the final
 * name, so a final name near the 255-byte limit still has a valid temp name, and carrying who writes it, so
 * a later run can tell a killed writer's leftovers from a live writer's file (workers on many hosts share
 * output folders). Host names hold only letters, digits, dots and hyphens, never `_`.
 */
const PREFIX = '.isx-tmp_';
const HOST = hostname().replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64) || 'host';

/** `<host>_<pid>` of this process: put in names of files whose writer a later run must identify. */
export function writerTag(): string {
  return `${HOST}_${process.pid}`;
}

/** True when `tag` (from writerTag) names a process of this host that no longer exists. */
export function isWriterGone(tag: string): boolean {
  const [host, pid, ...rest] = tag.split('_');
  const writer = Number(pid);
  return rest.length === 0 && host === HOST && Number.isSafeInteger(writer) && writer > 0 && !isAlive(writer);
}

/** A fresh temp file path in `folder`, owned by this process. */
export function tempPathIn(folder: string): string {
  return join(folder, `${PREFIX}${writerTag()}_${randomBytes(6).toString('hex')}.tmp`);
}

/** True while process `pid` exists on this host (EPERM: it exists but belongs to another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const cleaned = new Set<string>();

/** {@link removeStaleTempFiles}, once per folder and process: writers call it for every output they create. */
export async function removeStaleTempFilesOnce(folder: string): Promise<void> {
  if (cleaned.has(folder)) return;
  cleaned.add(folder);
  await removeStaleTempFiles(folder);
}

/**
 * Removes temp files in `folder` whose writer is provably gone: written on this host by a process that no
 * longer exists. Temp files of other hosts, of live processes (this one included) and of other programs
 * are left alone. Returns the names removed. A folder that cannot be listed has nothing to remove.
 */
export async function removeStaleTempFiles(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const [host, pid] = name.slice(PREFIX.length).split('_');
    if (!isWriterGone(`${host}_${pid}`)) continue;
    await rm(join(folder, name), { force: true });
    removed.push(name);
  }
  return removed;
}
