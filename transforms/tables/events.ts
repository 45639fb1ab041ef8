import type { EventRecord } from '../../lib/core/records.js';
import type { TableSource, TableSpec } from './tableSpec.js';
import { timedValuesTable } from './timedValues.js';

/** The event set `events` table. */
export function eventsTable(options: TableSource): TableSpec<EventRecord> {
  return timedValuesTable<EventRecord>(options, {
    table: 'events',
    index: ['cell_index', (e) => e.cellIndex],
    label: ['name', (e) => e.cellName],
    value: ['amplitude', (e) => e.amplitude],
  });
}
