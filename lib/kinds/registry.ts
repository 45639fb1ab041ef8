import { extname } from 'node:path';
import { IsxError } from '../errors.js';
import { behaviorMovieKind } from './behaviorMovie.js';
import { cellSetKind } from './cellSet.js';
import type { AnyKindDescriptor, KindDescriptor } from './descriptor.js';
import { eventSetKind } from './eventSet.js';
import { gpioKind, imuKind } from './gpio.js';
import type { AnyDataSet, DataSetByKind, KindName } from './kindName.js';
import { imageKind, movieKind } from './movie.js';
import { vesselSetKind } from './vesselSet.js';

/**
 * Every kind isx-stream reads, by name. Adding a kind to `DataSetByKind` without an entry here (or a
 * table to `TablesByKind` without its traits) is a compile error.
 */
export const KINDS: { readonly [K in KindName]: KindDescriptor<K> } = {
  movie: movieKind,
  image: imageKind,
  behavior_movie: behaviorMovieKind,
  cell_set: cellSetKind,
  event_set: eventSetKind,
  vessel_set: vesselSetKind,
  gpio: gpioKind,
  imu: imuKind,
};

export const KIND_LIST: readonly AnyKindDescriptor[] = Object.values(KINDS);

/** Extensions isx-stream reads, lower case (spec 1.1). */
export const INSCOPIX_EXTENSIONS: readonly string[] = ['.isxd', ...new Set(KIND_LIST.flatMap((kind) => kind.extensions))];

/**
 * The descriptor of an opened data set. The one place a data set's kind is looked up: callers get a
 * descriptor typed for the data set they hold.
 */
export function kindOf<D extends AnyDataSet>(dataSet: D): KindDescriptor<D['kind'] & KindName> {
  const kind = (KINDS as Record<string, KindDescriptor<KindName> | undefined>)[dataSet.kind];
  if (kind === undefined) throw new IsxError('E_UNSUPPORTED', `no kind named "${dataSet.kind}"`, { path: dataSet.filePath });
  return kind as KindDescriptor<D['kind'] & KindName>;
}

/** The kind whose `.isxd` footer has this `type` code, if isx-stream reads it. */
export function kindOfFooterType(type: number): AnyKindDescriptor | undefined {
  return KIND_LIST.find((kind) => kind.footerTypes.includes(type));
}

/** The kind that alone uses this extension (`.isxb`, `.gpio`, ...), if any; `.isxd` files hold many kinds. */
export function kindOfExtension(extension: string): AnyKindDescriptor | undefined {
  return KIND_LIST.find((kind) => kind.extensions.includes(extension));
}

/** The kinds a file of this name can hold, knowable before opening it (none for unknown extensions). */
export function kindsForPath(path: string): AnyKindDescriptor[] {
  const extension = extname(path).toLowerCase();
  if (extension === '.isxd') return KIND_LIST.filter((kind) => kind.footerTypes.length > 0);
  return KIND_LIST.filter((kind) => kind.extensions.includes(extension));
}

/** Narrows `dataSet` to the reader of `name`. */
export function isKind<K extends KindName>(dataSet: AnyDataSet, name: K): dataSet is DataSetByKind[K] {
  return dataSet.kind === name;
}
