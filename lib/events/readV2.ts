import { IsxError } from '../errors.js';
import type { ByteSource } from '../io/byteSource.js';
import type { ChannelPackets, PacketColumns, PacketStore } from './packetStore.js';
import type { V2Header } from './readEventFooter.js';

/** spec 6.2: `u64 offsetMicroSecs, u64 signal, f32 value`, packed. */
export const V2_PACKET_BYTES = 20;
/** Packets per read: about 1 MiB, so memory stays bounded whatever the payload size. */
const CHUNK_PACKETS = 52428;

/**
 * The packets of a V2 payload (spec 6.2), read in bounded chunks on demand. The first channel read scans
 * the whole payload once, checking every packet's signal and whether the file is grouped by channel in
 * `numSamples` order (event detection writes it so); if it is, later channels read only their own block.
 */
export class V2PacketStore implements PacketStore {
  /** Index of the first packet of each channel's block if the payload is grouped; one extra entry at the end. */
  private readonly blockStarts: number[];
  private grouped: boolean | undefined;

  private constructor(
    private readonly source: ByteSource,
    private readonly header: V2Header,
    readonly numPackets: number,
  ) {
    this.blockStarts = [0];
    for (const n of header.numSamples) this.blockStarts.push(this.blockStarts.at(-1)! + n);
  }

  /** Checks the payload size against the packet size and `numSamples` (spec 6.2, 16). */
  static open(source: ByteSource, header: V2Header, payloadEnd: number): V2PacketStore {
    const extra = payloadEnd % V2_PACKET_BYTES;
    if (extra !== 0) {
      throw new IsxError(
        'E_CORRUPT',
        `payload is ${payloadEnd} bytes, not a whole number of ${V2_PACKET_BYTES}-byte packets (${extra} bytes left over at offset ${payloadEnd - extra})`,
        { path: source.path, offset: payloadEnd - extra },
      );
    }
    const numPackets = payloadEnd / V2_PACKET_BYTES;
    const declared = header.numSamples.reduce((a, b) => a + b, 0);
    if (declared !== numPackets) {
      throw new IsxError(
        'E_CORRUPT',
        `footer numSamples add up to ${declared} packets; the payload holds ${numPackets} (${payloadEnd} bytes)`,
        { path: source.path, offset: payloadEnd },
      );
    }
    return new V2PacketStore(source, header, numPackets);
  }

  async readChannel(channel: number): Promise<ChannelPackets> {
    if (this.grouped) {
      const block = await this.readBlock(channel);
      if (block) return block;
    }
    return this.scanChannel(channel);
  }

  async readColumns(): Promise<PacketColumns> {
    const offsetsUs = new BigUint64Array(this.numPackets);
    const channels = new Uint32Array(this.numPackets);
    const values = new Float32Array(this.numPackets);
    await this.forEachPacket(0, this.numPackets, (view, at, index, signal) => {
      offsetsUs[index] = view.getBigUint64(at, true);
      channels[index] = signal;
      values[index] = view.getFloat32(at + 16, true);
    });
    return { offsetsUs, channels, values };
  }

  /** Reads every packet, keeping the channel's and noting whether all lie in their own block. */
  private async scanChannel(channel: number): Promise<ChannelPackets> {
    const picked = new PacketCollector(this.header.numSamples[channel]!);
    let grouped = true;
    await this.forEachPacket(0, this.numPackets, (view, at, index, signal) => {
      if (index < this.blockStarts[signal]! || index >= this.blockStarts[signal + 1]!) grouped = false;
      if (signal === channel) picked.push(view.getBigUint64(at, true), view.getFloat32(at + 16, true));
    });
    this.grouped = grouped;
    return picked.finish();
  }

  /** The channel's block if every packet in it belongs to the channel; undefined to make the caller scan. */
  private async readBlock(channel: number): Promise<ChannelPackets | undefined> {
    const first = this.blockStarts[channel]!;
    const count = this.header.numSamples[channel]!;
    const keysUs = new BigUint64Array(count);
    const values = new Float32Array(count);
    let intact = true;
    await this.forEachPacket(first, count, (view, at, index, signal) => {
      if (signal !== channel) intact = false;
      keysUs[index - first] = view.getBigUint64(at, true);
      values[index - first] = view.getFloat32(at + 16, true);
    });
    if (intact) return { keysUs, values };
    this.grouped = undefined;
    return undefined;
  }

  /** Visits packets `[first, first + count)` chunk by chunk, rejecting any whose signal names no channel. */
  private async forEachPacket(
    first: number,
    count: number,
    visit: (view: DataView, at: number, index: number, signal: number) => void,
  ): Promise<void> {
    const numChannels = this.header.channelNames.length;
    for (let chunkStart = first; chunkStart < first + count; chunkStart += CHUNK_PACKETS) {
      const n = Math.min(CHUNK_PACKETS, first + count - chunkStart);
      const bytes = await this.source.readAt(chunkStart * V2_PACKET_BYTES, n * V2_PACKET_BYTES, 'event packets');
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let k = 0; k < n; k++) {
        const at = k * V2_PACKET_BYTES;
        // A signal below the channel count fits in the low u32; the high half must be 0.
        const signal = view.getUint32(at + 8, true);
        if (signal >= numChannels || view.getUint32(at + 12, true) !== 0) {
          const index = chunkStart + k;
          throw new IsxError(
            'E_CORRUPT',
            `packet ${index} at offset ${index * V2_PACKET_BYTES} has signal ${view.getBigUint64(at + 8, true)}; the file has ${numChannels} channels`,
            { path: this.source.path, offset: index * V2_PACKET_BYTES },
          );
        }
        visit(view, at, chunkStart + k, signal);
      }
    }
  }
}

/** Growable columns for one channel's packets; sized by `numSamples`, growing only if the footer lied. */
class PacketCollector {
  private keysUs: BigUint64Array;
  private values: Float32Array;
  private count = 0;

  constructor(expected: number) {
    this.keysUs = new BigUint64Array(expected);
    this.values = new Float32Array(expected);
  }

  push(keyUs: bigint, value: number): void {
    if (this.count === this.keysUs.length) {
      const capacity = Math.max(16, this.count * 2);
      const keysUs = new BigUint64Array(capacity);
      keysUs.set(this.keysUs);
      const values = new Float32Array(capacity);
      values.set(this.values);
      this.keysUs = keysUs;
      this.values = values;
    }
    this.keysUs[this.count] = keyUs;
    this.values[this.count++] = value;
  }

  finish(): ChannelPackets {
    return { keysUs: this.keysUs.subarray(0, this.count), values: this.values.subarray(0, this.count) };
  }
}
