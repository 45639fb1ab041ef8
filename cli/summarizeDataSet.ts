import { listTables } from '../lib/convert/tableRegistry.js';
import type { Ratio } from '../lib/core/ratio.js';
import type { Spacing } from '../lib/core/spacing.js';
import type { Timing } from '../lib/core/timing.js';
import type { JsonObject, JsonValue } from '../lib/json/jsonValue.js';
import { stringifyJson } from '../lib/json/stringifyJson.js';
import type { CellStatusName } from '../lib/core/records.js';

/**
 * What `isx-stream info` shows about an opened file. The readers share no base class for all of this
 * (an Image wraps a Movie, a GpioSet has channels, a cell set cells), so each part is read when present.
 */
export interface OpenedFile {
  readonly kind: string;
  readonly metadata: JsonObject;
  readonly timing?: Timing;
  readonly spacing?: Spacing;
  readonly dataType?: string;
  readonly numCells?: number;
  readonly numChannels?: number;
  readonly numVessels?: number;
  getCellStatus?(index: number): CellStatusName;
  getCellName?(index: number): string;
  getVesselStatus?(index: number): CellStatusName;
  getChannelName?(index: number): string;
  getAcquisitionInfo?(): Record<string, JsonValue> | null;
}

/**
 * What the values of the kinds without a pixel type are stored as: cell and vessel traces are float32
 * (spec 5, 7), event amplitudes and GPIO/IMU sample values are read as float32 (spec 6.3).
 */
const VALUE_TYPES: Record<string, string> = {
  cellset: 'float32',
  vesselset: 'float32',
  eventset: 'float32 amplitudes',
  gpio: 'float32 values',
  imu: 'float32 values',
};

/** A JSON-ready summary; integers that may exceed 2^53 are bigint (printed exactly). */
export function summarizeDataSet(path: string, fileBytes: number, file: OpenedFile): JsonObject {
  const summary: JsonObject = { path, kind: file.kind, fileBytes };
  if (file.timing) Object.assign(summary, summarizeTiming(file.timing));
  if (file.spacing) {
    const [rows, cols] = file.spacing.numPixels;
    summary.rows = rows;
    summary.cols = cols;
  }
  const dataType = file.dataType ?? VALUE_TYPES[file.kind];
  if (dataType !== undefined) summary.dataType = dataType;
  if (file.numCells !== undefined) {
    summary.numCells = file.numCells;
    if (file.getCellStatus) summary.cellStatuses = countStatuses(file.numCells, (i) => file.getCellStatus!(i));
    // Event-set cells have no status; their names are what `--channels` selects by.
    else if (file.kind === 'eventset' && file.getCellName) summary.cellNames = Array.from({ length: file.numCells }, (_, i) => file.getCellName!(i));
  }
  if (file.numVessels !== undefined) {
    summary.numVessels = file.numVessels;
    if (file.getVesselStatus) summary.vesselStatuses = countStatuses(file.numVessels, (i) => file.getVesselStatus!(i));
  }
  if (file.numChannels !== undefined) {
    summary.numChannels = file.numChannels;
    if (file.getChannelName) summary.channels = Array.from({ length: file.numChannels }, (_, i) => file.getChannelName!(i));
  }
  // spec 8.2: tracker data in the frame metadata is what gives a behaviour movie tracking and zones tables.
  if (file.kind === 'behavior') summary.hasTracking = listTables(file).includes('tracking');
  summary.acquisitionInfo = file.getAcquisitionInfo?.() ?? null;
  return summary;
}

function summarizeTiming(timing: Timing): JsonObject {
  const croppedSamples = timing.cropped.reduce((sum, [first, last]) => sum + last - first + 1, 0);
  return {
    numSamples: timing.numSamples,
    numValid: timing.numValid,
    period: ratioText(timing.period),
    periodSecs: timing.period.secsFloat,
    start: timing.start.toDate().toISOString(),
    startUs: timing.start.toMicros(),
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

function countStatuses(count: number, statusOf: (index: number) => CellStatusName): JsonObject {
  const counts: JsonObject = { accepted: 0, undecided: 0, rejected: 0 };
  for (let i = 0; i < count; i++) counts[statusOf(i)] = (counts[statusOf(i)] as number) + 1;
  return counts;
}

/** The human-readable form: one `key  value` line per field, lists shortened. */
export function formatSummary(summary: JsonObject): string {
  const lines = [String(summary.path)];
  const add = (label: string, value: string): void => {
    lines.push(`  ${label.padEnd(14)}${value}`);
  };
  add('kind', String(summary.kind));
  add('size', `${Number(summary.fileBytes).toLocaleString('en-US')} bytes`);
  if (summary.numSamples !== undefined) {
    add('samples', `${summary.numSamples} (${summary.numValid} valid)`);
    add('period', `${Number(summary.periodSecs)} s (${summary.period})`);
    add('start', `${summary.start} (${summary.startUs} µs since epoch)`);
    add('end', String(summary.end));
    const dropped = summary.dropped as number[];
    add('dropped', dropped.length === 0 ? 'none' : `${dropped.length}: ${shortList(dropped)}`);
    if (Number(summary.croppedSamples) > 0) add('cropped', `${summary.croppedSamples} samples`);
    const blank = summary.blank as number[];
    if (blank.length > 0) add('blank', `${blank.length}: ${shortList(blank)}`);
  }
  if (summary.rows !== undefined) add('pixels', `${summary.rows} rows x ${summary.cols} cols`);
  if (summary.dataType !== undefined) add('data type', String(summary.dataType));
  if (summary.numCells !== undefined) {
    const names = summary.cellNames as string[] | undefined;
    add('cells', names === undefined ? withStatuses(summary.numCells, summary.cellStatuses) : withNames(summary.numCells, names));
  }
  if (summary.numVessels !== undefined) add('vessels', withStatuses(summary.numVessels, summary.vesselStatuses));
  if (summary.numChannels !== undefined) {
    add('channels', withNames(summary.numChannels, (summary.channels as string[] | undefined) ?? []));
  }
  if (summary.hasTracking !== undefined) {
    add('tracking', summary.hasTracking ? 'yes (tables frames, tracking, zones)' : 'no (table frames only)');
  }
  const info = summary.acquisitionInfo as JsonObject | null;
  if (info !== null && Object.keys(info).length > 0) {
    lines.push('  acquisition');
    for (const [key, value] of Object.entries(info)) lines.push(`    ${key}: ${typeof value === 'string' ? value : stringifyJson(value)}`);
  }
  return lines.join('\n');
}

function withStatuses(count: JsonValue | undefined, statuses: JsonValue | undefined): string {
  if (statuses === undefined) return String(count);
  const s = statuses as JsonObject;
  return `${count} (${s.accepted} accepted, ${s.undecided} undecided, ${s.rejected} rejected)`;
}

function withNames(count: JsonValue | undefined, names: readonly string[]): string {
  return `${count}${names.length > 0 ? `: ${shortList(names)}` : ''}`;
}

function shortList(values: readonly (number | string)[]): string {
  return values.length <= 10 ? values.join(', ') : `${values.slice(0, 10).join(', ')}, … (${values.length - 10} more)`;
}
