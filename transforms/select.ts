import { none } from 'stream-chain';
import { IsxError } from '../lib/errors.js';
import type { CellRecord, CellStatusName, EventRecord, SampleRecord } from '../lib/core/records.js';

/** Which cells (or vessels) to keep. Each given criterion must match (they combine with AND). */
export interface CellSelection {
  statuses?: readonly CellStatusName[];
  names?: readonly string[];
  indices?: readonly number[];
}

/** Which channels (GPIO/IMU samples) or event-set cells to keep; criteria combine with AND. */
export interface ChannelSelection {
  names?: readonly string[];
  indices?: readonly number[];
}

/** Anything with a cell's identity: cell and vessel records. */
export interface CellIdentity {
  index: number;
  name: string;
  status: CellStatusName;
}

/**
 * A stage that keeps the cells (or vessels) matching `selection` and drops the others with `none`.
 * `selectCells({ statuses: ['accepted'] })` keeps accepted cells only; `selectCells<VesselRecord>(...)`
 * types the stage for vessels.
 */
export function selectCells<T extends CellIdentity = CellRecord>(selection: CellSelection): (record: T) => T | typeof none {
  const statuses = optionalSet(selection.statuses, 'statuses');
  const names = optionalSet(selection.names, 'names');
  const indices = optionalSet(selection.indices, 'indices');
  return (record) =>
    (statuses === null || statuses.has(record.status)) &&
    (names === null || names.has(record.name)) &&
    (indices === null || indices.has(record.index))
      ? record
      : none;
}

/**
 * A stage that keeps the GPIO/IMU samples (by `channel`/`channelIndex`) or events (by
 * `cellName`/`cellIndex`) of the selected channels.
 */
export function selectChannels<T extends SampleRecord | EventRecord = SampleRecord | EventRecord>(
  selection: ChannelSelection,
): (record: T) => T | typeof none {
  const names = optionalSet(selection.names, 'names');
  const indices = optionalSet(selection.indices, 'indices');
  return (record) => {
    const isSample = 'channelIndex' in record;
    const name = isSample ? record.channel : record.cellName;
    const index = isSample ? record.channelIndex : record.cellIndex;
    return (names === null || names.has(name)) && (indices === null || indices.has(index)) ? record : none;
  };
}

/** `null` means "no criterion"; an empty list would silently drop everything, so it is refused. */
function optionalSet<T>(values: readonly T[] | undefined, name: string): Set<T> | null {
  if (values === undefined) return null;
  if (values.length === 0) {
    throw new IsxError('E_ARGUMENT', `selection "${name}" is an empty list, which keeps nothing; leave it out to keep all`);
  }
  return new Set(values);
}
