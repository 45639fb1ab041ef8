import { Ratio } from '../core/ratio.js';
import { Time } from '../core/time.js';
import { isIsxError } from '../errors.js';
import { asArrayOf, asObject, asUnsigned, field, optionalField, type JsonSite } from '../json/fields.js';
import type { JsonObject, JsonValue } from '../json/jsonValue.js';

/** Sampling of one IMU sensor: time index j lies at `start + j·step`; `dropped` indices carry no record. */
export interface ImuSensorTiming {
  step: Ratio;
  numTimes: number;
  /** Sorted, unique, all < numTimes. */
  dropped: number[];
}

export interface ImuSession {
  /** The session JSON as parsed (`null` when it does not parse): the set's extra properties. */
  extraProperties: JsonValue;
  start: Time;
  end: Time;
  accelerometer: ImuSensorTiming;
  magnetometer: ImuSensorTiming;
}

const EPOCH = new Time(new Ratio(0n, 1n));
/** Default accelerometer step: 20 ms (spec 11.1). */
const DEFAULT_ACC_STEP = new Ratio(20n, 1000n);
/** The reference's default-constructed timing (50 ms, no samples) stands in when the session is unusable. */
const EMPTY: ImuSensorTiming = { step: new Ratio(50n, 1000n), numTimes: 0, dropped: [] };

/**
 * Timing of the converted IMU set from the session JSON (spec 11.1). Like the reference, a session that
 * does not parse or lacks what is needed leaves empty timings (channels without data), keeping the start
 * and end read before the failure.
 */
export function interpretImuSession(session: JsonValue | undefined, site: JsonSite): ImuSession {
  const result: ImuSession = {
    extraProperties: session ?? null,
    start: EPOCH,
    end: EPOCH,
    accelerometer: EMPTY,
    magnetometer: EMPTY,
  };
  if (session === undefined) return result;
  try {
    const timingInfo = asObject(field(asObject(session, 'session', site), 'timingInfo', site), 'timingInfo', site);
    result.start = Time.fromJson(field(timingInfo, 'start', site, 'timingInfo.start'), 'timingInfo.start', site);
    result.end = Time.fromJson(field(timingInfo, 'end', site, 'timingInfo.end'), 'timingInfo.end', site);
    const acc = optionalField(timingInfo, 'accelerometer');
    const accelerometer = acc === undefined ? { step: DEFAULT_ACC_STEP, numTimes: 0, dropped: [] } : readSensor(acc, 'accelerometer', site);
    const mag = optionalField(timingInfo, 'magnetometer');
    // spec 11.1: without a magnetometer entry its step is 20 accelerometer steps.
    const magnetometer = mag === undefined ? { step: accelerometer.step.mulInt(20), numTimes: 0, dropped: [] } : readSensor(mag, 'magnetometer', site);
    result.accelerometer = accelerometer;
    result.magnetometer = magnetometer;
  } catch (error) {
    if (!isIsxError(error, 'E_HEADER') && !isIsxError(error, 'E_RANGE')) throw error;
  }
  return result;
}

function readSensor(value: JsonValue, sensor: string, site: JsonSite): ImuSensorTiming {
  const name = `timingInfo.${sensor}`;
  const obj: JsonObject = asObject(value, name, site);
  const periodMs = Ratio.fromJson(field(obj, 'periodMs', site, `${name}.periodMs`), `${name}.periodMs`, site);
  const dropped = asArrayOf(field(obj, 'dropped', site, `${name}.dropped`), `${name}.dropped`, site, asUnsigned);
  const numTimes = asUnsigned(field(obj, 'numTimes', site, `${name}.numTimes`), `${name}.numTimes`, site);
  return {
    // periodMs is in milliseconds: the step in seconds keeps the numerator and scales the denominator.
    step: new Ratio(periodMs.num, periodMs.den * 1000n),
    numTimes,
    dropped: [...new Set(dropped)].filter((i) => i < numTimes).sort((a, b) => a - b),
  };
}
