import type { BehaviorMovie } from '../../isxb/behaviorMovie.js';
import { IsxError } from '../../errors.js';
import { videoFrames } from '../../sources/videoFrames.js';
import { decimate } from '../../../transforms/decimate.js';
import { behaviorFramesTable } from '../../../transforms/tables/behaviorFrames.js';
import { trackingTable, zonesTable } from '../../../transforms/tables/tracking.js';
import { addCropAndBin } from './cropAndBin.js';
import { countInRange } from './countInRange.js';
import type { KindPlanners, PlanContext, Stage, TablePlan } from './tablePlan.js';

/** Tracking and zones come from the video frames' metadata: the frames are read, not decoded. */
function videoFramePlan(context: PlanContext, spec: TablePlan['spec'], stages: Stage[], decode: boolean): TablePlan {
  return {
    spec,
    source: (dataSet, indexBase) => videoFrames(dataSet as BehaviorMovie, { ...context.range, indexBase, decode }),
    stages,
    recordCount: (dataSet) => countInRange(dataSet.timing, context),
  };
}

function decimated(context: PlanContext): Stage[] {
  return context.options.decimate === undefined ? [] : [decimate(context.options.decimate)];
}

export const behaviorMoviePlanners: KindPlanners<'behavior_movie'> = {
  behavior_frames: (movie, _name, context) => {
    const { options } = context;
    const decode = options.decode ?? false;
    const stages = decimated(context);
    if (!decode && (options.crop !== undefined || options.bin !== undefined)) {
      throw new IsxError('E_ARGUMENT', '--crop and --bin need decoded behaviour frames: add --decode', { path: context.path });
    }
    const [rows, cols] = addCropAndBin(stages, options, movie.spacing.numPixels);
    return videoFramePlan(context, behaviorFramesTable({ ...context.tableSource, rows, cols, decoded: decode }), stages, decode);
  },
  tracking: (_movie, _name, context) => videoFramePlan(context, trackingTable(context.tableSource), decimated(context), false),
  zones: (_movie, _name, context) => videoFramePlan(context, zonesTable(context.tableSource), decimated(context), false),
};
