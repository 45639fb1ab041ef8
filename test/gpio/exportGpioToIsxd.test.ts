import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { GpioSet } from '../../lib/gpio/gpioSet.js';
import { exportGpioToIsxd } from '../../lib/gpio/exportGpioToIsxd.js';
import { readRawAcquisition } from '../../lib/gpio/readRawAcquisition.js';
import { writeRawGpio } from '../synthetic/writeRawGpio.js';
import { SAMPLE_IMU, writeRawImu } from '../synthetic/writeRawImu.js';
import { writeNvokeRaw } from '../synthetic/writeNvokeRaw.js';
import { useTempDir } from '../helpers/tempDir.js';
import { parseFile, rejection } from './gpioTestKit.js';

/** Channel names, timing and every channel's data of a set, for deep comparison. */
async function describeSet(set: GpioSet) {
  const channels = [];
  for (let i = 0; i < set.numChannels; i++) {
    const { offsets, values } = await set.getChannelData(i);
    channels.push({ name: set.getChannelName(i), offsets: Array.from(offsets, String), values: Array.from(values, String) });
  }
  return {
    kind: set.kind,
    numSamples: set.timing.numSamples,
    period: set.timing.period.secsFloat,
    start: set.timing.start.secsSinceEpoch.secsFloat,
    signalTypes: set.signalTypes,
    channels,
  };
}

describe('exportGpioToIsxd', () => {
  const dir = useTempDir();

  const roundTrip = async (input: string) => {
    const output = `${input}.isxd`;
    await exportGpioToIsxd(input, output);
    const fromRaw = GpioSet.fromModel(input, await parseFile(input, readRawAcquisition));
    const written = await GpioSet.read(output);
    try {
      expect(await describeSet(written)).to.deep.equal(await describeSet(fromRaw));
      return written;
    } finally {
      await written.close();
    }
  };

  it('writes a .gpio file as a GPIO .isxd that reads back like the raw file', async () => {
    const path = dir.file('rt.gpio');
    await writeRawGpio(path, {
      header: { startNum: 1589970802786n, startDen: 1000n, extras: { fileFormat: 0n, session: { ad: { clock: 2000 } } } },
      packets: [
        { kind: 'captureAll', tsc: 1000n, digital: 0x30005, bnc: [100, 0, 0, 0], exLed: 12, ogLed: 0, diLed: 0, eFocus: 50, trigSync: 1 },
        { kind: 'bncSync', tsc: 1500n, value: 0 },
        { kind: 'bncSync', tsc: 1700n, value: 1, sequence: 9 },
      ],
    });
    const set = await roundTrip(path);
    expect(set.kind).to.equal('gpio');
  });

  it('writes a .raw file as a GPIO .isxd that reads back like the raw file', async () => {
    const path = dir.file('rt.raw');
    await writeNvokeRaw(path, [
      { kind: 'sync' },
      { kind: 'digital', channel: 'GPIO1', high: true, timeUs: 1_600_000_000_000_000n },
      { kind: 'analog', maxPower: [0, 10], samples: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], timeUs: 1_600_000_000_000_500n },
      { kind: 'led', channel: 'EX_LED', power: 20, state: 2, timeUs: 1_600_000_000_004_000n },
    ]);
    await roundTrip(path);
  });

  it('writes a .imu file as an IMU .isxd that reads back like the raw file', async () => {
    const path = dir.file('rt.imu');
    await writeRawImu(path, SAMPLE_IMU);
    const set = await roundTrip(path);
    expect(set.kind).to.equal('imu');
  });

  it('refuses to replace an existing output unless asked', async () => {
    const input = dir.file('exists.gpio');
    await writeRawGpio(input, { packets: [{ kind: 'bncSync', tsc: 0n, value: 1 }] });
    const output = dir.file('exists.isxd');
    await writeFile(output, 'x');
    expect((await rejection(exportGpioToIsxd(input, output))).code).to.equal('E_EXISTS');
    await exportGpioToIsxd(input, output, { overwrite: true });
    const set = await GpioSet.read(output);
    expect(set.numChannels).to.equal(1);
    await set.close();
  });

  it('rejects an input that is not a raw GPIO or IMU file with E_UNSUPPORTED', async () => {
    const input = dir.file('movie.isxd');
    await writeFile(input, 'x');
    const error = await rejection(exportGpioToIsxd(input, dir.file('out.isxd')));
    expect(error.code).to.equal('E_UNSUPPORTED');
    expect(error.message).to.equal(`${input}: not a raw GPIO or IMU file: extension ".isxd" is not .gpio, .raw or .imu`);
  });
});
