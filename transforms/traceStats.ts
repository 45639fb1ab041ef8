/**
 * NaN-aware statistics of one trace, in float64. Cell traces hold NaN at invalid samples (spec 5.2), so
 * every statistic skips NaN; a trace with no finite-or-infinite value gives NaN.
 */

export function meanIgnoringNaN(values: Float32Array): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) {
      sum += v;
      count++;
    }
  }
  return count === 0 ? NaN : sum / count;
}

/** Population standard deviation (divides by n, as `numpy.nanstd` and `scipy.stats.zscore` do). */
export function stdIgnoringNaN(values: Float32Array, mean: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) {
      sum += (v - mean) * (v - mean);
      count++;
    }
  }
  return count === 0 ? NaN : Math.sqrt(sum / count);
}

/**
 * The `percent`-th percentile (0-100) with linear interpolation between the two nearest ranks, as
 * `numpy.nanpercentile` does by default.
 */
export function percentileIgnoringNaN(values: Float32Array, percent: number): number {
  const sorted = values.filter((v) => v === v).sort();
  if (sorted.length === 0) return NaN;
  const rank = (percent / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (rank - below) * (sorted[above]! - sorted[below]!);
}
