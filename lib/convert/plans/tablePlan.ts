import type { AnyDataSet, DataSetByKind, KindName, TablesByKind } from '../../kinds/kindName.js';
import type { TableSpec, TimedTableSource } from '../../../transforms/tables/tableSpec.js';
import type { ConvertOptions } from '../convertOptions.js';

/** A stream-chain stage: a record in, a record (or several, or `none`) out. */
export type Stage = (record: never) => unknown;

/**
 * How one table of a recording is made: its contract (schema + batching), the records of one file
 * (`source`, called once per file of a series with the number of samples before it), and the transforms
 * applied to the records of all files. `recordCount` sizes progress reports.
 */
export interface TablePlan {
  spec: TableSpec<never>;
  source(dataSet: AnyDataSet, indexBase: number): AsyncGenerator<unknown>;
  stages: Stage[];
  /** Records `source` yields for this file, before transforms (an estimate for event-based data). */
  recordCount(dataSet: AnyDataSet): number;
}

/** What every table plan of a conversion shares. */
export interface PlanContext {
  options: ConvertOptions;
  path: string;
  tableSource: TimedTableSource;
  /** Absolute time range (µs since the epoch) from startSec/endSec, relative to the first file's start. */
  range: { startUs?: number; endUs?: number };
}

/** Plans table `name` (one of the kind's tables; `frames_plane<p>` for a split movie's `frames`). */
export type TablePlanner<K extends KindName> = (first: DataSetByKind[K], name: string, context: PlanContext) => TablePlan;

/** How each table of a kind is planned: one planner per table the kind lists, checked by the compiler. */
export type KindPlanners<K extends KindName> = { readonly [T in TablesByKind[K]]: TablePlanner<K> };

