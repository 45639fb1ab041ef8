import { none } from 'stream-chain';
import type { Movie } from '../../isxd/movie.js';
import { frames } from '../../sources/frames.js';
import { decimate } from '../../../transforms/decimate.js';
import { planes } from '../../../transforms/planes.js';
import { framesTable } from '../../../transforms/tables/frames.js';
import { addCropAndBin } from './cropAndBin.js';
import { countInRange } from './countInRange.js';
import type { KindPlanners, PlanContext, Stage, TablePlan } from './tablePlan.js';

/** The table name of each plane when `planes` splits a multiplane movie. */
export const PLANE_TABLE_PREFIX = 'frames_plane';

function planFrames(movie: Movie, name: string, context: PlanContext): TablePlan {
  const { options } = context;
  const stages: Stage[] = [];
  if (options.planes !== undefined) {
    // A multiplane movie interleaves its planes frame by frame; each plane is its own table, and the
    // frame indices (hence decimate) count within the plane.
    const plane = Number(name.slice(PLANE_TABLE_PREFIX.length));
    stages.push(planes(options.planes), (frame: { plane: number }) => (frame.plane === plane ? frame : none));
  }
  if (options.decimate !== undefined) stages.push(decimate(options.decimate));
  const [rows, cols] = addCropAndBin(stages, options, movie.spacing.numPixels);
  const spec = framesTable({ ...context.tableSource, rows, cols, dataType: movie.dataType });
  return {
    spec: name === 'frames' ? spec : { ...spec, name },
    source: (dataSet, indexBase) => frames(dataSet as Movie, { ...context.range, indexBase }),
    stages,
    recordCount: (dataSet) => countInRange(dataSet.timing, context),
  };
}

export const moviePlanners: KindPlanners<'movie'> = { frames: planFrames };
export const imagePlanners: KindPlanners<'image'> = { frames: planFrames };
