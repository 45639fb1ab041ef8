import { IsxError } from '../errors.js';
import { open } from '../open.js';
import type { ConvertedTable, ConvertOptions } from './convertOptions.js';
import type { OpenedDataSet } from './tableRegistry.js';
import { writeRecording } from './writeRecording.js';

/**
 * Converts files that are parts of one recording (an isx series) into one output per table, named after
 * the first file. Rows are appended file after file; frame and sample indices continue over the files and
 * `startSec`/`endSec` count from the first file's start. Only tables whose rows are samples in time are
 * written (frames, traces, events, samples, vessel_traces, tracking, zones): per-cell tables hold whole
 * traces, whose length differs from file to file.
 */
export async function convertSeries(paths: readonly string[], options: ConvertOptions): Promise<ConvertedTable[]> {
  if (paths.length === 0) throw new IsxError('E_ARGUMENT', 'a series needs at least one file');
  const dataSets: OpenedDataSet[] = [];
  try {
    for (const path of paths) dataSets.push((await open(path)) as OpenedDataSet);
    checkSeries(dataSets);
    return await writeRecording(dataSets, options, true);
  } finally {
    for (const dataSet of dataSets) await dataSet.close();
  }
}

/** Parts of one recording share a kind, an image size and a pixel type, and follow each other in time. */
function checkSeries(dataSets: readonly OpenedDataSet[]): void {
  const first = dataSets[0]!;
  for (const [n, dataSet] of dataSets.entries()) {
    if (n === 0) continue;
    const mismatch = (what: string, expected: unknown, found: unknown): IsxError =>
      new IsxError('E_ARGUMENT', `cannot join a series: ${what} is ${found}, but ${first.filePath} has ${expected}`, { path: dataSet.filePath });
    if (dataSet.kind !== first.kind) throw mismatch('the kind', first.kind, dataSet.kind);
    if ('spacing' in first && 'spacing' in dataSet) {
      const [a, b] = [first.spacing.numPixels.join('x'), dataSet.spacing.numPixels.join('x')];
      if (a !== b) throw mismatch('the image size (rows x cols)', a, b);
    }
    if ('dataType' in first && 'dataType' in dataSet && first.dataType !== dataSet.dataType) {
      throw mismatch('the pixel type', first.dataType, dataSet.dataType);
    }
    const previous = dataSets[n - 1]!;
    if (dataSet.timing.start.secsSinceEpoch.compare(previous.timing.start.secsSinceEpoch) < 0) {
      throw new IsxError('E_ARGUMENT', `cannot join a series: this file starts before ${previous.filePath}; give the files in time order`, {
        path: dataSet.filePath,
      });
    }
  }
}
