import { IsxError } from '../errors.js';
import { CELL_STATUSES } from '../core/records.js';
import type { AnyKindDescriptor } from '../kinds/descriptor.js';
import type { KindOption } from '../kinds/kindName.js';
import { KIND_LIST } from '../kinds/registry.js';
import { PARQUET_CODECS, SINK_FORMATS } from '../sinks/formats.js';
import type { ConvertOptions } from './convertOptions.js';
import { checkKeyName, KIND_KEY, RECORDING_KEY } from './recordingKeys.js';

export type OptionName = keyof ConvertOptions;

/** Names an option in the caller's words: `options.compression` in the library, `--compression` in the CLI. */
export type OptionNamer = (option: OptionName) => string;

const libraryName: OptionNamer = (option) => `options.${option}`;

/**
 * A conversion option that cannot be used. The message is built from option names, so the library and
 * the CLI each say it in their own words (`describe(name)`); `message` uses the library's.
 */
export class ConvertOptionError extends IsxError {
  constructor(
    readonly describe: (name: OptionNamer) => string,
    path?: string,
  ) {
    super('E_ARGUMENT', describe(libraryName), { path });
  }
}

/**
 * Refuses options that cannot work whatever the input: the one place conversion options are checked
 * (convertFile, convertSeries and the CLI all call it before any file is opened or written).
 */
export function validateConvertOptions(options: ConvertOptions): void {
  const fail = (describe: (name: OptionNamer) => string): never => {
    throw new ConvertOptionError(describe);
  };
  if (!(SINK_FORMATS as readonly string[]).includes(options.to)) {
    fail((n) => `${n('to')} "${String(options.to)}" is not one of ${SINK_FORMATS.join(', ')}`);
  }
  if ((options.outDir === undefined) === (options.stdout === undefined)) fail((n) => `give exactly one of ${n('outDir')} and ${n('stdout')}`);
  if (options.outDir === '') fail((n) => `${n('outDir')} is empty: name a folder`);
  if (options.stdout !== undefined && options.partitionBy !== undefined) {
    fail((n) => `${n('partitionBy')} needs an output folder (${n('outDir')}), not ${n('stdout')}`);
  }
  checkKeys(options, fail);
  if (options.compression !== undefined) {
    if (options.to !== 'parquet') fail((n) => `${n('compression')} applies to ${n('to')} parquet, not ${n('to')} ${options.to}`);
    if (!(PARQUET_CODECS as readonly string[]).includes(options.compression)) {
      fail((n) => `${n('compression')} "${options.compression}" is not one of ${PARQUET_CODECS.join(', ')}`);
    }
  }
  if (options.csvSafe === true && options.to !== 'csv') fail((n) => `${n('csvSafe')} applies to ${n('to')} csv, not ${n('to')} ${options.to}`);
  if (options.batchRows !== undefined && (options.to === 'ndjson' || options.to === 'csv')) {
    fail((n) => `${n('batchRows')} applies to ${n('to')} parquet, arrow or arrows, not ${n('to')} ${options.to}`);
  }
  for (const option of ['batchRows', 'decimate', 'bin', 'limit'] as const) {
    const value = options[option];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1)) fail((n) => `${n(option)} must be a whole number >= 1, found ${value}`);
  }
  for (const option of ['startSec', 'endSec'] as const) {
    const value = options[option];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) fail((n) => `${n(option)} must be a number of seconds >= 0, found ${value}`);
  }
  if (options.startSec !== undefined && options.endSec !== undefined && options.endSec <= options.startSec) {
    fail((n) => `${n('endSec')} (${options.endSec}) must be after ${n('startSec')} (${options.startSec})`);
  }
  if (options.crop !== undefined) checkCrop(options.crop, fail);
  for (const status of options.cells ?? []) {
    if (!(CELL_STATUSES as readonly string[]).includes(status)) fail((n) => `${n('cells')}: "${status}" is not one of ${CELL_STATUSES.join(', ')}`);
  }
}

