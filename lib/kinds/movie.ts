import { Movie } from '../isxd/movie.js';
import { DataSetKind } from '../core/kinds.js';
import type { JsonObject } from '../json/jsonValue.js';
import { frames } from '../sources/frames.js';
import type { KindDescriptor } from './descriptor.js';

const MOVIE_OPTIONS = ['range', 'decimate', 'crop', 'bin', 'planes'] as const;

function summarizeMovie(movie: Movie): JsonObject {
  return { dataType: movie.dataType };
}

/** Microscope movies (spec 4): `.isxd` type 0. */
export const movieKind: KindDescriptor<'movie'> = {
  name: 'movie',
  label: 'movie',
  footerTypes: [DataSetKind.MOVIE],
  extensions: [],
  fromIsxd: (source) => Movie.fromSource(source),
  tables: { frames: { series: true } },
  options: MOVIE_OPTIONS,
  fixedPeriod: true,
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
