import type { Time } from '../core/time.js';
import { IsxError } from '../errors.js';
import type { AnyDataSet } from './kindName.js';
import { kindOf } from './registry.js';

/**
 * Refuses files that cannot be parts of one recording, before anything is written: each file must have
 * the kind, image size, pixel type, members (cells, vessels or channels, by name in order; the vessel set
 * type) and, for kinds sampled at a fixed period (movies, cell sets), the period of the file before it,
 * and start no earlier than that file ends. Rows of the series tables are matched by member name and
 * sample index, so joining files that differ in any of these would silently mix unrelated data. Files are
 * compared pairwise with the previous one, so the first difference found names the two neighbours that differ.
 */
export function checkSeries(dataSets: readonly AnyDataSet[]): void {
  if (dataSets.length === 0) throw new IsxError('E_ARGUMENT', 'a series needs at least one file');
  for (let n = 1; n < dataSets.length; n++) checkPair(dataSets[n - 1]!, dataSets[n]!);
}

function checkPair(previous: AnyDataSet, dataSet: AnyDataSet): void {
  const refuse = (detail: string): never => {
    throw new IsxError('E_ARGUMENT', `cannot join a series: ${detail}`, { path: dataSet.filePath });
  };
  const differ = (what: string, found: unknown, expected: unknown): never => refuse(`${what} is ${found}, but ${previous.filePath} has ${expected}`);
  if (dataSet.kind !== previous.kind) differ('the kind', dataSet.kind, previous.kind);
  const [a, b] = [shapeOf(previous), shapeOf(dataSet)];
  if (a.size !== b.size) differ('the image size (rows x cols)', b.size, a.size);
  if (a.dataType !== b.dataType) differ('the pixel type', b.dataType, a.dataType);
  if (a.setType !== b.setType) differ('the vessel set type', b.setType, a.setType);
  const kind = kindOf(previous);
  const members = kind.members?.(previous as never);
  if (members !== undefined) {
    const found = kindOf(dataSet).members!(dataSet as never).names;
    const expected = members.names;
    if (found.length !== expected.length) differ(`the number of ${members.noun}s`, found.length, expected.length);
    const i = found.findIndex((name, k) => name !== expected[k]);
    if (i >= 0) differ(`the name of ${members.noun} ${i}`, `"${found[i]}"`, `"${expected[i]}"`);
  }
  if (kind.fixedPeriod && !dataSet.timing.period.equals(previous.timing.period)) {
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

/** What must match between neighbours besides members: image size, pixel type, vessel set type. */
function shapeOf(dataSet: AnyDataSet): { size?: string; dataType?: string; setType?: string } {
  return {
    ...('spacing' in dataSet ? { size: dataSet.spacing.numPixels.join('x') } : {}),
    ...('dataType' in dataSet ? { dataType: dataSet.dataType } : {}),
    ...('setType' in dataSet ? { setType: dataSet.setType } : {}),
  };
}

function periodText(dataSet: AnyDataSet): string {
  const { num, den } = dataSet.timing.period;
  return `${num}/${den} s`;
}

/** ISO time with the exact microseconds, so two times a fraction of a millisecond apart read differently. */
function timeText(time: Time): string {
  return `${time.toDate().toISOString()} (${time.toMicros()} µs since epoch)`;
}
