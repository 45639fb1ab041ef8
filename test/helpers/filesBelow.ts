import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file below `folder` (hidden temp files included), as paths relative to it, sorted. */
export async function filesBelow(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(folder.length + 1))
    .sort();
}
