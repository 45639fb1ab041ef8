import { none } from 'stream-chain';
import type { CellSet } from '../isxd/cellSet.js';
import type { Movie } from '../isxd/movie.js';
import type { VesselSet } from '../isxd/vesselSet.js';
import type { EventSet } from '../events/eventSet.js';
import type { GpioSet } from '../gpio/gpioSet.js';
import type { BehaviorMovie } from '../isxb/behaviorMovie.js';
import type { Timing } from '../core/timing.js';
import { IsxError } from '../errors.js';
import type { JsonObject } from '../json/jsonValue.js';
import { cells } from '../sources/cells.js';
import { events } from '../sources/events.js';
import { frames } from '../sources/frames.js';
import { resolveIndexRange } from '../sources/range.js';
import { samples } from '../sources/samples.js';
import { vessels } from '../sources/vessels.js';
import { videoFrames } from '../sources/videoFrames.js';
import { bin } from '../../transforms/bin.js';
import { crop } from '../../transforms/crop.js';
import { decimate } from '../../transforms/decimate.js';
import { planes, type PlaneSplit } from '../../transforms/planes.js';
import { selectCells, selectChannels } from '../../transforms/select.js';
import { behaviorFramesTable } from '../../transforms/tables/behaviorFrames.js';
import { cellsTable } from '../../transforms/tables/cells.js';
import { eventsTable } from '../../transforms/tables/events.js';
import { framesTable } from '../../transforms/tables/frames.js';
import { samplesTable } from '../../transforms/tables/samples.js';
import type { TableSource, TableSpec } from '../../transforms/tables/tableSpec.js';
import { tracesTable } from '../../transforms/tables/traces.js';
import { trackingTable, zonesTable } from '../../transforms/tables/tracking.js';
import { vesselTracesTable } from '../../transforms/tables/vesselTraces.js';
import { vesselsTable } from '../../transforms/tables/vessels.js';
import type { ConvertOptions } from './convertOptions.js';

/** What `open(path)` returns: every reader of design 3. */
export type OpenedDataSet = Movie | CellSet | VesselSet | EventSet | GpioSet | BehaviorMovie;

/** A stream-chain stage (records in, records or `none` out). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Stage = (record: any) => unknown;

/**
 * How one table of a recording is made: its contract (schema + batching), the records of one file
 * (`source`, called once per file of a series with the index of its first sample), and the transforms
 * applied to the records of all files. `sampleCount` sizes progress reports.
 */
export interface TablePlan {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec: TableSpec<any>;
  source(dataSet: OpenedDataSet, indexBase: number): AsyncGenerator<unknown>;
  stages: Stage[];
  /** Records `source` yields for this file, before transforms (an estimate for event-based data). */
  recordCount(dataSet: OpenedDataSet): number;
}

/** Tables whose rows are samples in time, so a series can append them file after file. */
const SERIES_TABLES = new Set(['frames', 'traces', 'events', 'samples', 'vessel_traces', 'tracking', 'zones']);

/** `kind` values of the readers, as the table metadata spells them (`isx:kind`). */
const TABLE_KINDS: Record<string, string> = {
  movie: 'movie',
  image: 'image',
  cellset: 'cell_set',
  eventset: 'event_set',
  gpio: 'gpio',
  imu: 'imu',
  vesselset: 'vessel_set',
  behavior: 'behavior_movie',
};

/**
 * The tables a file produces (design 5): movie/image → frames; cell set → cells, traces; event set →
 * events; GPIO/IMU → samples; vessel set → vessels, vessel_traces; behaviour movie → frames, plus tracking
 * and zones when it stores tracker data. A series keeps only the tables whose rows are samples in time.
 */
export function listTables(dataSet: { kind: string }, options: { series?: boolean; planes?: PlaneSplit } = {}): string[] {
  const all = tablesOfKind(dataSet as OpenedDataSet, options.planes);
  return options.series ? all.filter((name) => SERIES_TABLES.has(name) || name.startsWith('frames_plane')) : all;
}

