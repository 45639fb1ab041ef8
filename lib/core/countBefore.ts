/**
 * Counts the leading positions of `[0, length)` for which `isBefore` holds, by binary search: `isBefore`
 * must hold for a prefix and fail for the rest (true for sorted values below a bound). The result is the
 * first position at or after the bound, so range lookups over sorted times and indices cost O(log n).
 */
export function countBefore(length: number, isBefore: (position: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
