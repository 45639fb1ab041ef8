import type { AtomicFileOptions } from '../../lib/io/atomicFile.js';
import { writeFileAtomically } from '../../lib/io/writeFileAtomically.js';
import type { JsonValue } from '../../lib/json/jsonValue.js';
import { stringifyJson } from '../../lib/json/stringifyJson.js';
import { GpioEventType, GPIO_COUNT_BLOCK_BYTES, GPIO_PAYLOAD_WORDS, GPIO_SYNC_WORD } from '../../lib/gpio/gpioPackets.js';
import { GPIO_HEADER_BYTES, GPIO_HEADER_EXTRAS_BYTES } from '../../lib/gpio/parseGpioHeader.js';

/** Fields shared by event packets: hardware timestamp (µs), frame count, and an optional sequence number. */
interface Counted {
  tsc: bigint;
  fc?: number;
  /** Default: previous packet's sequence + 1 (mod 2^32). */
  sequence?: number;
}

/** One entry of a synthetic `.gpio` stream (spec 9.2); `other` writes any header, `bytes` writes filler. */
export type RawGpioPacket =
  | (Counted & { kind: 'captureAll'; digital: number; bnc: readonly number[]; exLed: number; ogLed: number; diLed: number; eFocus: number; trigSync: number })
  | (Counted & { kind: 'captureGpio'; digital: number; bncTrigger: number; bnc: readonly number[] })
  | (Counted & { kind: 'bncGpio'; gpio: 1 | 2 | 3 | 4; value: number })
  | (Counted & { kind: 'digitalGpio'; digital: number })
  | (Counted & { kind: 'led'; led: 'ex' | 'og' | 'di'; power: number })
  | (Counted & { kind: 'frameCount' })
  | (Counted & { kind: 'bncTrigger'; value: number })
  | (Counted & { kind: 'bncSync'; value: number })
  | { kind: 'waveform'; bufferNum: number; count: number; sequence?: number }
  | { kind: 'other'; type: number; payloadWords: number; payload?: Uint8Array; sequence?: number }
  | { kind: 'bytes'; bytes: Uint8Array };

export interface RawGpioHeader {
  /** Recording start `startNum/startDen` seconds since the epoch. */
  startNum: bigint;
  startDen: bigint;
  utcOffset?: number;
  /** Header extras; omitted = a 32-byte header only. */
  extras?: {
    fileFormat: bigint;
    /** Session JSON, or `sessionText` to write arbitrary bytes there; neither = sessionDataOffset 0. */
    session?: JsonValue;
    sessionText?: string;
    /** Default `beforeEvents`. */
    sessionPlacement?: 'beforeEvents' | 'afterEvents';
  };
}

export interface RawGpioFile {
  /** Omitted = a header-less (alpha) file that starts with the sync word. */
  header?: RawGpioHeader;
  /** Sequence number of the first packet. Default 0. */
  firstSequence?: number;
  packets: readonly RawGpioPacket[];
}

/** The bytes of a `.gpio` file laid out per spec 9.1. */
export function encodeRawGpio(file: RawGpioFile): Uint8Array {
  const stream = encodeStream(file);
  const header = file.header;
  if (header === undefined) return stream;
  const extras = header.extras;
  const sessionText = extras?.sessionText ?? (extras?.session !== undefined ? stringifyJson(extras.session, { indent: 4 }) : undefined);
  const session = sessionText === undefined ? new Uint8Array(0) : Buffer.from(sessionText, 'utf8');
  const headerBytes = GPIO_HEADER_BYTES + (extras ? GPIO_HEADER_EXTRAS_BYTES : 0);
  const after = extras?.sessionPlacement === 'afterEvents';
  const padded = after ? 0 : align4(session.byteLength);
  const eventDataOffset = headerBytes + padded;
  const out = new Uint8Array(eventDataOffset + stream.byteLength + (after ? session.byteLength : 0));
  const view = new DataView(out.buffer);
  view.setBigUint64(0, header.startNum, true);
  view.setBigUint64(8, header.startDen, true);
  view.setInt32(16, header.utcOffset ?? 0, true);
  view.setUint32(20, eventDataOffset, true);
  view.setBigUint64(24, BigInt(file.packets.filter((p) => p.kind !== 'bytes').length), true);
  const sessionOffset = sessionText === undefined ? 0 : after ? eventDataOffset + stream.byteLength : headerBytes;
  if (extras) {
    view.setBigUint64(GPIO_HEADER_BYTES, extras.fileFormat, true);
    view.setBigUint64(GPIO_HEADER_BYTES + 8, BigInt(sessionOffset), true);
  }
  out.set(stream, eventDataOffset);
  if (sessionOffset > 0) out.set(session, sessionOffset);
  return out;
}

