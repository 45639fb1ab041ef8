import { basename } from 'node:path';
import type { JsonObject } from '../json/jsonValue.js';
import { stringifyJsonPieces } from '../json/stringifyJson.js';
import type { AnyDataSet } from '../kinds/kindName.js';
import type { TimedTableSource } from '../../transforms/tables/tableSpec.js';
import { placeMetadata, type MetadataPlacement } from '../../transforms/tables/sourceMetadata.js';

/**
 * What every table of a recording says about where it comes from: its kind, file name, whole metadata
 * (stringified here, once for all its tables; `metadataPlacement` when the caller already placed it) and
 * the recording's start (`time_s` counts from it; a series' start is its first file's).
 */
export function tableSourceOf(first: AnyDataSet, metadataPlacement?: MetadataPlacement): TimedTableSource {
  return {
    kind: first.kind,
    source: basename(first.filePath),
    metadata: first.metadata as JsonObject,
    metadataPlacement: metadataPlacement ?? placeMetadata(stringifyJsonPieces(first.metadata)),
    startUs: Number(first.timing.start.toMicros()),
  };
}
