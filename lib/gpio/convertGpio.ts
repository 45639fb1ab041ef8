import { Ratio } from '../core/ratio.js';
import type { Time } from '../core/time.js';
import type { EventModel } from '../events/eventModel.js';
import type { JsonValue } from '../json/jsonValue.js';
import { GPIO_CHANNEL_COUNT, GpioChannel, nameGpioChannels } from './gpioChannels.js';
import { interpretGpioSession } from './gpioSession.js';
import { PacketBuffer } from '../events/packetBuffer.js';

/**
 * Turns the values decoded from `.gpio` packets into the packets the reference converter writes
 * (spec 9.4): change-only emission, NaN markers for dropped packets, closing values.
 */
export class GpioRecorder {
  readonly packets = new PacketBuffer();
  /** Internal channel of each file channel index, in order of first appearance (spec 9.3). */
  readonly channelsByIndex: number[] = [];
  private readonly indexOf = new Int32Array(GPIO_CHANNEL_COUNT).fill(-1);
  private readonly lastValues = new Float32Array(GPIO_CHANNEL_COUNT);
  private readonly hasValue = new Uint8Array(GPIO_CHANNEL_COUNT);
  /** Tsc of the latest non-NaN value offered to any channel. */
  private lastTimestamp = 0n;
  private lastSequence: number | undefined;

  /**
   * Called for every 0x40xx packet header before its payload (even ones later skipped): a sequence number
   * that is not the previous + 1 (mod 2^32) means packets were lost, marked by NaN on every channel but
   * Frame Count one microsecond after the last good value.
   */
  noteSequence(sequence: number): void {
    const gap = this.lastSequence !== undefined && ((this.lastSequence + 1) >>> 0) !== sequence;
    this.lastSequence = sequence;
    if (!gap) return;
    for (let channel = GpioChannel.gpi0; channel <= GpioChannel.bncSync; channel++) {
      this.offer(channel, this.lastTimestamp + 1n, Number.NaN);
    }
  }

  /** A value for an internal channel at a tsc; stored only when it differs from the channel's last value. */
  offer(channel: number, tsc: bigint, value: number): void {
    const f32 = Math.fround(value);
    const isNaN = Number.isNaN(f32);
    if (!isNaN) this.lastTimestamp = tsc;
    let index = this.indexOf[channel]!;
    if (index < 0) {
      index = this.channelsByIndex.length;
      this.indexOf[channel] = index;
      this.channelsByIndex.push(channel);
    }
    const previous = this.lastValues[channel]!;
    const changed = !this.hasValue[channel] || (isNaN ? !Number.isNaN(previous) : previous !== f32);
    this.lastValues[channel] = f32;
    this.hasValue[channel] = 1;
    if (changed) this.packets.push(tsc, index, f32);
  }

  /** After the stream: every channel's last value again at the last timestamp, in internal order. */
  close(): void {
    for (let channel = 0; channel < GPIO_CHANNEL_COUNT; channel++) {
      if (this.hasValue[channel]) this.packets.push(this.lastTimestamp, this.indexOf[channel]!, this.lastValues[channel]!);
    }
  }
}

export interface GpioFileFacts {
  start: Time;
  closedLoop: boolean;
  /** The parsed session JSON, `undefined` when absent or unparseable. */
  session: JsonValue | undefined;
}

const MICROS_PER_SECOND = 1_000_000n;

/** The V2 event content the reference writes for a parsed `.gpio` file (spec 9.5). */
export function buildGpioModel(recorder: GpioRecorder, facts: GpioFileFacts): EventModel {
  const { packets } = recorder;
  // spec 9.5: first and last are the first and last packets in emission order (the last is a closing value).
  const firstTsc = packets.length > 0 ? packets.timeAt(0) : 0n;
  const lastTsc = packets.length > 0 ? packets.timeAt(packets.length - 1) : 0n;
  const session = interpretGpioSession(facts.session, firstTsc, facts.closedLoop);
  const period = new Ratio(1n, BigInt(session.adClockHz));
  // A stream whose last timestamp precedes its first (counter reset) would wrap the reference's unsigned
  // span to ~2^64 samples; one sample is used instead.
  const spanUs = lastTsc >= firstTsc ? lastTsc - firstTsc + 1n : 1n;
  const numTimes = new Ratio(spanUs, MICROS_PER_SECOND).div(period).ceil();
  const channelCount = recorder.channelsByIndex.length;
  return {
    type: 3,
    channelNames: nameGpioChannels(recorder.channelsByIndex, session.renames),
    start: facts.start,
    end: facts.start.add(period.mulInt(numTimes)),
    signalSteps: Array.from({ length: channelCount }, () => period),
    signalTypes: Array.from({ length: channelCount }, () => 0 as const),
    ...packets.toOffsets(firstTsc),
    metrics: null,
    extraProperties: session.extraProperties,
  };
}
