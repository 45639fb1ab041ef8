import { IsxError } from '../errors.js';
import type { AnyDataSet } from '../kinds/kindName.js';
import { checkSeries } from '../kinds/checkSeries.js';
import { open } from '../kinds/open.js';
import type { ConvertedTable, ConvertOptions } from './convertOptions.js';
import { validateConvertOptions } from './validateOptions.js';
import { commitTogether, writeRecording } from './writeRecording.js';

/**
 * Converts files that are parts of one recording (an isx series) into one output per table, named after
 * the first file, by the series rule of lib/kinds/series.ts: frame and sample indices continue over the
 * files, and `startSec`/`endSec` count from the first file's start. Only tables whose rows are samples in
 * time are written (frames, traces, events, samples, vessel_traces, tracking, zones): per-cell tables hold
 * whole traces, whose length differs from file to file. Files that are not one recording are refused
 * first (`checkSeries`, E_ARGUMENT naming both files).
 */
export async function convertSeries(paths: readonly string[], options: ConvertOptions): Promise<ConvertedTable[]> {
  validateConvertOptions(options);
  if (paths.length === 0) throw new IsxError('E_ARGUMENT', 'a series needs at least one file');
  const dataSets: AnyDataSet[] = [];
  try {
    for (const path of paths) dataSets.push(await open(path));
    checkSeries(dataSets);
    return await commitTogether(options, (group) => writeRecording(dataSets, options, true, group));
  } finally {
    for (const dataSet of dataSets) await dataSet.close();
  }
}
