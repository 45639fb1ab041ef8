import { basename } from 'node:path';
import type { JsonObject } from '../json/jsonValue.js';
import type { AnyDataSet } from '../kinds/kindName.js';
import type { TimedTableSource } from '../../transforms/tables/tableSpec.js';

/**
 * What every table of a recording says about where it comes from: its kind, file name, whole metadata and
 * the recording's start (`time_s` counts from it; a series' start is its first file's).
 */
export function tableSourceOf(first: AnyDataSet): TimedTableSource {
  return {
    kind: first.kind,
    source: basename(first.filePath),
    metadata: first.metadata as JsonObject,
    startUs: Number(first.timing.start.toMicros()),
  };
}
