import { KIND_NAMES } from './core/kinds.js';
import { IsxError } from './errors.js';
import { CellSet } from './isxd/cellSet.js';
import { Movie } from './isxd/movie.js';
import { VesselSet } from './isxd/vesselSet.js';
import { EventSet } from './events/eventSet.js';
import { GpioSet } from './gpio/gpioSet.js';
import { BehaviorMovie } from './isxb/behaviorMovie.js';
import { openFileWith } from './io/openFileWith.js';
import { readFooter } from './isxd/footer.js';
import { extname } from 'node:path';

/** Any object `open` returns. */
export type IsxDataSet = Movie | BehaviorMovie | CellSet | EventSet | GpioSet | VesselSet;

/** Extensions isx-stream reads, lower case (spec 1.1). */
export const INSCOPIX_EXTENSIONS = ['.isxd', '.isxb', '.gpio', '.raw', '.imu'] as const;

/** Extensions of kinds the isx tools know but isx-stream does not read (spec 1.1, 12). */
const UNREADABLE_KINDS: ReadonlyMap<string, string> = new Map([
  ['.isxc', 'compressed nVista 3 movies are not supported; decompress to .isxd with isx.decompress first'],
  ...['.hdf5', '.xml', '.tif', '.tiff'].map((e): [string, string] => [e, 'nVista 2 recordings are not supported']),
  ...['.mp4', '.avi', '.mpg', '.mpeg', '.wmv'].map((e): [string, string] => [e, 'third-party behaviour videos are not supported (isx refuses them too)']),
]);

/**
 * Opens any Inscopix file and returns the reader for its kind: by extension, then (for `.isxd`) by the
 * footer `type` (spec 1.3). Movies and images both open as `Movie`.
 */
export async function open(path: string): Promise<IsxDataSet> {
  const extension = extname(path).toLowerCase();
  switch (extension) {
    case '.isxb':
      return BehaviorMovie.read(path);
    case '.gpio':
    case '.raw':
    case '.imu':
      return GpioSet.read(path);
    case '.isxd':
      return openIsxd(path);
    default: {
      const known = UNREADABLE_KINDS.get(extension);
      if (known) throw new IsxError('E_UNSUPPORTED', `${extension} file: ${known}`, { path });
      throw new IsxError(
        'E_UNSUPPORTED',
        `file extension ${JSON.stringify(extension || '(none)')} is not an Inscopix file (expected one of ${INSCOPIX_EXTENSIONS.join(', ')})`,
        { path },
      );
    }
  }
}

function openIsxd(path: string): Promise<IsxDataSet> {
  return openFileWith(path, async (source) => {
    const { json, site } = await readFooter(source);
    const type = json.type;
    switch (type) {
      case 0:
      case 4:
        return await Movie.fromSource(source);
      case 1:
        return await CellSet.fromSource(source);
      case 3:
      case 7:
        return await GpioSet.fromSource(source);
      case 5:
        return await EventSet.fromSource(source);
      case 8:
        return await VesselSet.fromSource(source);
      default: {
        const name = typeof type === 'number' ? KIND_NAMES[type] : undefined;
        const what =
          type === undefined
            ? 'footer has no "type" key'
            : name
              ? `${name} files (footer type ${type}) are not supported`
              : `unknown footer type ${JSON.stringify(String(type))}`;
        throw new IsxError(type === undefined ? 'E_HEADER' : 'E_UNSUPPORTED', what, { path, offset: site.offset });
      }
    }
  });
}
