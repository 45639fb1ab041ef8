import { open } from '../kinds/open.js';
import type { ConvertedTable, ConvertOptions } from './convertOptions.js';
import { validateConvertOptions } from './validateOptions.js';
import { commitTogether, writeRecording } from './writeRecording.js';

/**
 * Converts every table of one Inscopix file (or those in `options.tables`) to `options.to`: into
 * `outDir/<stem>.<table>.<ext>` (or the Hive layout with `partitionBy`), or one table to `stdout`.
 * Options are checked before the file is opened, destinations before any table is written. The outputs
 * appear together, each complete, or none does: on failure or abort, unfinished outputs are removed.
 *
 * ```ts
 * await convertFile('mouse1.isxd', { to: 'parquet', outDir: 'out' });
 * ```
 */
export async function convertFile(path: string, options: ConvertOptions): Promise<ConvertedTable[]> {
  validateConvertOptions(options);
  const dataSet = await open(path);
  try {
    return await commitTogether(options, (group) => writeRecording([dataSet], options, false, group));
  } finally {
    await dataSet.close();
  }
}
