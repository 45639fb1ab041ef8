import type { EventSet } from '../events/eventSet.js';
import { channelRecords, type ChannelRecordOptions } from './channelRecords.js';
import type { EventRecord } from '../core/records.js';

export type EventSourceOptions = ChannelRecordOptions;

/**
 * One record per event of every cell (design section 4): ordered by cell, then by time within the cell
 * (the order isx returns them, spec 6.3). `offsetUs` is as stored; `timestampUs` adds the set's start.
 */
export function events(eventSet: EventSet, options: EventSourceOptions = {}): AsyncGenerator<EventRecord> {
  const cells = {
    timing: eventSet.timing,
    filePath: eventSet.filePath,
    numChannels: eventSet.numCells,
    getChannelData: async (index: number) => {
      const { offsets, amplitudes } = await eventSet.getCellData(index);
      return { offsets, values: amplitudes };
    },
    close: () => eventSet.close(),
  };
  return channelRecords(cells, options, (cellIndex, offsetUs, timestampUs, amplitude): EventRecord => ({
    cellIndex,
    cellName: eventSet.getCellName(cellIndex),
    offsetUs,
    timestampUs,
    amplitude,
  }));
}
