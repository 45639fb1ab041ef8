import { GpioSet } from '../gpio/gpioSet.js';
import { DataSetKind } from '../core/kinds.js';
import { samples } from '../sources/samples.js';
import type { KindDescriptor } from './descriptor.js';

/** GPIO data (spec 6, 9, 10): `.isxd` type 3, raw nVista 3 `.gpio` and nVoke 1 `.raw` files. */
export const gpioKind: KindDescriptor<'gpio'> = {
  name: 'gpio',
  label: 'GPIO set',
  footerTypes: [DataSetKind.GPIO],
  extensions: ['.gpio', '.raw'],
  fromIsxd: (source) => GpioSet.fromSource(source),
  readFile: (path) => GpioSet.read(path),
  tables: {
    samples: {
      series: true,
      rows: async (set) => {
        let rows = 0;
        for (let i = 0; i < set.numChannels; i++) rows += (await set.getChannelData(i)).offsets.length;
        return rows;
      },
    },
  },
  options: ['range', 'decimate', 'channels'],
  members: (set) => ({ noun: 'channel', names: set.channelNames }),
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
