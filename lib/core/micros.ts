/** Seconds (a float, e.g. from `--start 1.5`) to whole microseconds, rounded to the nearest. */
export function secondsToMicros(seconds: number): number {
  return Math.round(seconds * 1e6);
}
