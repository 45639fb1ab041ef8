import { IsxError } from '../errors.js';
import type { AnyDataSet, KindName } from '../kinds/kindName.js';
import type { TableTraits } from '../kinds/descriptor.js';
import { kindOf } from '../kinds/registry.js';
import type { PlaneSplit } from '../../transforms/planes.js';
import type { ConvertOptions } from './convertOptions.js';
import { behaviorMoviePlanners } from './plans/behaviorMovie.js';
import { cellSetPlanners } from './plans/cellSet.js';
import { eventSetPlanners, gpioPlanners, imuPlanners } from './plans/channels.js';
import { imagePlanners, moviePlanners, PLANE_TABLE_PREFIX } from './plans/movie.js';
import type { KindPlanners, PlanContext, TablePlan, TablePlanner } from './plans/tablePlan.js';
import { vesselSetPlanners } from './plans/vesselSet.js';
import { checkOptionsFit } from './validateOptions.js';
import { tableSourceOf } from './tableSource.js';
import { secondsToMicros } from '../core/micros.js';
import type { MetadataPlacement } from '../../transforms/tables/sourceMetadata.js';

/** How every table of every kind is planned (lib/kinds lists the tables; a missing planner does not compile). */
const PLANNERS: { readonly [K in KindName]: KindPlanners<K> } = {
  movie: moviePlanners,
  image: imagePlanners,
  behavior_movie: behaviorMoviePlanners,
  cell_set: cellSetPlanners,
  event_set: eventSetPlanners,
  vessel_set: vesselSetPlanners,
  gpio: gpioPlanners,
  imu: imuPlanners,
};

export interface ListTablesOptions {
  /** Only the tables a series appends (rows that are samples in time). */
  series?: boolean;
  /** A split multiplane movie has one `frames_plane<p>` table per plane instead of `frames`. */
  planes?: PlaneSplit;
}

/**
 * The tables a file produces (the README's table contracts): those its kind lists (lib/kinds) that the
 * file has, in order. A series keeps only the tables whose rows are samples in time.
 */
export function listTables(dataSet: AnyDataSet, options: ListTablesOptions = {}): string[] {
  const kind = kindOf(dataSet);
  const split = options.planes !== undefined && kind.options.includes('planes');
  const tables = Object.entries(kind.tables) as [string, TableTraits<AnyDataSet>][];
  return tables
    .filter(([, traits]) => (!options.series || traits.series) && (traits.presentIn?.(dataSet) ?? true))
    .flatMap(([name]) => (name === 'frames' && split ? planeTables(options.planes!) : [name]));
}

function planeTables(split: PlaneSplit): string[] {
  const count = split.efocusValues?.length ?? split.numPlanes ?? 1;
  return Array.from({ length: count }, (_, plane) => `${PLANE_TABLE_PREFIX}${plane}`);
}

/**
 * Plans the requested tables of `first` (the only file, or the first of a series): which tables, with
 * which schema, from which source, through which transforms. Options that do not apply to the kind are
 * refused with E_ARGUMENT rather than ignored.
 */
export function planTables(first: AnyDataSet, options: ConvertOptions, series = false, metadata?: MetadataPlacement): TablePlan[] {
  const path = first.filePath;
  const kind = kindOf(first);
  const available = listTables(first, { series, planes: options.planes });
  const wanted = options.tables ?? available;
  const chosen = wanted.filter((name) => available.includes(name));
  if (chosen.length === 0) {
    const what = options.tables === undefined ? 'no tables' : `no table named ${wanted.join(', ')}`;
    throw new IsxError('E_ARGUMENT', `${what} for this ${kind.label}${series ? ' series' : ''}; its tables: ${available.join(', ') || 'none'}`, { path });
  }
  checkOptionsFit(options, [kind], () => `not to a ${kind.label}`, path);
  const context = makeContext(first, options, metadata);
  const planners = PLANNERS[first.kind] as Record<string, TablePlanner<KindName>>;
  return chosen.map((name) => planners[name.startsWith(PLANE_TABLE_PREFIX) ? 'frames' : name]!(first as never, name, context));
}

function makeContext(first: AnyDataSet, options: ConvertOptions, metadata: MetadataPlacement | undefined): PlanContext {
  const path = first.filePath;
  const tableSource = tableSourceOf(first, metadata);
  const startUs = tableSource.startUs;
  const range: PlanContext['range'] = {};
  if (options.startSec !== undefined) range.startUs = startUs + secondsToMicros(options.startSec);
  if (options.endSec !== undefined) range.endUs = startUs + secondsToMicros(options.endSec);
  return {
    options,
    path,
    range,
    tableSource,
  };
}

export type { TablePlan, Stage } from './plans/tablePlan.js';
