import { IsxError } from '../lib/errors.js';
import type { CellRecord } from '../lib/core/records.js';
import { meanIgnoringNaN, percentileIgnoringNaN } from './traceStats.js';

/**
 * The baseline F0 of each trace: its mean (default) or a percentile (0-100, linear interpolation as
 * `numpy.nanpercentile`). NaN samples are left out of F0.
 */
export interface DffBaseline {
  percentile?: number;
}

/**
 * A stage that turns each trace (cells, vessels) into dF/F = (F - F0) / F0, computed in float64 and
 * stored as a new Float32Array. NaN samples stay NaN; a trace with F0 = 0 gives ±Infinity (NaN where F is
 * also 0), as the arithmetic says.
 */
export function dff<T extends { trace: Float32Array } = CellRecord>(baseline: DffBaseline = {}): (record: T) => T {
  const { percentile } = baseline;
  if (percentile !== undefined && !(percentile >= 0 && percentile <= 100)) {
    throw new IsxError('E_ARGUMENT', `dff: percentile must be in [0, 100], found ${percentile}`);
  }
  return (record) => {
    const trace = record.trace;
    const f0 = percentile === undefined ? meanIgnoringNaN(trace) : percentileIgnoringNaN(trace, percentile);
    const out = new Float32Array(trace.length);
    for (let i = 0; i < trace.length; i++) out[i] = (trace[i]! - f0) / f0;
    return { ...record, trace: out };
  };
}
