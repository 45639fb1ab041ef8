import { readdir } from 'node:fs/promises';
import { MANIFEST_FOLDER } from '../../lib/index.js';

/** The outputs in a `convert` folder: its entries without the `_manifest` folder of completion markers. */
export async function outputsIn(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name !== MANIFEST_FOLDER);
}