function tablesOfKind(dataSet: OpenedDataSet, split: PlaneSplit | undefined): string[] {
  switch (dataSet.kind) {
    case 'movie':
    case 'image':
      return split === undefined ? ['frames'] : Array.from({ length: planeCount(split) }, (_, plane) => `frames_plane${plane}`);
    case 'cellset':
      return ['cells', 'traces'];
    case 'eventset':
      return ['events'];
    case 'gpio':
    case 'imu':
      return ['samples'];
    case 'vesselset':
      return ['vessels', 'vessel_traces'];
    case 'behavior': {
      return ['frames', ...(hasTracking(dataSet as BehaviorMovie) ? ['tracking', 'zones'] : [])];
    }
    default:
      throw new IsxError('E_UNSUPPORTED', `no tables are defined for data sets of kind "${(dataSet as { kind: string }).kind}"`);
  }
}

/**
 * Plans the requested tables of `first` (the only file, or the first of a series): which tables, with
 * which schema, from which source, through which transforms. Options that do not apply to the kind are
 * refused with E_ARGUMENT rather than ignored.
 */
export function planTables(first: OpenedDataSet, options: ConvertOptions, series = false): TablePlan[] {
  const path = (first as { filePath: string }).filePath;
  const available = listTables(first, { series, planes: options.planes });
  const wanted = options.tables ?? available;
  const chosen = wanted.filter((name) => available.includes(name));
  if (chosen.length === 0) {
    const what = options.tables === undefined ? 'no tables' : `no table named ${wanted.join(', ')}`;
    throw new IsxError('E_ARGUMENT', `${what} for this ${first.kind}${series ? ' series' : ''}; its tables: ${available.join(', ') || 'none'}`, { path });
  }
  checkOptionsApply(first, options, path);
  const context = makeContext(first, options, path);
  return chosen.map((name) => planTable(first, name, context));
}

interface PlanContext {
  options: ConvertOptions;
  path: string;
  tableSource: TableSource;
  /** Absolute time range (µs since the epoch) from --start/--end, relative to the first file's start. */
  range: { startUs?: number; endUs?: number };
}

function makeContext(first: OpenedDataSet, options: ConvertOptions, path: string): PlanContext {
  const startUs = Number(first.timing.start.toMicros());
  const range: PlanContext['range'] = {};
  if (options.startSec !== undefined) range.startUs = startUs + Math.round(options.startSec * 1e6);
  if (options.endSec !== undefined) range.endUs = startUs + Math.round(options.endSec * 1e6);
  const tableSource: TableSource = {
    kind: TABLE_KINDS[first.kind] ?? first.kind,
    source: path.split(/[\\/]/).pop() ?? path,
    metadata: first.metadata as JsonObject,
  };
  return { options, path, tableSource, range };
}

function planTable(first: OpenedDataSet, name: string, context: PlanContext): TablePlan {
  switch (first.kind) {
    case 'movie':
    case 'image':
      return planMovieFrames(first as Movie, name, context);
    case 'cellset':
      return planCellSet(first as CellSet, name, context);
    case 'eventset':
      return planChannels(first, eventsTable(context.tableSource), context);
    case 'gpio':
    case 'imu':
      return planChannels(first, samplesTable(context.tableSource), context);
    case 'vesselset':
      return planVesselSet(first as VesselSet, name, context);
    default:
      return planBehavior(first as BehaviorMovie, name, context);
  }
}

function planMovieFrames(movie: Movie, name: string, context: PlanContext): TablePlan {
  const { options } = context;
  let [rows, cols] = movie.spacing.numPixels;
  const stages: Stage[] = [];
  if (options.planes !== undefined) {
    // A multiplane movie interleaves its planes frame by frame; each plane is its own table, and the
    // frame indices (hence --decimate) count within the plane.
    const plane = Number(name.slice('frames_plane'.length));
    stages.push(planes(options.planes), (frame: { plane: number }) => (frame.plane === plane ? frame : none));
  }
  if (options.decimate !== undefined) stages.push(decimate(options.decimate));
  [rows, cols] = addCropAndBin(stages, options, [rows, cols]);
  const spec = framesTable({ ...context.tableSource, rows, cols, dataType: movie.dataType });
  return {
    spec: name === 'frames' ? spec : { ...spec, name },
    source: (dataSet, indexBase) => frames(dataSet as Movie, { ...context.range, indexBase }),
    stages,
    recordCount: (dataSet) => countInRange((dataSet as Movie).timing, context),
  };
}

