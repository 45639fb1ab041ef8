import { IsxError } from '../errors.js';
import type { EventModel, SignalType } from '../events/eventModel.js';
import type { Ratio } from '../core/ratio.js';
import type { Time } from '../core/time.js';
import { readJsonAt } from '../json/readJsonAt.js';
import type { ByteSource } from '../io/byteSource.js';
import { interpretImuSession, type ImuSensorTiming } from './imuSession.js';
import { IMU_RECORD_BYTES, parseImuHeader, type ImuBlock, type ImuSensor } from './parseImuHeader.js';

/** Channels of the converted IMU set, in index order (spec 11.2). */
const IMU_CHANNEL_NAMES: readonly string[] = ['Acc x', 'Acc y', 'Acc z', 'Ori yaw', 'Ori pitch', 'Ori roll', 'Mag x', 'Mag y', 'Mag z'];
/** Channel indices holding accelerometer counts. */
export const IMU_ACCEL_CHANNELS: readonly number[] = [0, 1, 2];
/** Counts per g: isx scales the accelerometer channels by this only when the opened path is `.imu` (spec 11.2). */
export const IMU_ACCEL_SCALE = 1 / 16384;
/** Orientation is signed fixed point S4.11: value / 2048 = radians. */
const ORIENTATION_DIVISOR = 2048;

/** The `scaleChannels` option of a GpioSet opened on a `.imu` file, as isx reads it (acceleration in g). */
export function imuAccelScale(): Map<number, number> {
  return new Map(IMU_ACCEL_CHANNELS.map((c) => [c, IMU_ACCEL_SCALE]));
}

/**
 * Reads a raw `.imu` file into the V2 event content (type 7) the reference converter writes to
 * `<name>_imu.isxd` (spec 11): raw accelerometer and magnetometer counts, orientation in radians, NaN at
 * dropped samples, all channels dense, packets channel by channel.
 */
export async function readRawImu(source: ByteSource): Promise<EventModel> {
  const header = await parseImuHeader(source);
  const site = { path: source.path, offset: header.sessionOffset, document: 'IMU session JSON' };
  const session = interpretImuSession(await readJsonAt(source, header.sessionOffset, source.size, site.document), site);
  const acc = session.accelerometer;
  const mag = session.magnetometer;
  // Orientation records follow the accelerometer timing.
  const sensors: [ImuSensor, ImuSensorTiming, number][] = [
    ['accelerometer', acc, 1],
    ['orientation', acc, ORIENTATION_DIVISOR],
    ['magnetometer', mag, 1],
  ];
  for (const [sensor, timing] of sensors) checkRecordCount(source.path, sensor, header[sensor], timing);
  const total = 3 * (2 * acc.numTimes + mag.numTimes);
  const offsetsUs = new BigUint64Array(total);
  const channels = new Uint32Array(total);
  const values = new Float32Array(total);
  let k = 0;
  for (const [s, [sensor, timing, divisor]] of sensors.entries()) {
    const block = header[sensor];
    const records = await source.readAt(block.offset, block.count * IMU_RECORD_BYTES, `IMU ${sensor} records`);
    const view = new DataView(records.buffer, records.byteOffset, records.byteLength);
    const sampleOffsets = computeSampleOffsetsUs(session.start, timing.step, timing.numTimes);
    for (let axis = 0; axis < 3; axis++) {
      let dropIndex = 0;
      let recorded = 0;
      for (let j = 0; j < timing.numTimes; j++) {
        offsetsUs[k] = sampleOffsets[j]!;
        channels[k] = 3 * s + axis;
        if (timing.dropped[dropIndex] === j) {
          dropIndex++;
          values[k] = Number.NaN;
        } else {
          values[k] = view.getInt16(recorded * IMU_RECORD_BYTES + 8 + 2 * axis, true) / divisor;
          recorded++;
        }
        k++;
      }
    }
  }
  const steps: Ratio[] = [...Array<Ratio>(6).fill(acc.step), ...Array<Ratio>(3).fill(mag.step)];
  return {
    type: 7,
    channelNames: [...IMU_CHANNEL_NAMES],
    start: session.start,
    end: session.end,
    signalSteps: steps,
    signalTypes: steps.map((): SignalType => 1),
    offsetsUs,
    channels,
    values,
    metrics: null,
    extraProperties: session.extraProperties,
  };
}

/** The reference reads records by recorded index without checking; here a short block is an error. */
function checkRecordCount(path: string, sensor: ImuSensor, block: ImuBlock, timing: ImuSensorTiming): void {
  const needed = timing.numTimes - timing.dropped.length;
  if (needed > block.count) {
    throw new IsxError(
      'E_CORRUPT',
      `session timing needs ${needed} ${sensor} records (${timing.numTimes} samples, ${timing.dropped.length} dropped); the header lists ${block.count}`,
      { path, offset: block.offset },
    );
  }
}

/**
 * spec 11.2: offset of sample j = usec(start + j·step) − usec(start), where usec(x) = trunc(fl(num) / fl(den)
 * · 10^6) of the unreduced rational (j·step keeps the step's denominator; the sum uses the LCM).
 */
function computeSampleOffsetsUs(start: Time, step: Ratio, numTimes: number): BigUint64Array {
  const base = usecOf(start.secsSinceEpoch);
  const out = new BigUint64Array(numTimes);
  for (let j = 0; j < numTimes; j++) {
    // Equal values in different representations can round 1 µs apart; the offset of sample 0 stays 0.
    out[j] = BigInt(Math.max(0, usecOf(start.secsSinceEpoch.add(step.mulInt(j))) - base));
  }
  return out;
}

function usecOf(value: Ratio): number {
  return Math.trunc((Number(value.num) / Number(value.den)) * 1e6);
}
