import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { Ratio } from '../../lib/core/ratio.js';
import { GpioSet } from '../../lib/gpio/gpioSet.js';
import { IMU_ACCEL_CHANNELS, IMU_ACCEL_SCALE, imuAccelScale, readRawImu } from '../../lib/imu/readRawImu.js';
import { encodeRawImu, writeRawImu, type RawImuFile, type RawImuRecord } from '../synthetic/writeRawImu.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';
import { useTempDir } from '../helpers/tempDir.js';
import { packetsOf, parseFile, rejection } from '../gpio/gpioTestKit.js';

const START = { secsSinceEpoch: { num: 1581619401465, den: 1000 }, utcOffset: 3600 };
const END = { secsSinceEpoch: { num: 1581619405683, den: 1000 }, utcOffset: 3600 };
const records = (n: number, f: (i: number) => RawImuRecord): RawImuRecord[] => Array.from({ length: n }, (_, i) => f(i));
const sensor = (periodNum: number, periodDen: number, numTimes: number, dropped: number[] = []) => ({
  periodMs: { num: periodNum, den: periodDen },
  dropped,
  numTimes,
});
const session = (timing: JsonObject): JsonObject => ({ timingInfo: { start: START, end: END, ...timing }, serial: 'imu-1' });

describe('readRawImu', () => {
  const dir = useTempDir();
  let n = 0;
  const read = async (file: RawImuFile) => {
    const path = dir.file(`imu${n++}.imu`);
    await writeRawImu(path, file);
    return parseFile(path, readRawImu);
  };
  const small: RawImuFile = {
    accelerometer: records(3, (i) => ({ x: -1 - i, y: 100 + i, z: 16384 })),
    orientation: records(3, (i) => ({ x: -3224, y: 2048 * i, z: 1, reserved: 25 })),
    magnetometer: records(2, (i) => ({ x: 7 + i, y: -8, z: 9 })),
    session: session({ accelerometer: sensor(20, 1, 5, [3, 1]), magnetometer: sensor(400, 1, 2) }),
  };

  it('gives nine dense channels of type 7 in the order of spec 11.2', async () => {
    const model = await read(small);
    expect(model.type).to.equal(7);
    expect(model.channelNames).to.deep.equal(['Acc x', 'Acc y', 'Acc z', 'Ori yaw', 'Ori pitch', 'Ori roll', 'Mag x', 'Mag y', 'Mag z']);
    expect(model.signalTypes).to.deep.equal([1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(model.signalSteps.map(String)).to.deep.equal([...Array(6).fill('20/1000'), ...Array(3).fill('400/1000')]);
  });

  it('puts NaN at dropped samples and maps the others to recorded records in order', async () => {
    const model = await read(small);
    expect(packetsOf(model, 'Acc x').map(String)).to.deep.equal(['0,-1', '20000,NaN', '40000,-2', '60000,NaN', '80000,-3']);
    expect(packetsOf(model, 'Acc z').map(([, v]) => v)).to.deep.equal([16384, NaN, 16384, NaN, 16384]);
    expect(packetsOf(model, 'Mag x')).to.deep.equal([[0, 7], [400000, 8]]);
  });

  it('scales orientation by 1/2048 to radians', async () => {
    const model = await read(small);
    expect(packetsOf(model, 'Ori yaw')[0]![1]).to.equal(-1.57421875);
    expect(packetsOf(model, 'Ori pitch').map(([, v]) => v)).to.deep.equal([0, NaN, 1, NaN, 2]);
  });

  it('writes packets channel by channel and takes global times and extra properties from the session', async () => {
    const model = await read(small);
    expect(Array.from(model.channels)).to.deep.equal([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 6, 6, 7, 7, 8, 8]);
    expect(model.start.secsSinceEpoch.toString()).to.equal('1581619401465/1000');
    expect(model.start.utcOffset).to.equal(3600);
    expect(model.end.secsSinceEpoch.toString()).to.equal('1581619405683/1000');
    expect(model.extraProperties).to.deep.equal(small.session);
  });

  it('converts offsets of a non-integer-µs step through the unreduced rational as the core does', async () => {
    const model = await read({
      accelerometer: records(205, (i) => ({ x: i, y: 0, z: 0 })),
      orientation: records(205, () => ({ x: 0, y: 0, z: 0 })),
      magnetometer: [],
      session: session({ accelerometer: sensor(20570732, 1000000, 205) }),
    });
    const offsets = packetsOf(model, 'Acc x').map(([o]) => o);
    expect(offsets).to.have.length(205);
    // Exact offsets are 20570.732, 41141.464, ...: neither truncated (20570) nor rounded (102854 at j = 5).
    expect(offsets.slice(0, 6)).to.deep.equal([0, 20571, 41141, 61712, 82283, 102853]);
    expect(offsets[100]).to.equal(2057073);
    expect(offsets[204]).to.equal(4196429);
    expect(model.signalSteps[0]!.equals(new Ratio(20570732n, 1000000000n))).to.equal(true);
  });

  it('uses a 20 ms accelerometer step and no samples when the accelerometer entry is missing', async () => {
    const model = await read({ ...small, session: session({}) });
    expect(model.channels).to.have.length(0);
    expect(model.signalSteps.map(String)).to.deep.equal([...Array(6).fill('20/1000'), ...Array(3).fill('400/1000')]);
  });

  it('uses 20 accelerometer steps for a missing magnetometer entry, with no magnetometer samples', async () => {
    const model = await read({ ...small, session: session({ accelerometer: sensor(10, 1, 3) }) });
    expect(model.signalSteps.map(String)).to.deep.equal([...Array(6).fill('10/1000'), ...Array(3).fill('200/1000')]);
    expect(packetsOf(model, 'Acc x')).to.have.length(3);
    expect(Array.from(model.channels).filter((c) => c >= 6)).to.deep.equal([]);
  });

  it('keeps the channels but no data when the session JSON does not parse', async () => {
    const model = await read({ ...small, session: undefined, sessionText: '{"timingInfo": [garbage' });
    expect(model.channelNames).to.have.length(9);
    expect(model.channels).to.have.length(0);
    expect(model.extraProperties).to.equal(null);
    expect(model.start.secsSinceEpoch.equals(new Ratio(0n))).to.equal(true);
  });

  it('keeps the session as extra properties but no data when it lacks timingInfo', async () => {
    const model = await read({ ...small, session: { other: true } });
    expect(model.channels).to.have.length(0);
    expect(model.extraProperties).to.deep.equal({ other: true });
  });

  it('exports the accelerometer scale that GpioSet applies for .imu paths (counts to g)', async () => {
    expect(IMU_ACCEL_SCALE).to.equal(1 / 16384);
    expect(IMU_ACCEL_CHANNELS).to.deep.equal([0, 1, 2]);
    const model = await read(small);
    const set = GpioSet.fromModel('a.imu', model, { scaleChannels: imuAccelScale() });
    const data = await set.getChannelData(0);
    expect(data.values[0]).to.equal(Math.fround(-6.1035156e-5));
    expect((await set.getChannelData(3)).values[0]).to.equal(-1.57421875);
  });

  it('rejects a header shorter than 112 bytes with E_TRUNCATED', async () => {
    const path = dir.file('short.imu');
    await writeFile(path, encodeRawImu(small).subarray(0, 100));
    const error = await rejection(parseFile(path, readRawImu));
    expect(error.code).to.equal('E_TRUNCATED');
    expect(error.message).to.equal(`${path}: IMU file header needs 112 bytes at offset 0; file ends at 100 (truncated?)`);
  });

  it('rejects a block size that is not 16 × its count with E_CORRUPT', async () => {
    const path = dir.file('size.imu');
    const bytes = encodeRawImu(small);
    new DataView(bytes.buffer, bytes.byteOffset).setBigUint64(64, 40n, true);
    await writeFile(path, bytes);
    const error = await rejection(parseFile(path, readRawImu));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.message).to.equal(`${path}: magnetometer block size 40 (header offset 64) is not 16 × its record count 2`);
  });

  it('rejects a block past the end of the file with E_TRUNCATED', async () => {
    const path = dir.file('past.imu');
    const bytes = encodeRawImu(small);
    new DataView(bytes.buffer, bytes.byteOffset).setBigUint64(32, BigInt(bytes.byteLength - 8), true);
    await writeFile(path, bytes);
    const error = await rejection(parseFile(path, readRawImu));
    expect(error.code).to.equal('E_TRUNCATED');
    expect(error.offset).to.equal(32);
  });

  it('rejects counts and sizes near 2^64 without overflowing', async () => {
    const path = dir.file('huge.imu');
    const bytes = encodeRawImu(small);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    view.setBigUint64(24, 2n ** 60n, true);
    view.setBigUint64(40, 2n ** 64n - 16n, true);
    await writeFile(path, bytes);
    expect((await rejection(parseFile(path, readRawImu))).code).to.equal('E_CORRUPT');
    view.setBigUint64(40, 2n ** 64n - 2n ** 63n, true);
    view.setBigUint64(24, 2n ** 59n, true);
    await writeFile(path, bytes);
    expect((await rejection(parseFile(path, readRawImu))).code).to.equal('E_TRUNCATED');
  });

  it('rejects a session offset past the end of the file with E_TRUNCATED', async () => {
    const path = dir.file('session.imu');
    const bytes = encodeRawImu(small);
    new DataView(bytes.buffer, bytes.byteOffset).setBigUint64(96, 2n ** 63n, true);
    await writeFile(path, bytes);
    const error = await rejection(parseFile(path, readRawImu));
    expect(error.code).to.equal('E_TRUNCATED');
    expect(error.offset).to.equal(96);
  });

  it('rejects a session timing that needs more records than the header lists with E_CORRUPT', async () => {
    const error = await rejection(read({ ...small, session: session({ accelerometer: sensor(20, 1, 1000000000, [0]) }) }));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.detail).to.equal('session timing needs 999999999 accelerometer records (1000000000 samples, 1 dropped); the header lists 3');
  });
});
