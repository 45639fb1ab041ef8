import { Ratio } from '../core/ratio.js';
import { Time } from '../core/time.js';
import { IsxError } from '../errors.js';
import type { EventModel, SignalType } from '../events/eventModel.js';
import { PacketBuffer } from '../events/packetBuffer.js';
import { NO_GPIO_STREAM } from '../events/noDataStream.js';
import type { ByteSource } from '../io/byteSource.js';
import {
  isNvokeDigitalType,
  isNvokeLedType,
  NVISTA_RAW_SIGNATURE,
  NVOKE_ANALOG_SAMPLE_STEP_US,
  NVOKE_ANALOG_SAMPLES,
  NVOKE_ANALOG_TYPE,
  NVOKE_CHANNEL_NAMES,
  NVOKE_HEADER_BYTES,
  NVOKE_SYNC_PACKET,
  NVOKE_SYNC_TYPE,
  NvokeLedState,
  NvokePacketBytes,
  readNvokeTimeUs,
} from './nvokePackets.js';

const NVISTA_RAW_REFUSAL =
  'Tried to read an nVoke GPIO raw file, but this looks like an nVista raw recording file, which is not supported.';
const PERIOD = new Ratio(1n, 1000n);

/** Reads an nVoke 1 raw GPIO `.raw` file into the V2 event content the reference converter writes (spec 10). */
export async function readNvokeRaw(source: ByteSource): Promise<EventModel> {
  const bytes = await source.readAt(0, source.size, 'nVoke GPIO data');
  if (NVISTA_RAW_SIGNATURE.every((b, i) => bytes[i] === b)) {
    throw new IsxError('E_UNSUPPORTED', NVISTA_RAW_REFUSAL, { path: source.path, offset: 0 });
  }
  const syncAt = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(NVOKE_SYNC_PACKET);
  if (syncAt < 0) throw new IsxError('E_CORRUPT', NO_GPIO_STREAM, { path: source.path, offset: 0 });
  const parsed = parseNvokePackets(bytes, syncAt + NVOKE_SYNC_PACKET.byteLength);
  return buildNvokeModel(parsed);
}

interface NvokeParse {
  packets: PacketBuffer;
  /** Data type of each channel index, by first appearance. */
  types: number[];
  denseTypes: Set<number>;
  startUs: bigint | undefined;
  /** Time of the last sample emitted. */
  endUs: bigint;
}

/**
 * Walks the packets after the first sync packet (spec 10). The length byte is not trusted: each data type
 * has a fixed size; unknown bytes are skipped one at a time; a packet cut off by the end of the file ends it.
 */
function parseNvokePackets(bytes: Uint8Array, from: number): NvokeParse {
  const parse: NvokeParse = { packets: new PacketBuffer(), types: [], denseTypes: new Set(), startUs: undefined, endUs: 0n };
  const emit = (type: number, timeUs: bigint, value: number): void => {
    parse.startUs ??= timeUs;
    parse.endUs = timeUs;
    let index = parse.types.indexOf(type);
    if (index < 0) index = parse.types.push(type) - 1;
    parse.packets.push(timeUs, index, value);
  };
  let at = from;
  while (bytes.byteLength - at >= NVOKE_HEADER_BYTES) {
    const type = bytes[at]!;
    const size = packetBytes(type);
    if (bytes.byteLength - at < size) break;
    if (isNvokeDigitalType(type)) {
      // Bit 7 of stateMode is the line state.
      emit(type, readNvokeTimeUs(bytes, at + 4), bytes[at + 3]! & 0x80 ? 1 : 0);
    } else if (isNvokeLedType(type)) {
      const powerState = bytes[at + 4]!;
      const state = powerState & 0x03;
      // Power in 0.1 mW/mm²: bits 1-8 from powerHi, bit 0 from bit 4 of powerState.
      const power = bytes[at + 3]! * 2 + ((powerState >> 4) & 1);
      // Ramps make the channel dense; only "on" and "ramp down" report their power.
      if (state === NvokeLedState.rampUp || state === NvokeLedState.rampDown) parse.denseTypes.add(type);
      const lit = state === NvokeLedState.on || state === NvokeLedState.rampDown;
      emit(type, readNvokeTimeUs(bytes, at + 6), lit ? power / 10 : 0);
    } else if (type === NVOKE_ANALOG_TYPE) {
      const maxPower = (bytes[at + 3]! & 0x80) | (bytes[at + 4]! & 0x7f);
      const timeUs = readNvokeTimeUs(bytes, at + 25);
      for (let k = 0; k < NVOKE_ANALOG_SAMPLES; k++) {
        const raw = (bytes[at + 5 + 2 * k]! << 8) | bytes[at + 6 + 2 * k]!;
        emit(type, timeUs + NVOKE_ANALOG_SAMPLE_STEP_US * BigInt(k), (raw / 655360) * maxPower);
      }
    }
    at += size;
  }
  return parse;
}

function packetBytes(type: number): number {
  if (isNvokeDigitalType(type)) return NvokePacketBytes.digital;
  if (isNvokeLedType(type)) return NvokePacketBytes.led;
  if (type === NVOKE_ANALOG_TYPE) return NvokePacketBytes.analog;
  if (type === NVOKE_SYNC_TYPE) return NvokePacketBytes.sync;
  return 1;
}

const MICROS_PER_SECOND = 1_000_000n;

/** spec 10: start = first packet, period 1 ms, numTimes = ceil((last − start + 1) µs / 1 ms). */
function buildNvokeModel(parse: NvokeParse): EventModel {
  const startUs = parse.startUs ?? 0n;
  const start = new Time(new Ratio(startUs, MICROS_PER_SECOND));
  // A stream with a single timed packet, or whose last time precedes the first, spans one sample.
  const spanUs = parse.endUs >= startUs ? parse.endUs - startUs + 1n : 1n;
  const numTimes = new Ratio(spanUs, MICROS_PER_SECOND).div(PERIOD).ceil();
  return {
    type: 3,
    channelNames: parse.types.map((type) => NVOKE_CHANNEL_NAMES.get(type)!),
    start,
    end: start.add(PERIOD.mulInt(numTimes)),
    signalSteps: parse.types.map(() => PERIOD),
    signalTypes: parse.types.map((type): SignalType => (type === NVOKE_ANALOG_TYPE || parse.denseTypes.has(type) ? 1 : 0)),
    ...parse.packets.toOffsets(startUs),
    metrics: null,
    extraProperties: null,
  };
}
