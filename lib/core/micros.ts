/**
 * A duration in seconds (a user's `startSec`/`endSec`) as whole microseconds, rounded to the nearest: the
 * one conversion every time bound goes through, so a range read from a file and a window over its stream
 * select the same samples.
 */
export function secondsToMicros(seconds: number): number {
  return Math.round(seconds * 1e6);
}
