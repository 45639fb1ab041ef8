import type { Closable } from '../core/closeAll.js';
import { countBefore } from '../core/countBefore.js';
import type { Timing } from '../core/timing.js';
import { RECORDS_PER_YIELD, yieldToEventLoop } from '../core/yieldToEventLoop.js';
import type { ChannelData } from '../events/channelData.js';
import { closing } from './closing.js';
import { resolveOffsetRange, type RangeOptions } from './range.js';

/** How one kind of event-based record is made from a channel's packet. */
export type MakeRecord<R> = (channelIndex: number, offsetUs: number, timestampUs: number, value: number) => R;

/** A GPIO/IMU set, or an event set seen as one channel per cell. */
export interface ChannelSource extends Closable {
  readonly timing: Timing;
  readonly filePath: string;
  readonly numChannels: number;
  getChannelData(index: number): Promise<ChannelData>;
}

export interface ChannelRecordOptions extends Omit<RangeOptions, 'startIndex' | 'endIndex'> {
  /** Close the set when the stream ends, fails or is destroyed (default false). */
  closeOnEnd?: boolean;
}

/**
 * Every packet of every channel, channel by channel, each channel in ascending time (spec 6.3), as
 * records. `timestampUs` = the set's start (µs since the epoch) + the stored offset. A time range keeps
 * packets with offsets in `[start, end)`; one channel's data is in memory at a time.
 */
export function channelRecords<R>(set: ChannelSource, options: ChannelRecordOptions, makeRecord: MakeRecord<R>): AsyncGenerator<R> {
  const records = readChannelRecords(set, options, makeRecord);
  return options.closeOnEnd ? closing(records, set) : records;
}

async function* readChannelRecords<R>(set: ChannelSource, range: RangeOptions, makeRecord: MakeRecord<R>): AsyncGenerator<R> {
  const startUs = Number(set.timing.start.toMicros());
  const [fromUs, toUs] = resolveOffsetRange(startUs, range, set.filePath);
  for (let channel = 0; channel < set.numChannels; channel++) {
    const { offsets, values } = await set.getChannelData(channel);
    for (let k = firstAtOrAfter(offsets, fromUs), made = 1; k < offsets.length; k++, made++) {
      // Packets already in memory never wait on I/O: let signals and timers in now and then.
      if (made % RECORDS_PER_YIELD === 0) await yieldToEventLoop();
      const offsetUs = Number(offsets[k]!);
      if (offsetUs >= toUs) break;
      yield makeRecord(channel, offsetUs, startUs + offsetUs, values[k]!);
    }
  }
}

/** Offsets ascend strictly (spec 6.3), so a binary search finds where a range starts. */
function firstAtOrAfter(offsets: BigUint64Array, us: number): number {
  if (us <= 0) return 0;
  return countBefore(offsets.length, (i) => Number(offsets[i]!) < us);
}
