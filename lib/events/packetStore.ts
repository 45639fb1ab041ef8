import type { EventModel } from './eventModel.js';

/** One channel's packets in stored order, duplicates kept. */
export interface ChannelPackets {
  /** Time keys in microseconds: V2 offsets after `global times[0]`; V1 times since the Unix epoch. */
  keysUs: BigUint64Array;
  values: Float32Array;
}

/** All packets of a file in stored order, with offsets after the set's start. */
export type PacketColumns = Pick<EventModel, 'offsetsUs' | 'channels' | 'values'>;

/**
 * Where an event-based data set gets its packets: a V2 payload, V1 channel blocks, or a model parsed
 * from a raw acquisition file. EventSet and GpioSet collapse and convert what a store returns (spec 6.3).
 */
export interface PacketStore {
  readonly numPackets: number;
  readChannel(channel: number): Promise<ChannelPackets>;
  readColumns(): Promise<PacketColumns>;
}

/** Packets of an {@link EventModel} held in memory (raw .gpio/.raw/.imu files). */
export class ModelPacketStore implements PacketStore {
  constructor(
    private readonly model: EventModel,
    /** Channel index → factor its values are multiplied by (spec 11.2: IMU acceleration to g). */
    private readonly scaleChannels: ReadonlyMap<number, number> = new Map(),
  ) {}

  get numPackets(): number {
    return this.model.channels.length;
  }

  async readChannel(channel: number): Promise<ChannelPackets> {
    const { channels, offsetsUs, values } = this.model;
    let count = 0;
    for (let i = 0; i < channels.length; i++) if (channels[i] === channel) count++;
    const keysUs = new BigUint64Array(count);
    const picked = new Float32Array(count);
    const factor = this.scaleChannels.get(channel) ?? 1;
    let k = 0;
    for (let i = 0; i < channels.length; i++) {
      if (channels[i] !== channel) continue;
      keysUs[k] = offsetsUs[i]!;
      picked[k++] = values[i]! * factor;
    }
    return { keysUs, values: picked };
  }

  async readColumns(): Promise<PacketColumns> {
    const { offsetsUs, channels, values } = this.model;
    return { offsetsUs, channels, values };
  }
}
