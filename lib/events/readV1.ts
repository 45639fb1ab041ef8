import { IsxError } from '../errors.js';
import type { ByteSource } from '../io/byteSource.js';
import { parseDocument } from '../isxd/footer.js';
import { asObject, asUnsigned, field, shortText, type JsonSite } from '../json/fields.js';
import { convertOffsets } from './channelData.js';
import type { ChannelPackets, PacketColumns, PacketStore } from './packetStore.js';
import type { V1Header } from './readEventFooter.js';

/** spec 6.4: `u64 µs since the epoch, u32 f32 bits (sign = state), u32 reserved`. */
export const V1_PACKET_BYTES = 16;
/** Bytes read at a time while looking for the NUL that ends a channel header. */
const HEADER_CHUNK_BYTES = 4096;
/** Packets per read of a channel block (1 MiB). */
const CHUNK_PACKETS = 65536;

interface V1Block {
  name: string;
  /** First packet, right after the header's NUL. */
  dataOffset: number;
  count: number;
}

/**
 * The channel blocks of a V1 (legacy) event-based file (spec 6.4). `open` reads every block's JSON
 * header, so sizes are checked before any packet is read.
 */
export class V1PacketStore implements PacketStore {
  readonly numPackets: number;

  private constructor(
    private readonly source: ByteSource,
    private readonly header: V1Header,
    private readonly blocks: V1Block[],
  ) {
    this.numPackets = blocks.reduce((sum, b) => sum + b.count, 0);
  }

  static async open(source: ByteSource, header: V1Header, payloadEnd: number): Promise<V1PacketStore> {
    const ends = blockEnds(source.path, header, payloadEnd);
    const blocks: V1Block[] = [];
    for (const channel of header.channels) {
      blocks.push(await readBlockHeader(source, header, channel.name, channel.offset, ends.get(channel.offset)!, payloadEnd));
    }
    return new V1PacketStore(source, header, blocks);
  }

  async readChannel(channel: number): Promise<ChannelPackets> {
    const block = this.blocks[channel]!;
    const keysUs = new BigUint64Array(block.count);
    const values = new Float32Array(block.count);
    for (let first = 0; first < block.count; first += CHUNK_PACKETS) {
      const n = Math.min(CHUNK_PACKETS, block.count - first);
      const bytes = await this.source.readAt(block.dataOffset + first * V1_PACKET_BYTES, n * V1_PACKET_BYTES, `channel "${block.name}" packets`);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let k = 0; k < n; k++) {
        const at = k * V1_PACKET_BYTES;
        keysUs[first + k] = view.getBigUint64(at, true);
        values[first + k] = decodeValue(view, at + 8, this.header.analog);
      }
    }
    return { keysUs, values };
  }

  /** Every packet, channel by channel, with offsets after the timing start (spec 6.4). */
  async readColumns(): Promise<PacketColumns> {
    const offsetsUs = new BigUint64Array(this.numPackets);
    const channels = new Uint32Array(this.numPackets);
    const values = new Float32Array(this.numPackets);
    let at = 0;
    for (let c = 0; c < this.blocks.length; c++) {
      const packets = await this.readChannel(c);
      offsetsUs.set(convertOffsets(packets.keysUs, this.header.timing.start.secsSinceEpoch, false, this.source.path), at);
      channels.fill(c, at, at + packets.keysUs.length);
      values.set(packets.values, at);
      at += packets.keysUs.length;
    }
    return { offsetsUs, channels, values };
  }
}

/**
 * spec 6.4 value rule: the sign bit is the logical state and the magnitude the value. Analog files give
 * the magnitude; digital ones the state when the magnitude is 0, else magnitude times state.
 */
function decodeValue(view: DataView, at: number, analog: boolean): number {
  const state = view.getUint32(at, true) >>> 31;
  const magnitude = Math.abs(view.getFloat32(at, true));
  if (analog) return magnitude;
  return magnitude === 0 ? state : magnitude * state;
}

/**
 * spec 6.4: each channel block starts at its own offset and holds its header and packets, so a block ends
 * where the next one (by offset) starts, or at the payload end. Blocks that share an offset are refused:
 * read once per channel, one block could otherwise multiply a small file into any number of rows, and
 * headers searched to the payload end would cost channels × payload bytes.
 */
function blockEnds(path: string, header: V1Header, payloadEnd: number): Map<number, number> {
  const sorted = header.channels.map((c) => c.offset).sort((a, b) => a - b);
  const ends = new Map<number, number>();
  sorted.forEach((offset, i) => {
    if (sorted[i + 1] === offset) {
      const names = header.channels.filter((c) => c.offset === offset).map((c) => `"${shortText(c.name)}"`);
      throw new IsxError('E_CORRUPT', `channels ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''} share the block at offset ${offset}`, {
        path,
        offset,
      });
    }
    ends.set(offset, Math.min(sorted[i + 1] ?? payloadEnd, payloadEnd));
  });
  return ends;
}

async function readBlockHeader(
  source: ByteSource,
  header: V1Header,
  name: string,
  offset: number,
  end: number,
  payloadEnd: number,
): Promise<V1Block> {
  const { path } = source;
  const what = `channel "${shortText(name)}"`;
  const text = await readUntilNul(source, offset, end, what);
  const site: JsonSite = { path, offset, document: `${what} header` };
  const json = asObject(parseDocument(text, site), 'channel header', site);
  const dataOffset = offset + text.byteLength + 1;
  let count = asUnsigned(field(json, 'Number of Packets', site), 'Number of Packets', site);
  // spec 6.4: analog files may leave the count 0; the packets then run to the end of the payload (here:
  // of the block, which is the same for the last block, the only one a writer leaves open).
  if (count === 0 && header.analog) count = Math.floor((end - dataOffset) / V1_PACKET_BYTES);
  if (dataOffset + count * V1_PACKET_BYTES > end) {
    const limit = end === payloadEnd ? `the payload ends at ${end}` : `the next channel block starts at ${end}`;
    throw new IsxError(
      'E_CORRUPT',
      `${what}: ${count} packets of ${V1_PACKET_BYTES} bytes at offset ${dataOffset} need ${count * V1_PACKET_BYTES} bytes; ${limit}`,
      { path, offset: dataOffset },
    );
  }
  return { name, dataOffset, count };
}

/** The bytes from `offset` up to (not including) the next NUL, which must come before `end`. */
async function readUntilNul(source: ByteSource, offset: number, end: number, what: string): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  for (let at = offset; at < end; at += HEADER_CHUNK_BYTES) {
    const chunk = await source.readAt(at, Math.min(HEADER_CHUNK_BYTES, end - at), `${what} header`);
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      pieces.push(chunk.subarray(0, nul));
      return Buffer.concat(pieces);
    }
    pieces.push(chunk);
  }
  throw new IsxError('E_CORRUPT', `${what}: no NUL-terminated header between offset ${offset} and the block end ${end}`, {
    path: source.path,
    offset,
  });
}