function checkKeys(options: ConvertOptions, fail: (describe: (name: OptionNamer) => string) => never): void {
  const keys = options.keys ?? {};
  for (const [key, value] of Object.entries(keys)) {
    const problem = checkKeyName(key) ?? (key === KIND_KEY ? `key "${KIND_KEY}" is set from the file` : undefined);
    if (problem !== undefined) fail((n) => `${n('keys')}: ${problem}`);
    if (typeof value !== 'string' || value === '' || value.includes('\0')) fail((n) => `${n('keys')}: the value of "${key}" must be a non-empty string without NUL`);
  }
  const recording = keys[RECORDING_KEY];
  if (recording !== undefined && (/^[\\/]|^[A-Za-z]:/.test(recording) || recording.split(/[\\/]/).some((s) => s === '' || s === '.' || s === '..'))) {
    fail((n) => `${n('keys')}: "${RECORDING_KEY}" must be a relative path without empty, . or .. segments, found "${recording}"`);
  }
  const partitionBy = options.partitionBy ?? [];
  for (const [i, key] of partitionBy.entries()) {
    if (key !== KIND_KEY && !(key in keys)) fail((n) => `${n('partitionBy')}: no key "${key}" (keys: ${[...Object.keys(keys), KIND_KEY].join(', ')})`);
    if (partitionBy.indexOf(key) !== i) fail((n) => `${n('partitionBy')}: "${key}" is named twice`);
  }
}

function checkCrop(crop: NonNullable<ConvertOptions['crop']>, fail: (describe: (name: OptionNamer) => string) => never): void {
  const parts = [
    ['x', crop.x, 0],
    ['y', crop.y, 0],
    ['width', crop.width, 1],
    ['height', crop.height, 1],
  ] as const;
  for (const [part, value, least] of parts) {
    if (!(Number.isSafeInteger(value) && value >= least)) {
      fail((n) => `${n('crop')} ${part} must be a whole number >= ${least}${least === 0 ? ' (the rectangle starts inside the image)' : ''}, found ${value}`);
    }
  }
}

/** Which options each kind-specific `KindOption` stands for, and whether it was given. */
const KIND_OPTION_FIELDS: Record<KindOption, { fields: readonly OptionName[]; isSet(options: ConvertOptions): boolean }> = {
  range: { fields: ['startSec', 'endSec'], isSet: (o) => o.startSec !== undefined || o.endSec !== undefined },
  decimate: { fields: ['decimate'], isSet: (o) => o.decimate !== undefined },
  crop: { fields: ['crop'], isSet: (o) => o.crop !== undefined },
  bin: { fields: ['bin'], isSet: (o) => o.bin !== undefined },
  planes: { fields: ['planes'], isSet: (o) => o.planes !== undefined },
  decode: { fields: ['decode'], isSet: (o) => o.decode === true },
  cells: { fields: ['cells'], isSet: (o) => o.cells !== undefined },
  channels: { fields: ['channels'], isSet: (o) => o.channels !== undefined },
};

/**
 * Refuses a kind-specific option that none of `kinds` takes (`cells` for a movie), saying which kinds
 * take it; `notFor` ends the sentence ("not to a movie", or the CLI's "but no input can be one").
 */
export function checkOptionsFit(
  options: ConvertOptions,
  kinds: readonly AnyKindDescriptor[],
  notFor: (name: OptionNamer) => string,
  path?: string,
): void {
  for (const [option, { fields, isSet }] of Object.entries(KIND_OPTION_FIELDS) as [KindOption, (typeof KIND_OPTION_FIELDS)[KindOption]][]) {
    if (!isSet(options) || kinds.some((kind) => kind.options.includes(option))) continue;
    throw new ConvertOptionError((n) => `${fields.map(n).join('/')} applies to ${kindsTaking(option)}, ${notFor(n)}`, path);
  }
}

/** "cell sets and vessel sets": the kinds that take `option`, by label, with the extension of kinds stored outside `.isxd`. */
function kindsTaking(option: KindOption): string {
  const kinds = KIND_LIST.filter((kind) => kind.options.includes(option));
  const names = [...new Set(kinds.map((kind) => `${kind.label}s${kind.footerTypes.length === 0 ? ` (${kind.extensions.join(', ')})` : ''}`))];
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
