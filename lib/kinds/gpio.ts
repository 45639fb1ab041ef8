import { GpioSet } from '../gpio/gpioSet.js';
import { DataSetKind } from '../core/kinds.js';
import { samples } from '../sources/samples.js';
import type { KindDescriptor } from './descriptor.js';
import { channelUnit } from './units.js';

/** Packets of each channel, as the `samples` table has them (reads each channel). */
async function packetsPerChannel(set: GpioSet): Promise<number[]> {
  const counts: number[] = [];
  for (let i = 0; i < set.numChannels; i++) counts.push((await set.getChannelData(i)).offsets.length);
  return counts;
}

/** GPIO data (spec 6, 9, 10): `.isxd` type 3, raw nVista 3 `.gpio` and nVoke 1 `.raw` files. */
export const gpioKind: KindDescriptor<'gpio'> = {
  name: 'gpio',
  label: 'GPIO set',
  footerTypes: [DataSetKind.GPIO],
  extensions: ['.gpio', '.raw'],
  fromIsxd: (source) => GpioSet.fromSource(source),
  readFile: (path) => GpioSet.read(path),
  tables: {
    samples: { series: true, rows: async (set) => (await packetsPerChannel(set)).reduce((a, b) => a + b, 0) },
  },
  options: ['range', 'decimate', 'channels'],
  members: (set) => ({ noun: 'channel', names: set.channelNames }),
  memberUnits: (set) => set.channelNames.map((name) => channelUnit(name, set.filePath)),
  memberDetails: async (set) => ({ numSamples: await packetsPerChannel(set) }),
  fixedPeriod: false,
  seriesJoin: 'append',
  records: (set, options) => samples(set, options),
  summarize: (set) => ({ dataType: 'float32 values', numChannels: set.numChannels, channels: [...set.channelNames] }),
};

/** IMU data (spec 6, 11): `.isxd` type 7 and raw `.imu` files, read by the same reader as GPIO. */
export const imuKind: KindDescriptor<'imu'> = {
  ...gpioKind,
  name: 'imu',
  label: 'IMU set',
  footerTypes: [DataSetKind.IMU],
  extensions: ['.imu'],
};
