import { stringifyJson, type JsonObject, type JsonValue } from '../lib/index.js';

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
