import type { EventRecord } from '../../lib/core/records.js';
import type { TableSpec, TimedTableSource } from './tableSpec.js';
import { timedValuesTable } from './timedValues.js';

/** The event set `events` table (event sets name no amplitude unit). */
export function eventsTable(options: TimedTableSource): TableSpec<EventRecord> {
  return timedValuesTable<EventRecord>(options, {
    table: 'events',
    index: ['cell_index', (e) => e.cellIndex],
    label: ['name', (e) => e.cellName],
    value: ['amplitude', (e) => e.amplitude],
  });
}