function planCellSet(cellSet: CellSet, name: string, context: PlanContext): TablePlan {
  const { options } = context;
  if (options.decimate !== undefined) {
    throw new IsxError('E_ARGUMENT', '--decimate applies to frames, events and samples; cell traces cannot be decimated', { path: context.path });
  }
  const stages: Stage[] = options.cells === undefined ? [] : [selectCells({ statuses: options.cells })];
  const [firstSample, endSample] = resolveIndexRange(cellSet.timing, context.range, context.path);
  const [rows, cols] = cellSet.spacing.numPixels;
  const spec =
    name === 'cells'
      ? cellsTable({ ...context.tableSource, rows, cols, numSamples: endSample - firstSample })
      : tracesTable({ ...context.tableSource, timing: cellSet.timing });
  return {
    spec,
    source: (dataSet, indexBase) => offsetSamples(cells(dataSet as CellSet, context.range), indexBase),
    stages,
    recordCount: (dataSet) => (dataSet as CellSet).numCells,
  };
}

/** In a series, trace sample indices continue over the files: shift each cell's first sample index. */
async function* offsetSamples<R extends { firstSampleIndex?: number }>(records: AsyncGenerator<R>, indexBase: number): AsyncGenerator<R> {
  if (indexBase === 0) return yield* records;
  for await (const record of records) yield { ...record, firstSampleIndex: (record.firstSampleIndex ?? 0) + indexBase };
}

function planChannels(first: OpenedDataSet, spec: TableSpec<unknown>, context: PlanContext): TablePlan {
  const { options } = context;
  const isEvents = first.kind === 'eventset';
  const stages: Stage[] = [];
  if (options.channels !== undefined) stages.push(selectChannels({ names: resolveChannelNames(first, options.channels, context.path) }));
  if (options.decimate !== undefined) stages.push(decimate(options.decimate));
  return {
    spec,
    source: (dataSet) => (isEvents ? events(dataSet as EventSet, context.range) : samples(dataSet as GpioSet, context.range)),
    stages,
    recordCount: (dataSet) => (isEvents ? (dataSet as EventSet).numCells : (dataSet as GpioSet).numChannels),
  };
}

/** `--channels` entries are names, or indices when no channel has that name. */
function resolveChannelNames(dataSet: OpenedDataSet, entries: readonly string[], path: string): string[] {
  const isEvents = dataSet.kind === 'eventset';
  const count = isEvents ? (dataSet as EventSet).numCells : (dataSet as GpioSet).numChannels;
  const names = Array.from({ length: count }, (_, i) => (isEvents ? (dataSet as EventSet).getCellName(i) : (dataSet as GpioSet).getChannelName(i)));
  return entries.map((entry) => {
    if (names.includes(entry)) return entry;
    const index = /^\d+$/.test(entry) ? Number(entry) : -1;
    if (index >= 0 && index < count) return names[index]!;
    throw new IsxError('E_ARGUMENT', `channel "${entry}" is neither a name nor an index (0-${count - 1}); names: ${names.join(', ')}`, { path });
  });
}

function planVesselSet(vesselSet: VesselSet, name: string, context: PlanContext): TablePlan {
  const { options } = context;
  if (options.startSec !== undefined || options.endSec !== undefined || options.decimate !== undefined) {
    throw new IsxError('E_ARGUMENT', '--start, --end and --decimate do not apply to vessel sets (their traces are written whole)', { path: context.path });
  }
  // spec 7.1: the presence of these keys says the second trace is stored (VesselSet does not expose it).
  const flags = {
    hasCenter: Object.hasOwn(vesselSet.metadata, 'VesselCenterSaved'),
    hasDirection: Object.hasOwn(vesselSet.metadata, 'VesselDirectionSaved'),
  };
  const spec =
    name === 'vessels'
      ? vesselsTable({
          ...context.tableSource,
          ...flags,
          setType: vesselSet.setType,
          numSamples: vesselSet.timing.numSamples,
          hasCorrelations: vesselSet.hasCorrelationHeatmaps(),
        })
      : vesselTracesTable({ ...context.tableSource, ...flags, timing: vesselSet.timing });
  return {
    spec,
    source: (dataSet) => vessels(dataSet as VesselSet),
    stages: options.cells === undefined ? [] : [selectCells({ statuses: options.cells })],
    recordCount: (dataSet) => (dataSet as VesselSet).numVessels,
  };
}

