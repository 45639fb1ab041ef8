import type { CellRecord } from '../lib/core/records.js';
import { meanIgnoringNaN, stdIgnoringNaN } from './traceStats.js';

/**
 * A stage that z-scores each trace (cells, vessels): (x - mean) / std with the population standard
 * deviation, NaN samples left out of both statistics and kept as NaN in the output (as
 * `scipy.stats.zscore(x, nan_policy='omit')`). A constant trace has std 0 and becomes NaN (0/0).
 * Computed in float64, stored as a new Float32Array.
 */
export function zscore<T extends { trace: Float32Array } = CellRecord>(): (record: T) => T {
  return (record) => {
    const trace = record.trace;
    const mean = meanIgnoringNaN(trace);
    const std = stdIgnoringNaN(trace, mean);
    const out = new Float32Array(trace.length);
    for (let i = 0; i < trace.length; i++) out[i] = (trace[i]! - mean) / std;
    return { ...record, trace: out };
  };
}
