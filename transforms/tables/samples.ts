import type { SampleRecord } from '../../lib/core/records.js';
import type { TableSource, TableSpec } from './tableSpec.js';
import { timedValuesTable } from './timedValues.js';

/** The GPIO / IMU `samples` table. */
export function samplesTable(options: TableSource): TableSpec<SampleRecord> {
  return timedValuesTable<SampleRecord>(options, {
    table: 'samples',
    index: ['channel_index', (s) => s.channelIndex],
    label: ['channel', (s) => s.channel],
    value: ['value', (s) => s.value],
  });
}
