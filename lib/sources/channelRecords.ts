import type { Timing } from '../core/timing.js';
import type { ChannelData } from '../events/channelData.js';
import { resolveOffsetRange, type RangeOptions } from './range.js';

/** How one kind of event-based record is made from a channel's packet. */
export type MakeRecord<R> = (channelIndex: number, offsetUs: number, timestampUs: number, value: number) => R;

/**
 * Every packet of every channel, channel by channel, each channel in ascending time (spec 6.3), as
 * records. `timestampUs` = the set's start (µs since the epoch) + the stored offset. A time range keeps
 * packets with offsets in `[start, end)`; one channel's data is in memory at a time.
 */
export async function* readChannelRecords<R>(
  numChannels: number,
  readChannel: (index: number) => Promise<ChannelData>,
  timing: Timing,
  range: RangeOptions,
  path: string,
  makeRecord: MakeRecord<R>,
): AsyncGenerator<R> {
  const startUs = Number(timing.start.toMicros());
  const [fromUs, toUs] = resolveOffsetRange(startUs, range, path);
  for (let channel = 0; channel < numChannels; channel++) {
    const { offsets, values } = await readChannel(channel);
    for (let k = firstAtOrAfter(offsets, fromUs); k < offsets.length; k++) {
      const offsetUs = Number(offsets[k]!);
      if (offsetUs >= toUs) break;
      yield makeRecord(channel, offsetUs, startUs + offsetUs, values[k]!);
    }
  }
}

/** Offsets ascend strictly (spec 6.3), so a binary search finds where a range starts. */
function firstAtOrAfter(offsets: BigUint64Array, us: number): number {
  if (us <= 0) return 0;
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Number(offsets[mid]!) < us) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
