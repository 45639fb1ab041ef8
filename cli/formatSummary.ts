import { stringifyJson, type JsonObject, type JsonValue } from '../lib/index.js';
import { escapeControls } from './terminalText.js';

/**
 * The human-readable form of `summarize()`: one `key  value` line per field, lists shortened; with
 * `metadata`, the file's whole metadata as indented JSON at the end.
 */
export function formatSummary(summary: JsonObject): string {
  // Names, paths and acquisition values come from the file: shown escaped, never obeyed by the terminal.
  const lines = [escapeControls(String(summary.path))];
  const add = (label: string, value: string): void => {
    lines.push(`  ${label.padEnd(14)}${escapeControls(value)}`);
  };
  add('kind', String(summary.kind));
  add('size', `${count(summary.fileBytes)} bytes`);
  if (summary.numSamples !== undefined) {
    add('samples', `${summary.numSamples} (${summary.numValid} valid)`);
    add('period', `${Number(summary.periodSecs)} s (${summary.period})`);
    add('start', summary.startRecorded === false ? 'not recorded (the file stores 0 s since the epoch)' : `${summary.start} (${summary.startUs} µs since epoch)`);
    if (summary.startRecorded !== false) add('end', String(summary.end));
    add('dropped', sampleList(summary.dropped as number[]));
    if (Number(summary.croppedSamples) > 0) add('cropped', `${summary.croppedSamples} samples`);
    const blank = summary.blank as number[];
    if (blank.length > 0) add('blank', sampleList(blank));
  }
  if (summary.rows !== undefined) add('pixels', `${summary.rows} rows x ${summary.cols} cols`);
  if (summary.dataType !== undefined) add('data type', String(summary.dataType));
  if (summary.efocusValues !== undefined) add('planes', planesText(summary.efocusValues as number[]));
  if (summary.numCells !== undefined) {
    const names = summary.cellNames as string[] | undefined;
    add('cells', names === undefined ? withStatuses(summary.numCells, summary.cellStatuses) : withNames(summary.numCells, names));
  }
  if (summary.numEvents !== undefined) add('events', eventsText(Number(summary.numEvents), summary.eventsPerCell as JsonObject));
  if (summary.numVessels !== undefined) add('vessels', withStatuses(summary.numVessels, summary.vesselStatuses));
  if (summary.numChannels !== undefined) {
    add('channels', withNames(summary.numChannels, (summary.channels as string[] | undefined) ?? []));
  }
  if (summary.hasTracking !== undefined) {
    add('tracking', summary.hasTracking ? 'yes (tables frames, tracking, zones)' : 'no (table frames only)');
  }
  const tables = summary.tables as JsonObject | undefined;
  if (tables !== undefined) add('tables', Object.entries(tables).map(([name, rows]) => `${name} (${count(rows)} rows)`).join(', '));
  const info = summary.acquisitionInfo as JsonObject | null;
  if (info !== null && Object.keys(info).length > 0) {
    lines.push('  acquisition');
    for (const [key, value] of Object.entries(info)) lines.push(escapeControls(`    ${key}: ${typeof value === 'string' ? value : stringifyJson(value)}`));
  }
  if (summary.metadata !== undefined) {
    lines.push('  metadata');
    lines.push(...stringifyJson(summary.metadata, { indent: 2 }).split('\n').map((line) => `    ${line}`));
  }
  return lines.join('\n');
}

function count(value: JsonValue | undefined): string {
  return Number(value).toLocaleString('en-US');
}

/** "none", or "3 frames: 10-12, 150": how many, then the indices with runs joined. */
function sampleList(indices: readonly number[]): string {
  if (indices.length === 0) return 'none';
  const runs: string[] = [];
  for (let i = 0; i < indices.length; ) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j]! + 1) j++;
    runs.push(j === i ? String(indices[i]) : `${indices[i]}-${indices[j]}`);
    i = j + 1;
  }
  return `${indices.length} ${indices.length === 1 ? 'sample' : 'samples'} at index ${shortList(runs)}`;
}

function planesText(efocusValues: readonly number[]): string {
  if (efocusValues.length <= 1) return `1 (e-focus ${efocusValues[0]})`;
  return `${efocusValues.length}, multiplane (e-focus ${efocusValues.join(', ')}): split with --planes efocus=${efocusValues.join(',')}`;
}

function eventsText(total: number, perCell: JsonObject): string {
  const cells = Object.entries(perCell).map(([name, events]) => `${name} ${count(events)}`);
  return `${count(total)} (${shortList(cells)})`;
}

function withStatuses(total: JsonValue | undefined, statuses: JsonValue | undefined): string {
  if (statuses === undefined) return String(total);
  const s = statuses as JsonObject;
  return `${total} (${s.accepted} accepted, ${s.undecided} undecided, ${s.rejected} rejected)`;
}

function withNames(total: JsonValue | undefined, names: readonly string[]): string {
  return `${total}${names.length > 0 ? `: ${shortList(names)}` : ''}`;
}

function shortList(values: readonly (number | string)[]): string {
  return values.length <= 10 ? values.join(', ') : `${values.slice(0, 10).join(', ')}, … (${values.length - 10} more)`;
}