/** Writes a synthetic `.gpio` file (for tests and demo data). */
export async function writeRawGpio(path: string, file: RawGpioFile, options: AtomicFileOptions = {}): Promise<void> {
  await writeFileAtomically(path, encodeRawGpio(file), options);
}

function encodeStream(file: RawGpioFile): Uint8Array {
  const parts: Uint8Array[] = [];
  let sequence = ((file.firstSequence ?? 0) - 1) >>> 0;
  for (const packet of file.packets) {
    if (packet.kind === 'bytes') {
      parts.push(packet.bytes);
      continue;
    }
    sequence = packet.sequence ?? ((sequence + 1) >>> 0);
    const { type, payloadWords, payload } = encodePayload(packet);
    const head = new DataView(new ArrayBuffer(16));
    head.setUint32(0, GPIO_SYNC_WORD, true);
    head.setUint32(4, type, true);
    head.setUint32(8, sequence, true);
    head.setUint32(12, payloadWords, true);
    parts.push(new Uint8Array(head.buffer), payload);
  }
  return Buffer.concat(parts);
}

const LED_TYPES = { ex: GpioEventType.exLed, og: GpioEventType.ogLed, di: GpioEventType.diLed } as const;

function encodePayload(packet: Exclude<RawGpioPacket, { kind: 'bytes' }>): { type: number; payloadWords: number; payload: Uint8Array } {
  if (packet.kind === 'other') return { type: packet.type, payloadWords: packet.payloadWords, payload: packet.payload ?? new Uint8Array(0) };
  const type = typeOf(packet);
  const payloadWords = GPIO_PAYLOAD_WORDS.get(type)!;
  const view = new DataView(new ArrayBuffer(payloadWords * 4));
  if (packet.kind === 'waveform') {
    view.setUint32(0, packet.bufferNum, true);
    view.setUint32(4, packet.count, true);
    return { type, payloadWords, payload: new Uint8Array(view.buffer) };
  }
  view.setUint32(0, Number(packet.tsc >> 32n), true);
  view.setUint32(4, Number(packet.tsc & 0xffffffffn), true);
  view.setUint32(8, packet.fc ?? 0, true);
  const body = GPIO_COUNT_BLOCK_BYTES;
  switch (packet.kind) {
    case 'captureAll':
      view.setUint32(body, packet.digital, true);
      packet.bnc.forEach((v, i) => view.setUint16(body + 4 + 2 * i, v, true));
      view.setUint16(body + 12, packet.exLed, true);
      view.setUint16(body + 14, packet.ogLed, true);
      view.setUint16(body + 16, packet.diLed, true);
      view.setUint16(body + 18, packet.eFocus, true);
      view.setUint32(body + 20, packet.trigSync, true);
      break;
    case 'captureGpio':
      view.setUint16(body, packet.digital, true);
      view.setUint16(body + 2, packet.bncTrigger, true);
      packet.bnc.forEach((v, i) => view.setUint16(body + 4 + 2 * i, v, true));
      break;
    case 'digitalGpio':
      view.setUint32(body, packet.digital, true);
      break;
    case 'led':
      view.setUint32(body, packet.power, true);
      break;
    case 'bncGpio':
    case 'bncTrigger':
    case 'bncSync':
      view.setUint32(body, packet.value, true);
      break;
    case 'frameCount':
      break;
  }
  return { type, payloadWords, payload: new Uint8Array(view.buffer) };
}

function typeOf(packet: Exclude<RawGpioPacket, { kind: 'bytes' | 'other' }>): number {
  switch (packet.kind) {
    case 'captureAll':
      return GpioEventType.captureAll;
    case 'captureGpio':
      return GpioEventType.captureGpio;
    case 'bncGpio':
      return GpioEventType.bncGpio1 + packet.gpio - 1;
    case 'digitalGpio':
      return GpioEventType.digitalGpio;
    case 'led':
      return LED_TYPES[packet.led];
    case 'frameCount':
      return GpioEventType.frameCount;
    case 'bncTrigger':
      return GpioEventType.bncTrigger;
    case 'bncSync':
      return GpioEventType.bncSync;
    case 'waveform':
      return GpioEventType.waveform;
  }
}

function align4(n: number): number {
  return Math.ceil(n / 4) * 4;
}
