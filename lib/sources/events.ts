import type { EventSet } from '../events/eventSet.js';
import { readChannelRecords } from './channelRecords.js';
import { closing } from './closing.js';
import type { RangeOptions } from './range.js';
import type { EventRecord } from './records.js';

export interface EventSourceOptions extends Omit<RangeOptions, 'startIndex' | 'endIndex'> {
  /** Close the event set when the stream ends, fails or is destroyed (default false). */
  closeOnEnd?: boolean;
}

/**
 * One record per event of every cell (design section 4): ordered by cell, then by time within the cell
 * (the order isx returns them, spec 6.3). `offsetUs` is as stored; `timestampUs` adds the set's start.
 */
export function events(eventSet: EventSet, options: EventSourceOptions = {}): AsyncGenerator<EventRecord> {
  const records = readChannelRecords(
    eventSet.numCells,
    (index) => eventSet.getCellData(index),
    eventSet.timing,
    options,
    eventSet.filePath,
    (cellIndex, offsetUs, timestampUs, amplitude): EventRecord => ({
      cellIndex,
      cellName: eventSet.getCellName(cellIndex),
      offsetUs,
      timestampUs,
      amplitude,
    }),
  );
  return options.closeOnEnd ? closing(records, eventSet) : records;
}
