/**
 * Ways real `.isxb` files and the reference reader differ from a plain reading of the spec (spec 8),
 * each with the file or behaviour that showed it.
 */

/**
 * spec 8.1: with per-frame JSON present, isxcore reads the session JSON from the byte right after it and
 * ignores `sessionOffset`. Every file seen so far (both real fixtures) has `sessionOffset ==
 * metaOffset + metaSize`, so the two agree; we follow isxcore when they do not.
 */
export function sessionStart(metaOffset: number, metaSize: number, sessionOffset: number): number {
  return metaSize > 0 ? metaOffset + metaSize : sessionOffset;
}

/**
 * `Group-20240111-080531_2024-01-12-08-55-21_sched_0.isxb`: the per-frame `tracker.zones.id`
 * (4270701760) is the session zone id (1705077750976) truncated to its low 32 bits. Matching a frame's
 * zone to its definition must compare ids modulo 2^32 (or by name).
 */
export function sameZoneId(frameZoneId: number, sessionZoneId: number): boolean {
  return BigInt(frameZoneId) % 2n ** 32n === BigInt(sessionZoneId) % 2n ** 32n;
}

// `2023-01-27-10-34-22-camera-1_trimmed_1s.isxb` (re-written by isxcore after trimming) carries a session
// `timingInfo` whose period (1803972007/36044000000 s, from the untrimmed recording) differs from the one
// its own samples give by spec 8.4 (952024/19000000 s). The session value wins, as in isx
// (sessionMetadata.ts); `periodFromSamples` still exposes the other.
