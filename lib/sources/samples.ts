import type { GpioSet } from '../events/gpioSet.js';
import { readChannelRecords } from './channelRecords.js';
import { closing } from './closing.js';
import type { RangeOptions } from './range.js';
import type { SampleRecord } from './records.js';

export interface SampleSourceOptions extends Omit<RangeOptions, 'startIndex' | 'endIndex'> {
  /** Close the GPIO/IMU set when the stream ends, fails or is destroyed (default false). */
  closeOnEnd?: boolean;
}

/**
 * One record per GPIO or IMU sample (design section 4): channel by channel, each channel in time order.
 * `offsetUs` is as stored; `timestampUs` adds the set's start.
 */
export function samples(gpioSet: GpioSet, options: SampleSourceOptions = {}): AsyncGenerator<SampleRecord> {
  const records = readChannelRecords(
    gpioSet.numChannels,
    (index) => gpioSet.getChannelData(index),
    gpioSet.timing,
    options,
    gpioSet.filePath,
    (channelIndex, offsetUs, timestampUs, value): SampleRecord => ({
      channelIndex,
      channel: gpioSet.getChannelName(channelIndex),
      offsetUs,
      timestampUs,
      value,
    }),
  );
  return options.closeOnEnd ? closing(records, gpioSet) : records;
}
