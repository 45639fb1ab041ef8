import type { Ratio } from '../core/ratio.js';
import type { Timing } from '../core/timing.js';
import type { JsonObject } from '../json/jsonValue.js';
import type { AnyDataSet } from './kindName.js';
import type { TableTraits } from './descriptor.js';
import { kindOf } from './registry.js';

/**
 * What `isx-stream info` shows about an opened file, JSON-ready (integers that may exceed 2^53 are
 * bigint): path, kind, size, timing, image size, then what the kind adds (lib/kinds), then the
 * acquisition summary.
 */
export async function summarize(dataSet: AnyDataSet): Promise<JsonObject> {
  const kind = kindOf(dataSet);
  const summary: JsonObject = { path: dataSet.filePath, kind: dataSet.kind, fileBytes: dataSet.fileSize, ...summarizeTiming(dataSet.timing) };
  if ('spacing' in dataSet) {
    const [rows, cols] = dataSet.spacing.numPixels;
    Object.assign(summary, { rows, cols });
  }
  Object.assign(summary, await kind.summarize(dataSet as never));
  summary.tables = await tableRows(dataSet);
  summary.acquisitionInfo = dataSet.getAcquisitionInfo() ?? null;
  return summary;
}

/** The tables a whole-file conversion writes, with their row counts. */
async function tableRows(dataSet: AnyDataSet): Promise<JsonObject> {
  const tables: JsonObject = {};
  const traits = Object.entries(kindOf(dataSet).tables) as [string, TableTraits<AnyDataSet>][];
  for (const [name, table] of traits) {
    if (table.presentIn?.(dataSet) ?? true) tables[name] = await table.rows(dataSet);
  }
  return tables;
}

function summarizeTiming(timing: Timing): JsonObject {
  const croppedSamples = timing.cropped.reduce((sum, [first, last]) => sum + last - first + 1, 0);
  // A start of 0 s since the epoch is what files without a recorded start time hold.
  const startRecorded = timing.start.secsSinceEpoch.num !== 0n;
  return {
    numSamples: timing.numSamples,
    numValid: timing.numValid,
    period: ratioText(timing.period),
    periodSecs: timing.period.secsFloat,
    start: timing.start.toDate().toISOString(),
    startUs: timing.start.toMicros(),
    startRecorded,
    end: timing.end.toDate().toISOString(),
    dropped: [...timing.dropped],
    croppedSamples,
    blank: [...timing.blank],
  };
}

/** `num/den` as stored: exact, whatever the size of either part. */
function ratioText(ratio: Ratio): string {
  return `${ratio.num}/${ratio.den}`;
}
