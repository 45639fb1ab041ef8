import type { Ratio } from '../core/ratio.js';
import type { Time } from '../core/time.js';
import type { JsonValue } from '../json/jsonValue.js';

/** Channel sampling kind of the V2 event-based layout (spec 1.2). */
export type SignalType = 0 | 1;

/**
 * The content of a V2 event-based file (spec 6.1-6.2) held in memory: what the `.isxd` reader
 * parses from a footer and payload, what raw acquisition files (.gpio, .raw, .imu) convert into, and
 * what the writer writes. Packets are columnar and in file order; duplicates are not collapsed here.
 */
export interface EventModel {
  /** Footer `type`: 3 GPIO, 5 event set, 7 IMU. */
  type: 3 | 5 | 7;
  channelNames: string[];
  /** `global times[0]`: offsets count from here. */
  start: Time;
  /** `global times[1]`. */
  end: Time;
  signalSteps: Ratio[];
  signalTypes: SignalType[];
  /** Packets: offset in microseconds after `start`, channel index, value (NaN allowed). */
  offsetsUs: BigUint64Array;
  channels: Uint32Array;
  values: Float32Array;
  /** Per-channel metrics as stored (`null` when absent). */
  metrics: JsonValue;
  extraProperties: JsonValue;
}
