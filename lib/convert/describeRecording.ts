import { basename } from 'node:path';
import { packageVersion } from '../core/packageVersion.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';
import { stringifyJson } from '../json/stringifyJson.js';
import type { AnyDataSet } from '../kinds/kindName.js';
import { kindOf } from '../kinds/registry.js';
import { commonUnit } from '../kinds/units.js';
import type { MemberRow } from '../../transforms/tables/members.js';
import type { RecordingRow } from '../../transforms/tables/recordings.js';
import type { ConvertOptions } from './convertOptions.js';

/** An input's row of the `recordings` table and its rows of the `members` table. */
export interface RecordingDescription {
  recording: RecordingRow;
  members: MemberRow[];
}

/** The `recordings` column counting each kind of member. */
const COUNT_OF = { cell: 'numCells', vessel: 'numVessels', channel: 'numChannels' } as const;

/** Options that are not settings of the conversion (where it writes, how it reports) stay out of `options`. */
const NOT_SETTINGS: readonly (keyof ConvertOptions)[] = ['stdout', 'outDir', 'onProgress', 'signal'];

/**
 * The `recordings` row and `members` rows of one opened input: `keys` become the key columns (the caller
 * picks which of them are columns when it makes the tables: `recordingsTable({ keyNames })`), `options`
 * the conversion settings recorded, `sourcePath` the input's path relative to where it was found (default:
 * its file name). Reads the file where counts need it (events per cell, packets per channel).
 *
 * ```ts
 * const { recording, members } = await describeRecording(dataSet, { recording: 'mouse1/day1/cellset' }, options, 'mouse1/day1/cellset.isxd');
 * ```
 */
export async function describeRecording(
  dataSet: AnyDataSet,
  keys: Readonly<Record<string, string>>,
  options: ConvertOptions,
  sourcePath: string = basename(dataSet.filePath),
): Promise<RecordingDescription> {
  const kind = kindOf(dataSet);
  const { timing } = dataSet;
  const names = kind.members?.(dataSet as never);
  const units = kind.memberUnits?.(dataSet as never) ?? [];
  const details = (await kind.memberDetails?.(dataSet as never)) ?? {};
  const recording: RecordingRow = {
    keys,
    kind: dataSet.kind,
    sourcePath,
    sizeBytes: dataSet.fileSize,
    startUs: Number(timing.start.toMicros()),
    periodS: timing.period.secsFloat,
    numSamples: timing.numSamples,
    durationS: timing.period.mulInt(timing.numSamples).secsFloat,
    ...imageFacts(dataSet),
    unit: units.length > 0 ? commonUnit(units) : undefined,
    acquisitionInfo: acquisitionInfoText(dataSet.getAcquisitionInfo()),
    isxStreamVersion: packageVersion(),
    options: optionsText(options),
  };
  if (details.numEvents !== undefined) recording.numEvents = details.numEvents.reduce((a, b) => a + b, 0);
  if (names === undefined) return { recording, members: [] };
  recording[COUNT_OF[names.noun]] = names.names.length;
  const members = names.names.map(
    (name, index): MemberRow => ({
      keys,
      kind: dataSet.kind,
      member: names.noun,
      index,
      name,
      status: details.statuses?.[index],
      unit: units[index],
      numEvents: details.numEvents?.[index],
      numSamples: details.numSamples?.[index],
    }),
  );
  return { recording, members };
}

/** Image shape (movies, images, behaviour movies, cell-set footprints, vessel projections) and the pixel type of movies. */
function imageFacts(dataSet: AnyDataSet): Pick<RecordingRow, 'rows' | 'cols' | 'pixelType'> {
  if (!('spacing' in dataSet)) return {};
  const [rows, cols] = dataSet.spacing.numPixels;
  if (dataSet.kind === 'behavior_movie') return { rows, cols, pixelType: 'uint8' };
  return 'dataType' in dataSet ? { rows, cols, pixelType: dataSet.dataType } : { rows, cols };
}

function acquisitionInfoText(info: JsonObject | null | undefined): string | undefined {
  return info === null || info === undefined ? undefined : stringifyJson(info);
}

/** The settings of a conversion as sorted JSON (`crop` and `planes` as objects). */
function optionsText(options: ConvertOptions): string {
  const settings: JsonObject = {};
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined && !NOT_SETTINGS.includes(key as keyof ConvertOptions)) settings[key] = value as JsonValue;
  }
  return stringifyJson(settings, { sortKeys: true });
}
