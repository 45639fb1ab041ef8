/** A `major.minor.patch` software version as isxcore compares them (spec 4.5). */
export type Version = readonly [major: number, minor: number, patch: number];

/**
 * Parses an acquisition-software version string (spec 4.5): the text before the first `-`, split on
 * `.`, up to three integer parts, missing parts 0. Returns null when a part is not an integer.
 */
export function parseVersion(text: string): Version | null {
  const parts = text.split('-')[0]!.split('.').slice(0, 3);
  const numbers: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return null;
    numbers.push(Number(part));
  }
  while (numbers.length < 3) numbers.push(0);
  return [numbers[0]!, numbers[1]!, numbers[2]!];
}

/** Negative, zero or positive as `a` is older than, equal to or newer than `b`. */
export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
