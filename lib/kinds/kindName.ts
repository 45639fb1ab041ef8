import type { BehaviorMovie } from '../isxb/behaviorMovie.js';
import type { CellSet } from '../isxd/cellSet.js';
import type { Movie } from '../isxd/movie.js';
import type { VesselSet } from '../isxd/vesselSet.js';
import type { EventSet } from '../events/eventSet.js';
import type { GpioSet } from '../gpio/gpioSet.js';

/**
 * The reader of each kind of Inscopix data. A kind's name is its `kind` property, the `isx:kind` of its
 * outputs and what `info` prints: one spelling everywhere.
 */
export interface DataSetByKind {
  movie: Movie;
  image: Movie;
  cell_set: CellSet;
  event_set: EventSet;
  vessel_set: VesselSet;
  gpio: GpioSet;
  imu: GpioSet;
  behavior_movie: BehaviorMovie;
}

export type KindName = keyof DataSetByKind;

/** Any object `open` returns. */
export type AnyDataSet = DataSetByKind[KindName];

/** The tables of each kind (design 5; the README's table contracts). */
export interface TablesByKind {
  movie: 'frames';
  image: 'frames';
  cell_set: 'cells' | 'traces';
  event_set: 'events';
  vessel_set: 'vessels' | 'vessel_traces';
  gpio: 'samples';
  imu: 'samples';
  behavior_movie: 'behavior_frames' | 'tracking' | 'zones';
}

export type TableName = TablesByKind[KindName];

/**
 * Conversion options that apply to some kinds only; a kind lists those it takes, and any other one given
 * is refused rather than ignored.
 */
export const KIND_OPTIONS = ['range', 'decimate', 'crop', 'bin', 'planes', 'decode', 'cells', 'channels'] as const;
export type KindOption = (typeof KIND_OPTIONS)[number];
