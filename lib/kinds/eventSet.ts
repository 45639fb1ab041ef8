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
  tables: { events: { series: true } },
  options: ['range', 'decimate', 'channels'],
  members: (set) => ({ noun: 'cell', names: set.cellNames }),
  fixedPeriod: false,
  records: (set, options) => events(set, options),
  // Event-set cells have no status; their names are what `--channels` selects by.
  summarize: (set) => ({ dataType: 'float32 amplitudes', numCells: set.numCells, cellNames: [...set.cellNames] }),
};
