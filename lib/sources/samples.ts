import type { GpioSet } from '../gpio/gpioSet.js';
import { channelRecords, type ChannelRecordOptions } from './channelRecords.js';
import type { SampleRecord } from '../core/records.js';

export type SampleSourceOptions = ChannelRecordOptions;

/**
 * One record per GPIO or IMU sample (design section 4): channel by channel, each channel in time order.
 * `offsetUs` is as stored; `timestampUs` adds the set's start.
 */
export function samples(gpioSet: GpioSet, options: SampleSourceOptions = {}): AsyncGenerator<SampleRecord> {
  return channelRecords(gpioSet, options, (channelIndex, offsetUs, timestampUs, value): SampleRecord => ({
    channelIndex,
    channel: gpioSet.getChannelName(channelIndex),
    offsetUs,
    timestampUs,
    value,
  }));
}
