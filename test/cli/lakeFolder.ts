import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeRawGpio } from '../synthetic/writeRawGpio.js';
import { DEMO } from './runCli.js';
import { writeCountingMovie } from './syntheticMovies.js';

/**
 * A lab folder as labs keep them (issue 10, "Done when"): `<subject>/<session>/` with the same file names
 * in every session, sidecars, a `.gpio` beside an `.isxd` of the same name, and names with `=`, `%`,
 * spaces, non-ASCII and a leading zero. Returns the inputs (paths below `root`) it wrote.
 */
export const LAB_INPUTS = [
  'mouse=1/day 1/cellset.isxd',
  'mouse=1/day 2/cellset.isxd',
  'm%2/día 7/x.isxd',
  'm%2/día 7/x.gpio',
  '007/s1/x.isxd',
  '007/s2/cellset.isxd',
] as const;

export async function writeLabFolder(root: string): Promise<void> {
  for (const input of LAB_INPUTS) {
    const path = join(root, input);
    await mkdir(dirname(path), { recursive: true });
    if (input.endsWith('cellset.isxd')) await copyFile(DEMO, path);
    else if (input.endsWith('.gpio')) await writeRawGpio(path, { packets: [{ kind: 'bncSync', tsc: 0n, value: 1 }, { kind: 'bncSync', tsc: 1000n, value: 0 }] });
    else await writeCountingMovie(path, 4, 3, 5);
  }
  await writeFile(join(root, 'm%2/día 7/notes.csv'), 'a,b\n');
  await writeFile(join(root, 'mouse=1/day 1/settings.json'), '{}');
}
