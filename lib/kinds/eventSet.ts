import { EventSet } from '../events/eventSet.js';
import { DataSetKind } from '../core/kinds.js';
import { events } from '../sources/events.js';
import type { KindDescriptor } from './descriptor.js';

/**
 * Event sets (spec 6): `.isxd` type 5. Event-based files are sampled by event: their nominal periods
 * differ from file to file, so a series does not compare them.
 */
export const eventSetKind: KindDescriptor<'event_set'> = {
  name: 'event_set',
  label: 'event set',
  footerTypes: [DataSetKind.EVENTS],
  extensions: [],
  fromIsxd: (source) => EventSet.fromSource(source),
  tables: { events: { series: true, rows: async (set) => sum(await eventsPerCell(set)) } },
  options: ['range', 'decimate', 'channels'],
  members: (set) => ({ noun: 'cell', names: set.cellNames }),
  memberDetails: async (set) => ({ numEvents: await eventsPerCell(set) }),
  fixedPeriod: false,
  seriesJoin: 'append',
  records: (set, options) => events(set, options),
  // Event-set cells have no status; their names are what `--channels` selects by.
  summarize: async (set) => {
    const counts = await eventsPerCell(set);
    return {
      dataType: 'float32 amplitudes',
      numCells: set.numCells,
      cellNames: [...set.cellNames],
      numEvents: sum(counts),
      eventsPerCell: Object.fromEntries(set.cellNames.map((name, i) => [name, counts[i]!])),
    };
  },
};

/** Events of each cell, as the `events` table has them (reads each cell's events). */
async function eventsPerCell(set: EventSet): Promise<number[]> {
  const counts: number[] = [];
  for (let i = 0; i < set.numCells; i++) counts.push((await set.getCellData(i)).offsets.length);
  return counts;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
