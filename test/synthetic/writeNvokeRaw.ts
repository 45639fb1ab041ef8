import type { AtomicFileOptions } from '../../lib/io/atomicFile.js';
import { writeFileAtomically } from '../../lib/io/writeFileAtomically.js';
import { NVOKE_ANALOG_SAMPLES, NVOKE_ANALOG_TYPE, NVOKE_CHANNEL_NAMES, NVOKE_SYNC_PACKET, NvokePacketBytes } from '../../lib/nvoke/nvokePackets.js';

type DigitalName = 'GPIO1' | 'GPIO2' | 'GPIO3' | 'GPIO4' | 'SYNC' | 'TRIG';
type LedName = 'EX_LED' | 'OG_LED' | 'DI_LED';

/** One entry of a synthetic nVoke 1 `.raw` stream (spec 10); times are µs since the epoch. */
export type NvokeRawPacket =
  | { kind: 'digital'; channel: DigitalName; high: boolean; timeUs: bigint }
  /** `power` in 0.1 mW/mm² (9 bits); `state` 0 off, 1 on, 2 ramp up, 3 ramp down. */
  | { kind: 'led'; channel: LedName; power: number; state: 0 | 1 | 2 | 3; timeUs: bigint }
  /** `maxPower` = the two raw bytes; ten 16-bit samples. */
  | { kind: 'analog'; maxPower: readonly [number, number]; samples: readonly number[]; timeUs: bigint }
  | { kind: 'sync' }
  | { kind: 'bytes'; bytes: Uint8Array };

const TYPE_OF = new Map([...NVOKE_CHANNEL_NAMES].map(([type, name]) => [name, type]));

/** The bytes of an nVoke 1 `.raw` file holding `packets` in order (include a leading `sync`). */
export function encodeNvokeRaw(packets: readonly NvokeRawPacket[]): Uint8Array {
  const counters = new Map<number, number>();
  const parts = packets.map((packet): Uint8Array => {
    switch (packet.kind) {
      case 'sync':
        return NVOKE_SYNC_PACKET;
      case 'bytes':
        return packet.bytes;
      case 'digital': {
        const out = startPacket(TYPE_OF.get(packet.channel)!, NvokePacketBytes.digital, counters);
        out[3] = packet.high ? 0x80 : 0;
        writeTime(out, 4, packet.timeUs);
        return out;
      }
      case 'led': {
        const out = startPacket(TYPE_OF.get(packet.channel)!, NvokePacketBytes.led, counters);
        out[3] = packet.power >> 1;
        out[4] = ((packet.power & 1) << 4) | packet.state;
        writeTime(out, 6, packet.timeUs);
        return out;
      }
      case 'analog': {
        const out = startPacket(NVOKE_ANALOG_TYPE, NvokePacketBytes.analog, counters);
        out.set(packet.maxPower, 3);
        for (let k = 0; k < NVOKE_ANALOG_SAMPLES; k++) {
          out[5 + 2 * k] = packet.samples[k]! >> 8;
          out[6 + 2 * k] = packet.samples[k]! & 0xff;
        }
        writeTime(out, 25, packet.timeUs);
        return out;
      }
    }
  });
  return Buffer.concat(parts);
}

/** Writes a synthetic nVoke 1 `.raw` file (for tests and demo data). */
export async function writeNvokeRaw(path: string, packets: readonly NvokeRawPacket[], options: AtomicFileOptions = {}): Promise<void> {
  await writeFileAtomically(path, encodeNvokeRaw(packets), options);
}

function startPacket(type: number, length: number, counters: Map<number, number>): Uint8Array {
  const counter = ((counters.get(type) ?? 255) + 1) & 0xff;
  counters.set(type, counter);
  const out = new Uint8Array(length);
  out[0] = type;
  out[1] = length;
  out[2] = counter;
  return out;
}

/** Big-endian seconds, then microseconds in 20 bits over 3 bytes (spec 10). */
function writeTime(out: Uint8Array, at: number, timeUs: bigint): void {
  const seconds = Number(timeUs / 1_000_000n);
  const micros = Number(timeUs % 1_000_000n);
  new DataView(out.buffer, out.byteOffset).setUint32(at, seconds, false);
  out[at + 4] = micros >> 16;
  out[at + 5] = (micros >> 8) & 0xff;
  out[at + 6] = micros & 0xff;
}
