import type { SampleRecord } from '../../lib/core/records.js';
import type { TableSpec, TimedTableSource } from './tableSpec.js';
import { timedValuesTable } from './timedValues.js';

export interface SamplesTableOptions extends TimedTableSource {
  /** Each channel's unit by name (lib/kinds/units.ts); absent channels have none. */
  channelUnits?: ReadonlyMap<string, string | undefined>;
  /** The unit every channel shares, if one. */
  unit?: string;
}

/**
 * The GPIO / IMU `samples` table. Channels of one file hold different quantities, so each row names its
 * `unit`; `value` carries a `unit` in its field metadata only when every channel shares one.
 */
export function samplesTable(options: SamplesTableOptions): TableSpec<SampleRecord> {
  const units = options.channelUnits ?? new Map<string, string | undefined>();
  return timedValuesTable<SampleRecord>(options, {
    table: 'samples',
    index: ['channel_index', (s) => s.channelIndex],
    label: ['channel', (s) => s.channel],
    value: ['value', (s) => s.value],
    unit: options.unit,
    unitOf: (channel) => units.get(channel),
  });
}
