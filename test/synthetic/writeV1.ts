import type { Timing } from '../../lib/core/timing.js';
import { AtomicFile } from '../../lib/io/atomicFile.js';
import { finishIsxd, PRODUCER } from '../../lib/isxd/writeFooter.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';
import { V1_PACKET_BYTES } from '../../lib/events/readV1.js';

/** One V1 packet: absolute time, magnitude and logical state (spec 6.4). */
export interface V1Packet {
  timeUs: bigint;
  value: number;
  state: 0 | 1;
}

export interface V1ChannelSpec {
  name: string;
  packets: V1Packet[];
  /** `Number of Packets` as written; default the packet count (analog files may say 0, spec 6.4). */
  declaredCount?: number;
}

export interface V1FileSpec {
  type: 3 | 5;
  /** 0 or 1; version 0 has no `analog` key. */
  fileVersion: number;
  analog?: boolean;
  timing: Timing;
  /** Blocks are written in this order; readers order channels by name. */
  channels: V1ChannelSpec[];
}

/**
 * Writes a legacy V1 event-based `.isxd` (spec 6.4). isxcore no longer writes this layout; isx-stream
 * writes it only so that the V1 reader can be tested without real V1 files.
 */
export async function writeV1EventFile(path: string, spec: V1FileSpec, options: { overwrite?: boolean } = {}): Promise<void> {
  const file = await AtomicFile.create(path, { overwrite: options.overwrite ?? false });
  const offsets: JsonObject = {};
  try {
    for (const channel of spec.channels) {
      offsets[channel.name] = file.position;
      await file.write(encodeBlock(channel));
    }
  } catch (error) {
    await file.abort();
    throw error;
  }
  const footer: JsonObject = {
    type: spec.type,
    'timing info': spec.timing.toJson(),
    'channel offsets': offsets,
    dataType: spec.type === 5 ? 1 : 0,
    fileVersion: spec.fileVersion,
    producer: PRODUCER,
  };
  if (spec.fileVersion !== 0) footer.analog = spec.analog ?? false;
  await finishIsxd(file, footer);
}

function encodeBlock(channel: V1ChannelSpec): Uint8Array {
  const header = Buffer.from(
    JSON.stringify({
      channel: channel.name,
      mode: 'Input',
      'GPIO Trigger/Follow': 'None',
      'Number of Packets': channel.declaredCount ?? channel.packets.length,
    }),
    'utf8',
  );
  const out = new Uint8Array(header.byteLength + 1 + channel.packets.length * V1_PACKET_BYTES);
  out.set(header, 0);
  const view = new DataView(out.buffer);
  channel.packets.forEach((packet, k) => {
    const at = header.byteLength + 1 + k * V1_PACKET_BYTES;
    view.setBigUint64(at, packet.timeUs, true);
    // spec 6.4: the sign bit of the f32 carries the state, the magnitude the value.
    view.setFloat32(at + 8, Math.abs(packet.value), true);
    if (packet.state === 1) view.setUint32(at + 8, (view.getUint32(at + 8, true) | 0x80000000) >>> 0, true);
  });
  return out;
}
