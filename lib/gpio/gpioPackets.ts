import { GpioChannel } from './gpioChannels.js';
import type { GpioRecorder } from './convertGpio.js';

/** Bytes `55 AA 00 00` read as a little-endian u32: starts every packet of a `.gpio` stream (spec 9.1). */
export const GPIO_SYNC_WORD = 0x0000aa55;
/** `{u32 type, u32 sequence, u32 payloadSize}` after the sync word. */
export const GPIO_PACKET_HEADER_BYTES = 12;
/** High byte of the type of event packets; others are skipped after their header (spec 9.1). */
export const GPIO_EVENT_SIGNATURE = 0x40;
/** `{u32 tscHigh, u32 tscLow, u32 fc}` at the start of every event payload but WAVEFORM (spec 9.2). */
export const GPIO_COUNT_BLOCK_BYTES = 12;
/** Header extras `fileFormat` of closed-loop systems (spec 9.2). */
export const CLOSED_LOOP_FILE_FORMAT = 240n;

/** Event packet types (spec 9.2). */
export const GpioEventType = {
  captureAll: 0x4001,
  captureGpio: 0x4002,
  bncGpio1: 0x4003,
  bncGpio2: 0x4004,
  bncGpio3: 0x4005,
  bncGpio4: 0x4006,
  digitalGpio: 0x4007,
  exLed: 0x4008,
  ogLed: 0x4009,
  diLed: 0x400a,
  frameCount: 0x400b,
  bncTrigger: 0x400c,
  bncSync: 0x400d,
  waveform: 0x400e,
} as const;

/** Payload size in 32-bit words of each known event type; a packet declaring another size is skipped. */
export const GPIO_PAYLOAD_WORDS: ReadonlyMap<number, number> = new Map([
  [GpioEventType.captureAll, 9],
  [GpioEventType.captureGpio, 6],
  [GpioEventType.bncGpio1, 4],
  [GpioEventType.bncGpio2, 4],
  [GpioEventType.bncGpio3, 4],
  [GpioEventType.bncGpio4, 4],
  [GpioEventType.digitalGpio, 4],
  [GpioEventType.exLed, 4],
  [GpioEventType.ogLed, 4],
  [GpioEventType.diLed, 4],
  [GpioEventType.frameCount, 3],
  [GpioEventType.bncTrigger, 4],
  [GpioEventType.bncSync, 4],
  [GpioEventType.waveform, 2],
]);

/** spec 9.2: BNC GPIO analog levels are quantised to multiples of 16. */
function quantizeBncLevel(raw: number): number {
  return 16 * Math.floor(raw / 16);
}

/** spec 9.2: LED power is stored in counts of 100 µW; the set reports mW. */
function ledPowerMw(raw: number): number {
  return Math.fround(raw) / 10;
}

/**
 * Decodes the payload of a known event type at `at` (its size already checked) and offers its values to
 * the recorder in the reference's order (spec 9.2, 9.3).
 */
export function decodeGpioPayload(
  type: number,
  view: DataView,
  at: number,
  closedLoop: boolean,
  recorder: GpioRecorder,
): void {
  if (type === GpioEventType.waveform) return;
  const tsc = (BigInt(view.getUint32(at, true)) << 32n) | BigInt(view.getUint32(at + 4, true));
  const fc = view.getUint32(at + 8, true);
  const body = at + GPIO_COUNT_BLOCK_BYTES;
  const offer = (channel: number, value: number): void => recorder.offer(channel, tsc, value);
  const offerBits = (first: number, bits: number, count: number): void => {
    for (let i = 0; i < count; i++) offer(first + i, (bits >>> i) & 1);
  };
  switch (type) {
    case GpioEventType.captureAll: {
      const digital = view.getUint32(body, true);
      offerBits(GpioChannel.gpi0, digital, 8);
      // spec 9.2: closed-loop systems use only GPO 0-3 (bits 16-19).
      offerBits(GpioChannel.gpo0, digital >>> 16, closedLoop ? 4 : 8);
      for (let i = 0; i < 4; i++) offer(GpioChannel.bncGpio1 + i, quantizeBncLevel(view.getUint16(body + 4 + 2 * i, true)));
      offer(GpioChannel.exLed, ledPowerMw(view.getUint16(body + 12, true)));
      offer(GpioChannel.ogLed, ledPowerMw(view.getUint16(body + 14, true)));
      offer(GpioChannel.diLed, ledPowerMw(view.getUint16(body + 16, true)));
      offer(GpioChannel.eFocus, view.getUint16(body + 18, true));
      const trigSync = view.getUint32(body + 20, true);
      offer(GpioChannel.bncSync, trigSync & 1);
      offer(GpioChannel.bncTrigger, (trigSync >>> 1) & 1);
      return;
    }
    case GpioEventType.captureGpio:
      offerBits(GpioChannel.gpi0, view.getUint16(body, true), 8);
      offer(GpioChannel.bncTrigger, view.getUint16(body + 2, true));
      for (let i = 0; i < 4; i++) offer(GpioChannel.bncGpio1 + i, quantizeBncLevel(view.getUint16(body + 4 + 2 * i, true)));
      return;
    case GpioEventType.bncGpio1:
    case GpioEventType.bncGpio2:
    case GpioEventType.bncGpio3:
    case GpioEventType.bncGpio4:
      offer(GpioChannel.bncGpio1 + (type - GpioEventType.bncGpio1), quantizeBncLevel(view.getUint32(body, true)));
      return;
    case GpioEventType.digitalGpio:
      offerBits(GpioChannel.gpi0, view.getUint32(body, true), 8);
      return;
    case GpioEventType.exLed:
    case GpioEventType.ogLed:
    case GpioEventType.diLed:
      // spec 9.2: only the low 16 bits carry the power.
      offer(GpioChannel.exLed + (type - GpioEventType.exLed), ledPowerMw(view.getUint32(body, true) & 0xffff));
      return;
    case GpioEventType.frameCount:
      offer(GpioChannel.frameCount, fc);
      return;
    case GpioEventType.bncTrigger:
      offer(GpioChannel.bncTrigger, view.getUint32(body, true));
      return;
    case GpioEventType.bncSync:
      offer(GpioChannel.bncSync, view.getUint32(body, true));
      return;
  }
}
