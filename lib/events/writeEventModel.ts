import { IsxError } from '../errors.js';
import { jsonInt } from '../core/ratio.js';
import { AtomicFile } from '../io/atomicFile.js';
import { finishIsxd, PRODUCER } from '../isxd/writeFooter.js';
import type { JsonObject } from '../json/jsonValue.js';
import type { EventModel } from './eventModel.js';
import { V2_PACKET_BYTES } from './readV2.js';

export interface WriteEventModelOptions {
  /** Replace an existing file. Default false: `E_EXISTS`. */
  overwrite?: boolean;
  /** Footer `fileVersion`; isxcore writes 2 (spec 6.1). */
  fileVersion?: number;
}

/** Packets per write (about 1 MiB). */
const CHUNK_PACKETS = 52428;

/**
 * Writes a model as a V2 event-based `.isxd` (spec 6.1, 6.2, 16): packets in the model's order (which
 * may be shuffled or hold duplicates: readers must cope, spec 6.2), then the footer. The file appears
 * only when complete.
 */
export async function writeEventModel(path: string, model: EventModel, options: WriteEventModelOptions = {}): Promise<void> {
  checkEventModel(model, path);
  const footer = buildEventFooter(model, options.fileVersion ?? 2);
  const file = await AtomicFile.create(path, { overwrite: options.overwrite ?? false });
  try {
    await writePackets(file, model);
  } catch (error) {
    await file.abort();
    throw error;
  }
  await finishIsxd(file, footer);
}

/** The V2 footer of a model (spec 16), with `startOffsets` and `numSamples` counted from its packets. */
export function buildEventFooter(model: EventModel, fileVersion: number): JsonObject {
  const numChannels = model.channelNames.length;
  const numSamples = new Array<number>(numChannels).fill(0);
  const startOffsets = new Array<bigint>(numChannels).fill(0n);
  for (let i = 0; i < model.channels.length; i++) {
    const c = model.channels[i]!;
    // spec 6.1: the offset of the first packet written for the channel.
    if (numSamples[c] === 0) startOffsets[c] = model.offsetsUs[i]!;
    numSamples[c]!++;
  }
  return {
    type: model.type,
    fileType: 1,
    fileVersion,
    'channel list': [...model.channelNames],
    'global times': [model.start.toJson(), model.end.toJson()],
    signalSteps: model.signalSteps.map((s) => s.toJson()),
    signalTypes: [...model.signalTypes],
    startOffsets: startOffsets.map(jsonInt),
    numSamples,
    metrics: model.metrics,
    extraProperties: model.extraProperties,
    producer: PRODUCER,
  };
}

/** Rejects a model whose lists disagree, before anything is written. */
export function checkEventModel(model: EventModel, path: string): void {
  const fail = (detail: string): never => {
    throw new IsxError('E_ARGUMENT', `event model: ${detail}`, { path });
  };
  if (model.type !== 3 && model.type !== 5 && model.type !== 7) fail(`type must be 3, 5 or 7, got ${String(model.type)}`);
  const numChannels = model.channelNames.length;
  if (model.signalSteps.length !== numChannels || model.signalTypes.length !== numChannels) {
    fail(`${numChannels} channels but ${model.signalSteps.length} signalSteps and ${model.signalTypes.length} signalTypes`);
  }
  const n = model.offsetsUs.length;
  if (model.channels.length !== n || model.values.length !== n) {
    fail(`packet columns differ in length: ${n} offsets, ${model.channels.length} channels, ${model.values.length} values`);
  }
  for (let i = 0; i < n; i++) {
    if (model.channels[i]! >= numChannels) fail(`packet ${i} has channel ${model.channels[i]}; there are ${numChannels} channels`);
  }
}

async function writePackets(file: AtomicFile, model: EventModel): Promise<void> {
  const total = model.offsetsUs.length;
  const chunk = new Uint8Array(Math.min(total, CHUNK_PACKETS) * V2_PACKET_BYTES);
  const view = new DataView(chunk.buffer);
  for (let first = 0; first < total; first += CHUNK_PACKETS) {
    const n = Math.min(CHUNK_PACKETS, total - first);
    for (let k = 0; k < n; k++) {
      const at = k * V2_PACKET_BYTES;
      view.setBigUint64(at, model.offsetsUs[first + k]!, true);
      view.setBigUint64(at + 8, BigInt(model.channels[first + k]!), true);
      view.setFloat32(at + 16, model.values[first + k]!, true);
    }
    await file.write(chunk.subarray(0, n * V2_PACKET_BYTES));
  }
}
