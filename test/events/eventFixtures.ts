import { Ratio } from '../../lib/core/ratio.js';
import { Time } from '../../lib/core/time.js';
import type { EventModel, SignalType } from '../../lib/events/eventModel.js';
import type { JsonObject, JsonValue } from '../../lib/json/jsonValue.js';
export { rejection, thrown } from '../helpers/errors.js';
export { writeRawIsxd } from '../helpers/isxdFiles.js';

/** Builders shared by the event tests: small models and hand-made files. */

export interface PacketSpec {
  offsetUs: number | bigint;
  channel: number;
  value: number;
}

export function makeModel(fields: {
  type?: 3 | 5 | 7;
  channelNames: string[];
  packets: PacketSpec[];
  start?: Time;
  end?: Time;
  signalSteps?: Ratio[];
  signalTypes?: SignalType[];
  metrics?: JsonValue;
  extraProperties?: JsonValue;
}): EventModel {
  const n = fields.channelNames.length;
  const start = fields.start ?? new Time(new Ratio(1_700_000_000_000n, 1000n));
  return {
    type: fields.type ?? 5,
    channelNames: fields.channelNames,
    start,
    end: fields.end ?? start.add(new Ratio(10n)),
    signalSteps: fields.signalSteps ?? fields.channelNames.map(() => new Ratio(50n, 1000n)),
    signalTypes: fields.signalTypes ?? new Array<SignalType>(n).fill(0),
    offsetsUs: BigUint64Array.from(fields.packets, (p) => BigInt(p.offsetUs)),
    channels: Uint32Array.from(fields.packets, (p) => p.channel),
    values: Float32Array.from(fields.packets, (p) => p.value),
    metrics: fields.metrics ?? null,
    extraProperties: fields.extraProperties ?? null,
  };
}

/** 20-byte V2 packets (spec 6.2). */
export function encodePackets(packets: { offsetUs: bigint; signal: bigint; value: number }[]): Uint8Array {
  const out = new Uint8Array(packets.length * 20);
  const view = new DataView(out.buffer);
  packets.forEach((p, k) => {
    view.setBigUint64(k * 20, p.offsetUs, true);
    view.setBigUint64(k * 20 + 8, p.signal, true);
    view.setFloat32(k * 20 + 16, p.value, true);
  });
  return out;
}

/** A V2 footer for hand-made files, with overrides. */
export function v2Footer(overrides: JsonObject = {}): JsonObject {
  const start = new Time(new Ratio(0n, 1000n));
  return {
    type: 5,
    fileType: 1,
    fileVersion: 2,
    'channel list': ['A', 'B'],
    'global times': [start.toJson(), start.add(new Ratio(1n)).toJson()],
    signalSteps: [new Ratio(50n, 1000n).toJson(), new Ratio(50n, 1000n).toJson()],
    signalTypes: [0, 0],
    startOffsets: [0, 0],
    numSamples: [1, 1],
    metrics: null,
    extraProperties: null,
    ...overrides,
  };
}



export function asNumbers(values: BigUint64Array): number[] {
  return Array.from(values, Number);
}