function planBehavior(movie: BehaviorMovie, name: string, context: PlanContext): TablePlan {
  const { options } = context;
  const decode = options.decode ?? false;
  let [rows, cols] = movie.spacing.numPixels;
  const stages: Stage[] = [];
  if (options.decimate !== undefined) stages.push(decimate(options.decimate));
  if (name === 'frames' && decode) {
    [rows, cols] = addCropAndBin(stages, options, [rows, cols]);
  } else if (name === 'frames' && (options.crop !== undefined || options.bin !== undefined)) {
    throw new IsxError('E_ARGUMENT', '--crop and --bin need decoded behaviour frames: add --decode', { path: context.path });
  }
  const spec =
    name === 'frames'
      ? behaviorFramesTable({ ...context.tableSource, rows, cols, decoded: decode })
      : name === 'tracking'
        ? trackingTable(context.tableSource)
        : zonesTable(context.tableSource);
  return {
    spec,
    source: (dataSet, indexBase) => videoFrames(dataSet as BehaviorMovie, { ...context.range, indexBase, decode: decode && name === 'frames' }),
    stages,
    recordCount: (dataSet) => countInRange((dataSet as BehaviorMovie).timing, context),
  };
}

/** Adds the --crop and --bin stages, in that order, and returns the frame size they leave. */
function addCropAndBin(stages: Stage[], options: ConvertOptions, [rows, cols]: [number, number]): [rows: number, cols: number] {
  if (options.crop !== undefined) {
    stages.push(crop(options.crop));
    [rows, cols] = [options.crop.height, options.crop.width];
  }
  if (options.bin !== undefined) {
    stages.push(bin(options.bin));
    [rows, cols] = [Math.floor(rows / options.bin), Math.floor(cols / options.bin)];
  }
  return [rows, cols];
}

/** spec 8.2: nVision tracking lives in the per-frame metadata; any frame with a tracker entry counts. */
function hasTracking(movie: BehaviorMovie): boolean {
  for (let i = 0; i < movie.timing.numSamples; i++) if (movie.getFrameMetadata(i)?.tracking) return true;
  return false;
}

/** Options that mean nothing for this kind are refused, so a typo in a script does not go unnoticed. */
function checkOptionsApply(dataSet: OpenedDataSet, options: ConvertOptions, path: string): void {
  const misfit = findMisfitOption(options, [dataSet.kind]);
  if (misfit !== undefined) throw new IsxError('E_ARGUMENT', `${misfit.option} applies to ${misfit.appliesTo}, not to a ${dataSet.kind}`, { path });
}

/** The kind-specific options, the kinds (`kind` of the readers) each applies to, and how to say so. */
const KIND_OPTIONS: readonly { option: string; isSet(options: ConvertOptions): boolean; kinds: readonly string[]; appliesTo: string }[] = [
  { option: '--crop/--bin', isSet: (o) => o.crop !== undefined || o.bin !== undefined, kinds: ['movie', 'image', 'behavior'], appliesTo: 'movies' },
  { option: '--planes', isSet: (o) => o.planes !== undefined, kinds: ['movie', 'image'], appliesTo: 'microscope movies' },
  { option: '--decode', isSet: (o) => o.decode === true, kinds: ['behavior'], appliesTo: 'behaviour movies (.isxb)' },
  { option: '--cells', isSet: (o) => o.cells !== undefined, kinds: ['cellset', 'vesselset'], appliesTo: 'cell sets and vessel sets' },
  { option: '--channels', isSet: (o) => o.channels !== undefined, kinds: ['eventset', 'gpio', 'imu'], appliesTo: 'event sets and GPIO/IMU files' },
];

/**
 * The first kind-specific option given that applies to none of `kinds`, or undefined. The CLI calls it
 * with every kind its inputs' extensions allow, to refuse such an option as a usage error up front.
 */
export function findMisfitOption(options: ConvertOptions, kinds: readonly string[]): { option: string; appliesTo: string } | undefined {
  return KIND_OPTIONS.find((entry) => entry.isSet(options) && !kinds.some((kind) => entry.kinds.includes(kind)));
}

function countInRange(timing: Timing, context: PlanContext): number {
  const [first, end] = resolveIndexRange(timing, context.range, context.path);
  return end - first;
}

function planeCount(split: PlaneSplit): number {
  return split.efocusValues?.length ?? split.numPlanes ?? 1;
}
