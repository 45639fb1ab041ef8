import { BehaviorMovie } from '../isxb/behaviorMovie.js';
import type { TrackingRecord } from '../core/records.js';
import { videoFrames } from '../sources/videoFrames.js';
import type { KindDescriptor } from './descriptor.js';

/** spec 8.2: nVision tracking lives in the per-frame metadata; any frame with a tracker entry counts. */
export function hasTracking(movie: BehaviorMovie): boolean {
  for (let i = 0; i < movie.timing.numSamples; i++) if (movie.getFrameMetadata(i)?.tracking) return true;
  return false;
}

/** The tracking entries of the frames that have one, in frame order (one row each in `tracking`). */
function trackedFrames(movie: BehaviorMovie): TrackingRecord[] {
  const tracked: TrackingRecord[] = [];
  for (let i = 0; i < movie.timing.numSamples; i++) {
    const tracking = movie.getFrameMetadata(i)?.tracking;
    if (tracking) tracked.push(tracking);
  }
  return tracked;
}

/** Behaviour movies (spec 8): `.isxb` files, JPEG frames with optional nVision tracking. */
export const behaviorMovieKind: KindDescriptor<'behavior_movie'> = {
  name: 'behavior_movie',
  label: 'behaviour movie',
  footerTypes: [],
  extensions: ['.isxb'],
  readFile: (path) => BehaviorMovie.read(path),
  tables: {
    behavior_frames: { series: true, rows: (movie) => movie.timing.numSamples },
    tracking: { series: true, presentIn: hasTracking, rows: (movie) => trackedFrames(movie).length },
    zones: { series: true, presentIn: hasTracking, rows: (movie) => trackedFrames(movie).reduce((n, tracking) => n + tracking.zones.length, 0) },
  },
  options: ['range', 'decimate', 'crop', 'bin', 'decode'],
  fixedPeriod: false,
  seriesJoin: 'append',
  records: (movie, options) => videoFrames(movie, options),
  summarize: (movie) => ({ dataType: 'uint8', hasTracking: hasTracking(movie) }),
};
