import type { Time } from '../core/time.js';
import { IsxError } from '../errors.js';
import type { CellSet } from '../isxd/cellSet.js';
import type { VesselSet } from '../isxd/vesselSet.js';
import type { EventSet } from '../events/eventSet.js';
import type { GpioSet } from '../gpio/gpioSet.js';
import type { IsxDataSet } from '../open.js';

/**
 * Refuses files that cannot be parts of one recording, before anything is written: each file must have
 * the kind, image size, pixel type, members (cells, vessels or channels, by name in order; the vessel set
 * type) and, for movies and cell sets, the period of the file before it, and start no earlier than that
 * file ends. Rows of the series tables are matched by member name and sample index, so joining files that
 * differ in any of these would silently mix unrelated data. Files are compared pairwise with the previous
 * one, so the first difference found names the two neighbours that differ.
 */
export function checkSeries(dataSets: readonly IsxDataSet[]): void {
  for (let n = 1; n < dataSets.length; n++) checkPair(dataSets[n - 1]!, dataSets[n]!);
}

function checkPair(previous: IsxDataSet, dataSet: IsxDataSet): void {
  const refuse = (detail: string): never => {
    throw new IsxError('E_ARGUMENT', `cannot join a series: ${detail}`, { path: dataSet.filePath });
  };
  const differ = (what: string, found: unknown, expected: unknown): never => refuse(`${what} is ${found}, but ${previous.filePath} has ${expected}`);
  if (dataSet.kind !== previous.kind) differ('the kind', dataSet.kind, previous.kind);
  if ('spacing' in previous && 'spacing' in dataSet) {
    const [a, b] = [previous.spacing.numPixels.join('x'), dataSet.spacing.numPixels.join('x')];
    if (a !== b) differ('the image size (rows x cols)', b, a);
  }
  if ('dataType' in previous && 'dataType' in dataSet && previous.dataType !== dataSet.dataType) {
    differ('the pixel type', dataSet.dataType, previous.dataType);
  }
  if (previous.kind === 'vesselset' && (previous as VesselSet).setType !== (dataSet as VesselSet).setType) {
    differ('the vessel set type', (dataSet as VesselSet).setType, (previous as VesselSet).setType);
  }
  const members = membersOf(previous);
  if (members !== undefined) {
    const [expected, found] = [members.names, membersOf(dataSet)!.names];
    if (found.length !== expected.length) differ(`the number of ${members.noun}s`, found.length, expected.length);
    const i = found.findIndex((name, k) => name !== expected[k]);
    if (i >= 0) differ(`the name of ${members.noun} ${i}`, `"${found[i]}"`, `"${expected[i]}"`);
  }
  // Movies and cell sets index samples by period; event-based files are sampled by event, and their
  // nominal periods differ from file to file.
  if (['movie', 'image', 'cellset'].includes(previous.kind) && !dataSet.timing.period.equals(previous.timing.period)) {
    differ('the period', periodText(dataSet), periodText(previous));
  }
  const start = dataSet.timing.start;
  if (start.secsSinceEpoch.compare(previous.timing.start.secsSinceEpoch) < 0) {
    refuse(`it starts at ${timeText(start)}, before ${previous.filePath} (${timeText(previous.timing.start)}); give the files in time order`);
  }
  const previousEnd = previous.timing.end;
  if (start.secsSinceEpoch.compare(previousEnd.secsSinceEpoch) < 0) {
    refuse(`it starts at ${timeText(start)}, before ${previous.filePath} ends (${timeText(previousEnd)}): the files overlap in time`);
  }
}

/** The named members whose rows a series appends: cells, vessels or channels, in stored order. */
function membersOf(dataSet: IsxDataSet): { noun: string; names: string[] } | undefined {
  const names = (count: number, nameOf: (i: number) => string): string[] => Array.from({ length: count }, (_, i) => nameOf(i));
  switch (dataSet.kind) {
    case 'cellset':
      return { noun: 'cell', names: names((dataSet as CellSet).numCells, (i) => (dataSet as CellSet).getCellName(i)) };
    case 'eventset':
      return { noun: 'cell', names: [...(dataSet as EventSet).cellNames] };
    case 'gpio':
    case 'imu':
      return { noun: 'channel', names: [...(dataSet as GpioSet).channelNames] };
    case 'vesselset':
      return { noun: 'vessel', names: names((dataSet as VesselSet).numVessels, (i) => (dataSet as VesselSet).getVesselName(i)) };
    default:
      return undefined;
  }
}

function periodText(dataSet: IsxDataSet): string {
  const { num, den } = dataSet.timing.period;
  return `${num}/${den} s`;
}

/** ISO time with the exact microseconds, so two times a fraction of a millisecond apart read differently. */
function timeText(time: Time): string {
  return `${time.toDate().toISOString()} (${time.toMicros()} µs since epoch)`;
}
