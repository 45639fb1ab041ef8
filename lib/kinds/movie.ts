import { Movie } from '../isxd/movie.js';
import { DataSetKind } from '../core/kinds.js';
import type { JsonObject } from '../json/jsonValue.js';
import { frames } from '../sources/frames.js';
import type { KindDescriptor } from './descriptor.js';

const MOVIE_OPTIONS = ['range', 'decimate', 'crop', 'bin', 'planes'] as const;

/** Frame headers read to find a multiplane movie's planes: more than any acquisition cycles through. */
const PLANE_PROBE_FRAMES = 64;

/**
 * The pixel type, and for movies with frame headers the e-focus values of the first valid frames in order
 * of appearance (spec 4.4): more than one means a multiplane movie, split with `planes: { efocusValues }`.
 */
async function summarizeMovie(movie: Movie): Promise<JsonObject> {
  const summary: JsonObject = { dataType: movie.dataType };
  const efocusValues: number[] = [];
  let probed = 0;
  for (let i = 0; i < movie.timing.numSamples && probed < PLANE_PROBE_FRAMES; i++) {
    if (movie.getFrameStatus(i) !== 'valid') continue;
    const header = await movie.getFrameHeader(i);
    if (header === null) return summary;
    probed++;
    if (!efocusValues.includes(header.efocus)) efocusValues.push(header.efocus);
  }
  if (probed > 0) Object.assign(summary, { multiplane: efocusValues.length > 1, efocusValues });
  return summary;
}

/** Microscope movies (spec 4): `.isxd` type 0. */
export const movieKind: KindDescriptor<'movie'> = {
  name: 'movie',
  label: 'movie',
  footerTypes: [DataSetKind.MOVIE],
  extensions: [],
  fromIsxd: (source) => Movie.fromSource(source),
  tables: { frames: { series: true, rows: (movie) => movie.timing.numSamples } },
  options: MOVIE_OPTIONS,
  fixedPeriod: true,
  seriesJoin: 'append',
  records: (movie, options) => frames(movie, options),
  summarize: summarizeMovie,
};

/** Images (spec 4.6): `.isxd` type 4, a one-frame movie; `open` gives a `Movie` of kind `image`. */
export const imageKind: KindDescriptor<'image'> = {
  ...movieKind,
  name: 'image',
  label: 'image',
  footerTypes: [DataSetKind.IMAGE],
};
