import { CellSet } from '../isxd/cellSet.js';
import { DataSetKind } from '../core/kinds.js';
import type { CellRecord, CellStatusName } from '../core/records.js';
import type { JsonObject } from '../json/jsonValue.js';
import { cells } from '../sources/cells.js';
import type { KindDescriptor } from './descriptor.js';
import { traceUnit } from './units.js';

/** Cell sets (spec 5): `.isxd` type 1. */
export const cellSetKind: KindDescriptor<'cell_set'> = {
  name: 'cell_set',
  label: 'cell set',
  footerTypes: [DataSetKind.CELLSET],
  extensions: [],
  fromIsxd: (source) => CellSet.fromSource(source),
  // `cells` holds whole traces, whose length differs from file to file: not appended in a series.
  tables: {
    cells: { series: false, rows: (set) => set.numCells },
    traces: { series: true, rows: (set) => set.numCells * set.timing.numSamples },
  },
  options: ['range', 'cells'],
  members: (set) => ({ noun: 'cell', names: Array.from({ length: set.numCells }, (_, i) => set.getCellName(i)) }),
  memberUnits: (set) => new Array<string | undefined>(set.numCells).fill(traceUnit(set.metadata, 'cellset')),
  memberDetails: (set) => ({
    statuses: Array.from({ length: set.numCells }, (_, i) => set.getCellStatus(i)),
    numSamples: new Array<number>(set.numCells).fill(set.timing.numSamples),
  }),
  fixedPeriod: true,
  seriesJoin: 'members',
  records: (set, options) => shiftSampleIndex(cells(set, options), options.indexBase ?? 0),
  summarize: (set) => ({
    dataType: 'float32',
    numCells: set.numCells,
    cellStatuses: countStatuses(set.numCells, (i) => set.getCellStatus(i)),
  }),
};

/** In a series, each file's trace sample indices start after the previous file's last sample. */
async function* shiftSampleIndex(records: AsyncGenerator<CellRecord>, indexBase: number): AsyncGenerator<CellRecord> {
  if (indexBase === 0) return yield* records;
  for await (const record of records) yield { ...record, firstSampleIndex: (record.firstSampleIndex ?? 0) + indexBase };
}

export function countStatuses(count: number, statusOf: (index: number) => CellStatusName): JsonObject {
  const counts: Record<CellStatusName, number> = { accepted: 0, undecided: 0, rejected: 0 };
  for (let i = 0; i < count; i++) counts[statusOf(i)]++;
  return { ...counts };
}
